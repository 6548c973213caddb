import { defineErrors } from "../platform/errors.ts";

export const PromotionErrors = defineErrors({
  schemeNotFound: {
    code: "promotions.scheme_not_found",
    status: 404,
    en: "This scheme does not exist or is outside your scope.",
    bn: "এই স্কিমটি নেই অথবা আপনার আওতার বাইরে।",
  },
  campaignNotFound: {
    code: "promotions.campaign_not_found",
    status: 404,
    en: "This campaign does not exist.",
    bn: "এই ক্যাম্পেইনটি নেই।",
  },
  outletNotFound: {
    code: "promotions.outlet_not_found",
    status: 404,
    en: "This outlet does not exist or is outside your scope.",
    bn: "এই আউটলেটটি নেই অথবা আপনার আওতার বাইরে।",
  },
  orderNotFound: {
    code: "promotions.order_not_found",
    status: 404,
    en: "This order does not exist or is outside your scope.",
    bn: "এই অর্ডারটি নেই অথবা আপনার আওতার বাইরে।",
  },
  codeTaken: {
    code: "promotions.code_taken",
    status: 409,
    en: "Another scheme already uses the code {code}.",
    bn: "{code} কোডটি আরেকটি স্কিমে ব্যবহৃত হয়েছে।",
  },
  skuUnknown: {
    code: "promotions.sku_unknown",
    status: 422,
    en: "The scheme names a product that does not exist or is archived: {skuId}.",
    bn: "স্কিমে এমন একটি পণ্য আছে যা নেই বা আর্কাইভ করা হয়েছে: {skuId}।",
  },
  targetUnknown: {
    code: "promotions.target_unknown",
    status: 422,
    en: "The targeting names a {kind} that does not exist: {id}.",
    bn: "লক্ষ্যে এমন একটি {kindBn} আছে যা নেই: {id}।",
  },
  periodInvalid: {
    code: "promotions.period_invalid",
    status: 422,
    en: "The end date must be on or after the start date.",
    bn: "শেষের তারিখ শুরুর তারিখের দিন বা পরে হতে হবে।",
  },
  primaryLimits: {
    code: "promotions.primary_limits",
    status: 422,
    en: "A distributor-facing (primary) scheme has no budget or per-outlet cap: leave both empty.",
    bn: "ডিস্ট্রিবিউটরমুখী (প্রাইমারি) স্কিমে বাজেট বা আউটলেটপ্রতি সীমা থাকে না: দুটোই ফাঁকা রাখুন।",
  },
  budgetBelowSpent: {
    code: "promotions.budget_below_spent",
    status: 409,
    en: "The budget cannot be less than what the scheme has already given ({spent} poisha).",
    bn: "বাজেট স্কিমটি যা ইতিমধ্যে দিয়েছে ({spent} পয়সা) তার চেয়ে কম হতে পারে না।",
  },
  illegalTransition: {
    code: "promotions.illegal_transition",
    status: 409,
    en: "A {status} scheme cannot be set to {action}.",
    bn: "{statusBn} অবস্থার স্কিমে {actionBn} করা যায় না।",
  },
  ended: {
    code: "promotions.scheme_ended",
    status: 409,
    en: "This scheme has ended and can no longer be changed.",
    bn: "এই স্কিমটি শেষ হয়েছে, আর বদলানো যায় না।",
  },
});

export const SCHEME_STATUS_WORDS = {
  draft: { en: "draft", bn: "খসড়া" },
  active: { en: "active", bn: "চালু" },
  paused: { en: "paused", bn: "স্থগিত" },
  ended: { en: "ended", bn: "শেষ" },
} as const;

export const SCHEME_ACTION_WORDS = {
  activate: { en: "active", bn: "চালু" },
  pause: { en: "paused", bn: "স্থগিত" },
  end: { en: "ended", bn: "শেষ" },
} as const;

export const TARGET_KIND_WORDS = {
  territory: { en: "territory", bn: "এলাকা" },
  distributor: { en: "distributor", bn: "ডিস্ট্রিবিউটর" },
  outlet: { en: "outlet", bn: "আউটলেট" },
  campaign: { en: "campaign", bn: "ক্যাম্পেইন" },
} as const;
