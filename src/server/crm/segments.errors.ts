import { defineErrors } from "../platform/errors.ts";

export const SegmentErrors = defineErrors({
  notFound: {
    code: "crm.segment_not_found",
    status: 404,
    en: "This segment does not exist or is not shared with you.",
    bn: "এই সেগমেন্টটি নেই অথবা আপনার সাথে শেয়ার করা হয়নি।",
  },
  notOwner: {
    code: "crm.segment_not_owner",
    status: 403,
    en: "Only the segment's owner (or an administrator) can change it.",
    bn: "শুধু সেগমেন্টের মালিক (অথবা অ্যাডমিন) এটি বদলাতে পারেন।",
  },
  wrongEntity: {
    code: "crm.segment_wrong_entity",
    status: 400,
    en: "This segment is a list of {entity}s, not of these records.",
    bn: "এই সেগমেন্টটি অন্য ধরনের রেকর্ডের তালিকা।",
  },
});
