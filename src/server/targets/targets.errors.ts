import { defineErrors } from "../platform/errors.ts";

export const TargetErrors = defineErrors({
  notFound: {
    code: "targets.not_found",
    status: 404,
    en: "This target does not exist or is outside your scope.",
    bn: "এই লক্ষ্যটি নেই অথবা আপনার আওতার বাইরে।",
  },
  subjectNotFound: {
    code: "targets.subject_not_found",
    status: 404,
    en: "The {kind} of this target does not exist or is outside your scope.",
    bn: "এই লক্ষ্যের {kindBn} নেই অথবা আপনার আওতার বাইরে।",
  },
  skuNotFound: {
    code: "targets.sku_not_found",
    status: 404,
    en: "This product does not exist.",
    bn: "এই পণ্যটি নেই।",
  },
  notFuture: {
    code: "targets.not_future",
    status: 409,
    en: "Only a target of a future period can be deleted: achievement and pay are computed on current and past ones. Set it to the right figure instead.",
    bn: "শুধু ভবিষ্যৎ সময়কালের লক্ষ্য মোছা যায়: চলতি ও আগের লক্ষ্যের ওপর অর্জন ও প্রণোদনা হিসাব হয়। বরং সঠিক সংখ্যাটি দিন।",
  },
  parentMissing: {
    code: "targets.parent_missing",
    status: 422,
    en: "This territory has no target for this period and metric: set it first, then split it.",
    bn: "এই সময়কাল ও মাপকাঠিতে এই এলাকার কোনো লক্ষ্য নেই: আগে লক্ষ্য দিন, তারপর ভাগ করুন।",
  },
  nothingToSplitInto: {
    code: "targets.nothing_to_split_into",
    status: 422,
    en: "This territory has no {into} to split its target into.",
    bn: "এই এলাকায় লক্ষ্য ভাগ করার মতো কোনো {intoBn} নেই।",
  },
  duplicateInRequest: {
    code: "targets.duplicate_in_request",
    status: 422,
    en: "The same target (subject, period, metric and product) appears twice in this request.",
    bn: "একই লক্ষ্য (বিষয়, সময়কাল, মাপকাঠি ও পণ্য) এই অনুরোধে দুবার আছে।",
  },
  importInvalid: {
    code: "targets.import_invalid",
    status: 422,
    en: "Problems found in the file: {count}. Nothing was imported.",
    bn: "ফাইলে সমস্যা পাওয়া গেছে: {count}টি। কিছুই আমদানি করা হয়নি।",
  },
  importEmpty: {
    code: "targets.import_empty",
    status: 400,
    en: "The file has no rows below its header.",
    bn: "ফাইলের শিরোনামের নিচে কোনো সারি নেই।",
  },
});

export const SUBJECT_WORDS = {
  rep: { en: "sales rep", bn: "বিক্রয় প্রতিনিধি" },
  distributor: { en: "distributor", bn: "ডিস্ট্রিবিউটর" },
  territory: { en: "territory", bn: "এলাকা" },
  outlet: { en: "outlet", bn: "আউটলেট" },
} as const;

export const INTO_WORDS = {
  territories: { en: "territories below it", bn: "নিচের এলাকা" },
  distributors: { en: "distributors", bn: "ডিস্ট্রিবিউটর" },
  reps: { en: "sales reps", bn: "বিক্রয় প্রতিনিধি" },
  outlets: { en: "active outlets", bn: "সক্রিয় আউটলেট" },
} as const;

/** The CSV import's row problems, in both languages; {column} and other placeholders are filled in. */
export const TARGET_IMPORT_MESSAGES = {
  missingColumn: { en: "The column {column} is missing.", bn: "{column} কলামটি নেই।" },
  required: { en: "{column} is empty.", bn: "{column} খালি।" },
  badPeriod: {
    en: "{column} must be a month (2026-11) or a quarter (2026-Q4).",
    bn: "{column} হতে হবে একটি মাস (2026-11) বা ত্রৈমাসিক (2026-Q4)।",
  },
  badSubjectKind: {
    en: "{column} must be rep, distributor, territory or outlet.",
    bn: "{column} হতে হবে rep, distributor, territory বা outlet।",
  },
  unknownSubject: {
    en: "No {kind} with the code {value} in your scope.",
    bn: "আপনার আওতায় {value} কোডের কোনো {kindBn} নেই।",
  },
  badMetric: {
    en: "{column} must be value, volume, focus_sku, new_outlets or coverage.",
    bn: "{column} হতে হবে value, volume, focus_sku, new_outlets বা coverage।",
  },
  skuNeeded: {
    en: "A focus_sku target needs a sku_code, and other metrics none.",
    bn: "focus_sku লক্ষ্যে sku_code লাগবে, অন্য মাপকাঠিতে নয়।",
  },
  unknownSku: { en: "No product with the code {value}.", bn: "{value} কোডের কোনো পণ্য নেই।" },
  badTarget: {
    en: "{column} must be a whole number from 0 (value in taka, up to two decimals; coverage in %, at most 100).",
    bn: "{column} হতে হবে ০ বা তার বেশি পূর্ণসংখ্যা (মূল্য টাকায়, দুই দশমিক পর্যন্ত; কভারেজ %-এ, সর্বোচ্চ ১০০)।",
  },
  duplicate: {
    en: "The same target is already on row {first}.",
    bn: "একই লক্ষ্য আগেই {first} নম্বর সারিতে আছে।",
  },
} as const;
export type TargetImportMessage = keyof typeof TARGET_IMPORT_MESSAGES;
