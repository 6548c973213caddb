import { defineErrors } from "../platform/errors.ts";

export const AnalyticsErrors = defineErrors({
  periodReversed: {
    code: "analytics.period_reversed",
    status: 422,
    en: "The period ends ({to}) before it starts ({from}).",
    bn: "সময়কালের শেষ ({to}) শুরুর ({from}) আগে।",
  },
  periodTooLong: {
    code: "analytics.period_too_long",
    status: 422,
    en: "A period can span at most {max} days; this one spans {days}.",
    bn: "একটি সময়কাল সর্বোচ্চ {max} দিনের হতে পারে; এটি {days} দিনের।",
  },
  distributorNotFound: {
    code: "analytics.distributor_not_found",
    status: 404,
    en: "The distributor was not found.",
    bn: "ডিস্ট্রিবিউটর পাওয়া যায়নি।",
  },
  outletNotFound: {
    code: "analytics.outlet_not_found",
    status: 404,
    en: "The outlet was not found.",
    bn: "আউটলেটটি পাওয়া যায়নি।",
  },
  productFilterConflict: {
    code: "analytics.product_filter_conflict",
    status: 422,
    en: "Choose a brand, a category or a SKU, not more than one.",
    bn: "ব্র্যান্ড, ক্যাটাগরি বা এসকেইউ — যেকোনো একটি বেছে নিন, একাধিক নয়।",
  },
  outletByProduct: {
    code: "analytics.outlet_by_product",
    status: 422,
    en: "Outlets cannot be broken down by one product: remove the brand, category or SKU filter, or break down by SKU.",
    bn: "একটি পণ্যের জন্য আউটলেট ভিত্তিক হিসাব দেখানো যায় না: ব্র্যান্ড, ক্যাটাগরি বা এসকেইউ ফিল্টার সরান, অথবা এসকেইউ অনুযায়ী দেখুন।",
  },
});
