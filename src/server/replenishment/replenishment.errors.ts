import { defineErrors } from "../platform/errors.ts";

export const ReplenishmentErrors = defineErrors({
  distributorNotFound: {
    code: "replenishment.distributor_not_found",
    status: 404,
    en: "This distributor does not exist or is outside your scope.",
    bn: "এই ডিস্ট্রিবিউটর নেই অথবা আপনার আওতার বাইরে।",
  },
  skuNotFound: {
    code: "replenishment.sku_not_found",
    status: 404,
    en: "This product does not exist.",
    bn: "এই পণ্যটি নেই।",
  },
  eventNotFound: {
    code: "replenishment.event_not_found",
    status: 404,
    en: "This event does not exist.",
    bn: "এই উপলক্ষটি নেই।",
  },
  proposalNotFound: {
    code: "replenishment.proposal_not_found",
    status: 404,
    en: "This proposed order does not exist or is outside your scope.",
    bn: "এই প্রস্তাবিত অর্ডারটি নেই অথবা আপনার আওতার বাইরে।",
  },
  proposalNotOpen: {
    code: "replenishment.proposal_not_open",
    status: 409,
    en: "This proposed order was already {status}; only an open proposal can be approved or dismissed.",
    bn: "এই প্রস্তাবিত অর্ডারটি আগেই {statusBn}; শুধু খোলা প্রস্তাব অনুমোদন বা বাতিল করা যায়।",
  },
  proposalEmpty: {
    code: "replenishment.proposal_empty",
    status: 422,
    en: "Nothing left to order: every line is zero. Dismiss the proposal instead.",
    bn: "অর্ডার করার কিছু নেই: সব লাইন শূন্য। প্রস্তাবটি বরং বাতিল করুন।",
  },
  proposalLineUnknown: {
    code: "replenishment.proposal_line_unknown",
    status: 422,
    en: "Product {skuId} is not on this proposal.",
    bn: "পণ্য {skuId} এই প্রস্তাবে নেই।",
  },
});

export const PROPOSAL_STATUS_WORDS = {
  open: { en: "open", bn: "খোলা" },
  approved: { en: "approved", bn: "অনুমোদিত হয়েছে" },
  dismissed: { en: "dismissed", bn: "বাতিল হয়েছে" },
  superseded: { en: "replaced by a newer proposal", bn: "নতুন প্রস্তাবে প্রতিস্থাপিত হয়েছে" },
} as const;
