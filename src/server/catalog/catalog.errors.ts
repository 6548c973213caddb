import { defineErrors } from "../platform/errors.ts";

export const CatalogErrors = defineErrors({
  brandNotFound: {
    code: "catalog.brand_not_found",
    status: 404,
    en: "The brand was not found.",
    bn: "ব্র্যান্ডটি পাওয়া যায়নি।",
  },
  categoryNotFound: {
    code: "catalog.category_not_found",
    status: 404,
    en: "The category was not found.",
    bn: "ক্যাটাগরিটি পাওয়া যায়নি।",
  },
  skuNotFound: {
    code: "catalog.sku_not_found",
    status: 404,
    en: "The SKU was not found.",
    bn: "SKU-টি পাওয়া যায়নি।",
  },
  priceListNotFound: {
    code: "catalog.price_list_not_found",
    status: 404,
    en: "The price list was not found.",
    bn: "মূল্য তালিকাটি পাওয়া যায়নি।",
  },
  outletNotFound: {
    code: "catalog.outlet_not_found",
    status: 404,
    en: "The outlet was not found.",
    bn: "আউটলেটটি পাওয়া যায়নি।",
  },
  distributorNotFound: {
    code: "catalog.distributor_not_found",
    status: 404,
    en: "The distributor was not found.",
    bn: "ডিস্ট্রিবিউটরটি পাওয়া যায়নি।",
  },
  codeTaken: {
    code: "catalog.code_taken",
    status: 409,
    en: "The code {code} is already in use.",
    bn: "{code} কোডটি আগে থেকেই ব্যবহার হচ্ছে।",
  },
  barcodeTaken: {
    code: "catalog.barcode_taken",
    status: 409,
    en: "The barcode {barcode} already belongs to another SKU ({skuCode}).",
    bn: "{barcode} বারকোডটি আগে থেকেই অন্য একটি SKU-এর ({skuCode})।",
  },
  brandUnknown: {
    code: "catalog.brand_unknown",
    status: 400,
    en: "The brand does not exist or is archived.",
    bn: "ব্র্যান্ডটি নেই বা আর্কাইভ করা।",
  },
  categoryUnknown: {
    code: "catalog.category_unknown",
    status: 400,
    en: "The category does not exist or is archived.",
    bn: "ক্যাটাগরিটি নেই বা আর্কাইভ করা।",
  },
  categoryCycle: {
    code: "catalog.category_cycle",
    status: 400,
    en: "A category cannot sit under itself or one of its own sub-categories.",
    bn: "একটি ক্যাটাগরি নিজের বা নিজের উপ-ক্যাটাগরির নিচে থাকতে পারে না।",
  },
  categoryHasChildren: {
    code: "catalog.category_has_children",
    status: 409,
    en: "Archive or move the sub-categories first.",
    bn: "আগে উপ-ক্যাটাগরিগুলো আর্কাইভ করুন বা সরান।",
  },
  inUse: {
    code: "catalog.in_use",
    status: 409,
    en: "{count} active SKUs still use it; move or archive them first.",
    bn: "এখনও {count}টি সক্রিয় SKU এটি ব্যবহার করছে; আগে সেগুলো সরান বা আর্কাইভ করুন।",
  },
  unitBaseMissing: {
    code: "catalog.unit_base_missing",
    status: 400,
    en: "The base unit {unit} must have factor 1, and it is the only unit that may.",
    bn: "মূল একক {unit}-এর গুণক ১ হতে হবে, এবং শুধু সেটিরই ১ হতে পারে।",
  },
  unitDuplicate: {
    code: "catalog.unit_duplicate",
    status: 400,
    en: "Each pack size must appear once and have its own factor ({unit}).",
    bn: "প্রতিটি প্যাক সাইজ একবারই থাকবে এবং তার গুণক আলাদা হবে ({unit})।",
  },
  unitFactorInconsistent: {
    code: "catalog.unit_factor_inconsistent",
    status: 400,
    en: "1 {larger} ({largerFactor}) is not a whole number of {smaller} ({smallerFactor}).",
    bn: "১ {larger} ({largerFactor}) পূর্ণ সংখ্যক {smaller} ({smallerFactor}) নয়।",
  },
  sellByUnknown: {
    code: "catalog.sell_by_unknown",
    status: 400,
    en: "The sell-by unit {unit} is not one of the SKU's pack sizes.",
    bn: "বিক্রির একক {unit} এই SKU-এর প্যাক সাইজগুলোর একটি নয়।",
  },
  priceChain: {
    code: "catalog.price_chain",
    status: 400,
    en: "For {skuCode} the prices must fall from MRP to retailer to distributor.",
    bn: "{skuCode}-এর দাম MRP থেকে খুচরা, তারপর ডিস্ট্রিবিউটর ক্রমে কমতে হবে।",
  },
  priceSkuUnknown: {
    code: "catalog.price_sku_unknown",
    status: 400,
    en: "Unknown SKU in the price list: {skuId}.",
    bn: "মূল্য তালিকায় অজানা SKU: {skuId}।",
  },
  territoryUnknown: {
    code: "catalog.territory_unknown",
    status: 400,
    en: "The territory does not exist.",
    bn: "এলাকাটি নেই।",
  },
  distributorUnknown: {
    code: "catalog.distributor_unknown",
    status: 400,
    en: "The distributor does not exist.",
    bn: "ডিস্ট্রিবিউটরটি নেই।",
  },
  validity: {
    code: "catalog.validity",
    status: 400,
    en: "The end date cannot be before the start date.",
    bn: "শেষের তারিখ শুরুর তারিখের আগে হতে পারে না।",
  },
  archived: {
    code: "catalog.archived",
    status: 409,
    en: "It is archived; restore it first.",
    bn: "এটি আর্কাইভ করা; আগে ফিরিয়ে আনুন।",
  },
  importEmpty: {
    code: "catalog.import_empty",
    status: 400,
    en: "The file has no rows, or its header lacks the columns {missing}.",
    bn: "ফাইলে কোনো সারি নেই, অথবা হেডারে {missing} কলাম নেই।",
  },
});

/** Row-level problems of a CSV import, in both languages (the report is shown to the person importing). */
export const IMPORT_MESSAGES = {
  skuUnknown: { en: "Unknown SKU code {code}", bn: "অজানা SKU কোড {code}" },
  duplicate: { en: "SKU {code} appears twice in the file", bn: "SKU {code} ফাইলে দুইবার আছে" },
  money: { en: "{column} must be an amount in taka, e.g. 45.50", bn: "{column} টাকার অঙ্ক হতে হবে, যেমন 45.50" },
  percent: { en: "{column} must be a percentage from 0 to 100", bn: "{column} ০ থেকে ১০০-এর মধ্যে শতাংশ হতে হবে" },
  oneOf: {
    en: "Give either {price} or {margin}, exactly one",
    bn: "{price} অথবা {margin}, ঠিক একটি দিন",
  },
  chain: {
    en: "Prices must fall from MRP to retailer to distributor",
    bn: "দাম MRP থেকে খুচরা, তারপর ডিস্ট্রিবিউটর ক্রমে কমতে হবে",
  },
} as const;
