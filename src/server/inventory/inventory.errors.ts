import { defineErrors } from "../platform/errors.ts";

export const InventoryErrors = defineErrors({
  insufficient: {
    code: "stock.insufficient",
    status: 409,
    en: "Not enough stock of {skuCode}: {requested} asked, {available} available.",
    bn: "{skuCode}-এর যথেষ্ট স্টক নেই: চাওয়া হয়েছে {requested}, আছে {available}।",
  },
  distributorNotFound: {
    code: "stock.distributor_not_found",
    status: 404,
    en: "This distributor does not exist or is outside your scope.",
    bn: "এই ডিস্ট্রিবিউটর নেই অথবা আপনার আওতার বাইরে।",
  },
  skuNotFound: {
    code: "stock.sku_not_found",
    status: 404,
    en: "This product does not exist.",
    bn: "এই পণ্যটি নেই।",
  },
  batchNotFound: {
    code: "stock.batch_not_found",
    status: 404,
    en: "Batch {batchNo} has no stock of this product at this distributor.",
    bn: "এই ডিস্ট্রিবিউটরের কাছে এই পণ্যের ব্যাচ {batchNo} নেই।",
  },
  countLineRepeated: {
    code: "stock.count_line_repeated",
    status: 422,
    en: "Line {line}: {skuCode} is already counted on this sheet; count a product either in total or batch by batch, once.",
    bn: "লাইন {line}: {skuCode} এই তালিকায় আগেই গোনা হয়েছে; একটি পণ্য হয় মোট, নয়তো ব্যাচ ধরে — একবারই গুনুন।",
  },
});
