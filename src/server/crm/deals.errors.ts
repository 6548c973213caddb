import { defineErrors } from "../platform/errors.ts";

export const DealErrors = defineErrors({
  notFound: {
    code: "deals.not_found",
    status: 404,
    en: "This deal does not exist or is outside your scope.",
    bn: "এই ডিলটি নেই অথবা আপনার আওতার বাইরে।",
  },
  accountNotFound: {
    code: "deals.account_not_found",
    status: 404,
    en: "This account does not exist or is outside your scope.",
    bn: "এই অ্যাকাউন্টটি নেই অথবা আপনার আওতার বাইরে।",
  },
  contactNotFound: {
    code: "deals.contact_not_found",
    status: 404,
    en: "This contact does not exist or is outside your scope.",
    bn: "এই যোগাযোগটি নেই অথবা আপনার আওতার বাইরে।",
  },
  leadNotFound: {
    code: "deals.lead_not_found",
    status: 404,
    en: "This lead does not exist or is outside your scope.",
    bn: "এই লিডটি নেই অথবা আপনার আওতার বাইরে।",
  },
  ownerNotFound: {
    code: "deals.owner_not_found",
    status: 404,
    en: "This user does not exist or is not active.",
    bn: "এই ব্যবহারকারী নেই অথবা সক্রিয় নন।",
  },
  territoryNotFound: {
    code: "deals.territory_not_found",
    status: 404,
    en: "This territory does not exist or is outside your scope.",
    bn: "এই এলাকাটি নেই অথবা আপনার আওতার বাইরে।",
  },
  pipelineNotFound: {
    code: "deals.pipeline_not_found",
    status: 404,
    en: "This pipeline does not exist.",
    bn: "এই পাইপলাইনটি নেই।",
  },
  stageNotFound: {
    code: "deals.stage_not_found",
    status: 404,
    en: "This stage does not exist in the deal's pipeline.",
    bn: "ডিলের পাইপলাইনে এই ধাপটি নেই।",
  },
  lostReasonNotFound: {
    code: "deals.lost_reason_not_found",
    status: 404,
    en: "This lost reason does not exist.",
    bn: "হারানোর এই কারণটি নেই।",
  },
  lostReasonRequired: {
    code: "deals.lost_reason_required",
    status: 422,
    en: "Say why the deal was lost: choose a lost reason.",
    bn: "ডিলটি কেন হারানো গেল তা বলুন: হারানোর একটি কারণ বেছে নিন।",
  },
  changedMeanwhile: {
    code: "deals.changed_meanwhile",
    status: 409,
    en: "Someone else changed this deal meanwhile. Look at it again, then move it.",
    bn: "এর মধ্যে অন্য কেউ এই ডিলটি বদলেছেন। আবার দেখে তারপর সরান।",
  },
  pipelineNeedsStages: {
    code: "deals.pipeline_needs_stages",
    status: 422,
    en: "A pipeline needs at least one open stage, one won stage and one lost stage.",
    bn: "পাইপলাইনে অন্তত একটি চলমান, একটি জয়ী ও একটি হারানো ধাপ লাগবে।",
  },
  stageInUse: {
    code: "deals.stage_in_use",
    status: 409,
    en: "A stage that still has deals cannot be removed: move its deals first.",
    bn: "যে ধাপে এখনো ডিল আছে তা সরানো যায় না: আগে ডিলগুলো সরান।",
  },
  stageNotInPipeline: {
    code: "deals.stage_not_in_pipeline",
    status: 422,
    en: "A stage of another pipeline was named.",
    bn: "অন্য পাইপলাইনের একটি ধাপ দেওয়া হয়েছে।",
  },
});
