import { defineErrors } from "../platform/errors.ts";

export const ClaimErrors = defineErrors({
  claimNotFound: {
    code: "claims.not_found",
    status: 404,
    en: "This claim does not exist or is outside your scope.",
    bn: "এই দাবিটি নেই অথবা আপনার আওতার বাইরে।",
  },
  distributorNotFound: {
    code: "claims.distributor_not_found",
    status: 404,
    en: "This distributor does not exist or is outside your scope.",
    bn: "এই ডিস্ট্রিবিউটর নেই অথবা আপনার আওতার বাইরে।",
  },
  distributorRequired: {
    code: "claims.distributor_required",
    status: 422,
    en: "Say which distributor the claim is for.",
    bn: "দাবিটি কোন ডিস্ট্রিবিউটরের জন্য তা উল্লেখ করুন।",
  },
  nothingToClaim: {
    code: "claims.nothing_to_claim",
    status: 422,
    en: "Nothing is claimable for this distributor in this period: every delivered scheme cost is already claimed.",
    bn: "এই সময়ে এই ডিস্ট্রিবিউটরের দাবি করার মতো কিছু নেই: সরবরাহ করা সব স্কিমের খরচ আগেই দাবি করা হয়েছে।",
  },
  wrongStatus: {
    code: "claims.wrong_status",
    status: 409,
    en: "This claim is {status}: it cannot be {action} now.",
    bn: "এই দাবিটি এখন {statusBn}: এখন এটি {actionBn} করা যায় না।",
  },
  answerNeedsNote: {
    code: "claims.answer_needs_note",
    status: 422,
    en: "Answer the dispute with a note when submitting the claim again.",
    bn: "দাবিটি আবার জমা দেওয়ার সময় আপত্তির উত্তরে একটি নোট লিখুন।",
  },
  approveTooMuch: {
    code: "claims.approve_too_much",
    status: 422,
    en: "At most the claimed {claimed:money} can be approved.",
    bn: "দাবি করা {claimed:money}-এর বেশি অনুমোদন করা যায় না।",
  },
  reductionNeedsReason: {
    code: "claims.reduction_needs_reason",
    status: 422,
    en: "Say why when approving less than the claimed amount.",
    bn: "দাবির চেয়ে কম অনুমোদন করলে কারণ লিখুন।",
  },
  negativeClaimReduced: {
    code: "claims.negative_claim_reduced",
    status: 422,
    en: "A claim that returns money (a negative total) is approved in full.",
    bn: "টাকা ফেরতের দাবি (ঋণাত্মক মোট) পুরোটাই অনুমোদন করতে হয়।",
  },
});

export const CLAIM_STATUS_WORDS = {
  draft: { en: "a draft", bn: "খসড়া" },
  submitted: { en: "submitted", bn: "জমা দেওয়া" },
  approved: { en: "approved", bn: "অনুমোদিত" },
  disputed: { en: "disputed", bn: "আপত্তিকৃত" },
  withdrawn: { en: "withdrawn", bn: "প্রত্যাহার করা" },
  settled: { en: "settled", bn: "পরিশোধিত" },
} as const;

export const CLAIM_ACTION_WORDS = {
  submit: { en: "submitted", bn: "জমা" },
  approve: { en: "approved", bn: "অনুমোদন" },
  dispute: { en: "disputed", bn: "আপত্তি" },
  withdraw: { en: "withdrawn", bn: "প্রত্যাহার" },
  settle: { en: "settled", bn: "পরিশোধ" },
} as const;
