import { defineErrors } from "../platform/errors.ts";

export const IncentiveErrors = defineErrors({
  planNotFound: {
    code: "incentives.plan_not_found",
    status: 404,
    en: "This incentive plan does not exist.",
    bn: "এই ইনসেনটিভ পরিকল্পনাটি নেই।",
  },
  planArchived: {
    code: "incentives.plan_archived",
    status: 409,
    en: "This plan is archived: statements are no longer computed under it.",
    bn: "এই পরিকল্পনাটি আর্কাইভ করা হয়েছে: এর অধীনে আর স্টেটমেন্ট হিসাব হয় না।",
  },
  territoryNotFound: {
    code: "incentives.territory_not_found",
    status: 422,
    en: "The plan's territory does not exist.",
    bn: "পরিকল্পনার এলাকাটি নেই।",
  },
  skuNotFound: {
    code: "incentives.sku_not_found",
    status: 422,
    en: "A focus product of the kickers does not exist.",
    bn: "কিকারের একটি ফোকাস পণ্য নেই।",
  },
  periodNotAligned: {
    code: "incentives.period_not_aligned",
    status: 422,
    en: "The period starts on the first day of a {kind}.",
    bn: "সময়কাল একটি {kindBn} প্রথম দিনে শুরু হয়।",
  },
  periodOutsidePlan: {
    code: "incentives.period_outside_plan",
    status: 422,
    en: "The plan is not in force in this period.",
    bn: "এই সময়কালে পরিকল্পনাটি চালু নেই।",
  },
  periodNotOver: {
    code: "incentives.period_not_started",
    status: 422,
    en: "This period has not started yet.",
    bn: "এই সময়কাল এখনো শুরু হয়নি।",
  },
  statementNotFound: {
    code: "incentives.statement_not_found",
    status: 404,
    en: "This statement does not exist or is not yours to see.",
    bn: "এই স্টেটমেন্টটি নেই অথবা আপনার দেখার অনুমতি নেই।",
  },
  statementNotDraft: {
    code: "incentives.statement_not_draft",
    status: 409,
    en: "This statement is already {status}; only a draft can be approved.",
    bn: "এই স্টেটমেন্টটি আগেই {statusBn}; শুধু খসড়া অনুমোদন করা যায়।",
  },
  statementNotApproved: {
    code: "incentives.statement_not_approved",
    status: 409,
    en: "Only an approved statement can be marked paid (this one is {status}).",
    bn: "শুধু অনুমোদিত স্টেটমেন্ট পরিশোধিত হিসেবে চিহ্নিত করা যায় (এটি {statusBn})।",
  },
  earlierDraft: {
    code: "incentives.earlier_draft",
    status: 409,
    en: "An earlier period's statement of this person is still a draft: approve it first, so clawbacks carry in order.",
    bn: "এই ব্যক্তির আগের সময়ের একটি স্টেটমেন্ট এখনো খসড়া: আগে সেটি অনুমোদন করুন, যাতে ক্লব্যাক ক্রমানুসারে যায়।",
  },
});

export const STATUS_WORDS = {
  draft: { en: "a draft", bn: "খসড়া" },
  approved: { en: "approved", bn: "অনুমোদিত" },
  paid: { en: "paid", bn: "পরিশোধিত" },
} as const;

export const PERIOD_WORDS = {
  month: { en: "month", bn: "মাসের" },
  quarter: { en: "quarter", bn: "ত্রৈমাসিকের" },
} as const;
