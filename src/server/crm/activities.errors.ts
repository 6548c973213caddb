import { defineErrors } from "../platform/errors.ts";

export const ActivityErrors = defineErrors({
  notFound: {
    code: "activities.not_found",
    status: 404,
    en: "This activity does not exist or is outside your scope.",
    bn: "এই কার্যক্রমটি নেই অথবা আপনার আওতার বাইরে।",
  },
  recordNotFound: {
    code: "activities.record_not_found",
    status: 404,
    en: "A linked record does not exist or is outside your scope.",
    bn: "যুক্ত একটি রেকর্ড নেই অথবা আপনার আওতার বাইরে।",
  },
  ownerNotFound: {
    code: "activities.owner_not_found",
    status: 404,
    en: "This user does not exist or is not active.",
    bn: "এই ব্যবহারকারী নেই অথবা সক্রিয় নন।",
  },
  notATask: {
    code: "activities.not_a_task",
    status: 422,
    en: "Only a task can be ticked done.",
    bn: "শুধু কাজই সম্পন্ন হিসেবে চিহ্নিত করা যায়।",
  },
  fieldNotForKind: {
    code: "activities.field_not_for_kind",
    status: 422,
    en: "This field does not belong to this kind of activity.",
    bn: "এই ঘরটি এই ধরনের কার্যক্রমের নয়।",
  },
});
