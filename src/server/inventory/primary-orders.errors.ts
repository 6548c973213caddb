import { defineErrors } from "../platform/errors.ts";

export const PrimaryOrderErrors = defineErrors({
  notFound: {
    code: "primary.not_found",
    status: 404,
    en: "This primary order does not exist or is outside your scope.",
    bn: "এই প্রাইমারি অর্ডারটি নেই অথবা আপনার আওতার বাইরে।",
  },
  illegalTransition: {
    code: "primary.illegal_transition",
    status: 409,
    en: "This primary order is {status}, so it cannot be {actionPast}.",
    bn: "এই প্রাইমারি অর্ডারটি এখন '{statusBn}' অবস্থায় আছে, তাই এটি {actionBn} যায় না।",
  },
  notAllowed: {
    code: "primary.action_not_allowed",
    status: 403,
    en: "Your role cannot {action} primary orders.",
    bn: "আপনার ভূমিকায় প্রাইমারি অর্ডার {actionBn} যায় না।",
  },
  distributorArchived: {
    code: "primary.distributor_archived",
    status: 409,
    en: "This distributor is archived and cannot order.",
    bn: "এই ডিস্ট্রিবিউটর আর্কাইভ করা, তাই অর্ডার দিতে পারবে না।",
  },
  skuUnknown: {
    code: "primary.sku_unknown",
    status: 422,
    en: "Line {line}: this product does not exist or is archived.",
    bn: "লাইন {line}: এই পণ্যটি নেই অথবা আর্কাইভ করা হয়েছে।",
  },
  unitUnknown: {
    code: "primary.unit_unknown",
    status: 422,
    en: "Line {line}: {skuCode} has no pack size '{unit}'.",
    bn: "লাইন {line}: {skuCode}-এর '{unit}' নামে কোনো প্যাক সাইজ নেই।",
  },
  noPrice: {
    code: "primary.no_price",
    status: 422,
    en: "Line {line}: {skuCode} has no distributor price for this distributor on {date}.",
    bn: "লাইন {line}: {date} তারিখে এই ডিস্ট্রিবিউটরের জন্য {skuCode}-এর কোনো ডিস্ট্রিবিউটর মূল্য নেই।",
  },
  lineUnknown: {
    code: "primary.line_unknown",
    status: 422,
    en: "Line {line} is not on this primary order.",
    bn: "লাইন {line} এই প্রাইমারি অর্ডারে নেই।",
  },
  receiveTooMuch: {
    code: "primary.receive_exceeds",
    status: 422,
    en: "Line {line}: {received} received but only {ordered} were ordered; a short shipment is fine, more is not.",
    bn: "লাইন {line}: গ্রহণ {received}, কিন্তু অর্ডার ছিল মাত্র {ordered}; কম আসতে পারে, বেশি নয়।",
  },
  tooLarge: {
    code: "primary.too_large",
    status: 422,
    en: "This order's quantities or amounts are too large to record; split it into smaller orders.",
    bn: "এই অর্ডারের পরিমাণ বা টাকার অঙ্ক রেকর্ড করার জন্য খুব বড়; ছোট কয়েকটি অর্ডারে ভাগ করুন।",
  },
  idTaken: {
    code: "primary.id_taken",
    status: 409,
    en: "A primary order with this id already exists.",
    bn: "এই আইডির একটি প্রাইমারি অর্ডার আগেই আছে।",
  },
});
