import { defineErrors } from "../platform/errors.ts";

export const OrderErrors = defineErrors({
  notFound: {
    code: "order.not_found",
    status: 404,
    en: "This order does not exist or is outside your scope.",
    bn: "এই অর্ডারটি নেই অথবা আপনার আওতার বাইরে।",
  },
  outletNotFound: {
    code: "order.outlet_not_found",
    status: 404,
    en: "This outlet does not exist or is outside your scope.",
    bn: "এই দোকানটি নেই অথবা আপনার আওতার বাইরে।",
  },
  outletInactive: {
    code: "order.outlet_inactive",
    status: 409,
    en: "This outlet is not active, so it cannot order.",
    bn: "এই দোকানটি সক্রিয় নয়, তাই অর্ডার নেওয়া যাবে না।",
  },
  noDistributor: {
    code: "order.no_distributor",
    status: 409,
    en: "This outlet has no distributor on {date}; assign one first.",
    bn: "{date} তারিখে এই দোকানের কোনো ডিস্ট্রিবিউটর নেই; আগে একজন নির্ধারণ করুন।",
  },
  skuUnknown: {
    code: "order.sku_unknown",
    status: 422,
    en: "Line {line}: this product does not exist or is archived.",
    bn: "লাইন {line}: এই পণ্যটি নেই অথবা আর্কাইভ করা হয়েছে।",
  },
  unitUnknown: {
    code: "order.unit_unknown",
    status: 422,
    en: "Line {line}: {skuCode} is not sold in '{unit}'.",
    bn: "লাইন {line}: {skuCode} '{unit}' এককে বিক্রি হয় না।",
  },
  sellByUnit: {
    code: "order.sell_by_unit",
    status: 422,
    en: "Line {line}: {skuCode} is sold only in whole {unit}s.",
    bn: "লাইন {line}: {skuCode} শুধু পূর্ণ {unit} হিসেবে বিক্রি হয়।",
  },
  tooLarge: {
    code: "order.too_large",
    status: 422,
    en: "This order's quantities or amounts are too large to record; split it into smaller orders.",
    bn: "এই অর্ডারের পরিমাণ বা টাকার অঙ্ক রেকর্ড করার জন্য খুব বড়; ছোট কয়েকটি অর্ডারে ভাগ করুন।",
  },
  noPrice: {
    code: "order.no_price",
    status: 422,
    en: "Line {line}: {skuCode} has no price for this outlet on {date}.",
    bn: "লাইন {line}: {date} তারিখে এই দোকানের জন্য {skuCode}-এর কোনো দাম নেই।",
  },
  creditLimit: {
    code: "order.credit_limit",
    status: 409,
    en: "This order would take the outlet past its credit limit: dues and open orders {exposure:money} + this order {order:money} > limit {limit:money}.",
    bn: "এই অর্ডারে দোকানের ক্রেডিট সীমা পেরিয়ে যাবে: বকেয়া ও খোলা অর্ডার {exposure:money} + এই অর্ডার {order:money} > সীমা {limit:money}।",
  },
  illegalTransition: {
    code: "order.illegal_transition",
    status: 409,
    en: "An order that is {status} cannot be {action}.",
    bn: "{status} অবস্থার অর্ডারে '{action}' করা যায় না।",
  },
  notAllowed: {
    code: "order.action_not_allowed",
    status: 403,
    en: "Your role cannot {action} orders.",
    bn: "আপনার ভূমিকায় অর্ডার '{action}' করা যায় না।",
  },
  notDraft: {
    code: "order.not_draft",
    status: 409,
    en: "Only a draft order can be changed.",
    bn: "শুধু খসড়া অর্ডার বদলানো যায়।",
  },
  deliveryTooMuch: {
    code: "order.delivery_exceeds",
    status: 422,
    en: "Line {line}: cannot deliver more than ordered.",
    bn: "লাইন {line}: অর্ডারের বেশি সরবরাহ করা যায় না।",
  },
  returnTooMuch: {
    code: "order.return_exceeds",
    status: 422,
    en: "Line {line}: cannot return more than was delivered and not yet returned.",
    bn: "লাইন {line}: সরবরাহ করা ও এখনো ফেরত না আসা পরিমাণের বেশি ফেরত নেওয়া যায় না।",
  },
  lineUnknown: {
    code: "order.line_unknown",
    status: 422,
    en: "Line {line} is not on this order.",
    bn: "লাইন {line} এই অর্ডারে নেই।",
  },
  idTaken: {
    code: "order.id_taken",
    status: 409,
    en: "An order with this id already exists.",
    bn: "এই আইডির একটি অর্ডার আগেই আছে।",
  },
  paymentIdTaken: {
    code: "payment.id_taken",
    status: 409,
    en: "A payment with this id already exists.",
    bn: "এই আইডির একটি টাকা আদায় আগেই নথিভুক্ত আছে।",
  },
  paymentReferenceTaken: {
    code: "payment.reference_taken",
    status: 409,
    en: "This {method} transaction reference is already recorded.",
    bn: "এই {method} লেনদেন নম্বর আগেই নথিভুক্ত হয়েছে।",
  },
  paymentOrderMismatch: {
    code: "payment.order_mismatch",
    status: 422,
    en: "The order does not belong to this outlet.",
    bn: "অর্ডারটি এই দোকানের নয়।",
  },
});
