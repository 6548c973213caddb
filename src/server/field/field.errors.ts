import { defineErrors } from "../platform/errors.ts";

export const FieldErrors = defineErrors({
  unknownSku: {
    code: "field.unknown_sku",
    status: 422,
    en: "{count} of the chosen products do not exist or are archived.",
    bn: "বেছে নেওয়া পণ্যের {count}টি নেই অথবা আর্কাইভ করা হয়েছে।",
  },
  duplicateReason: {
    code: "field.duplicate_reason",
    status: 422,
    en: "The reason code '{code}' appears twice.",
    bn: "কারণের কোড '{code}' দুবার আছে।",
  },
  noActiveReason: {
    code: "field.no_active_reason",
    status: 422,
    en: "Keep at least one no-order reason that is not archived.",
    bn: "অন্তত একটি অর্ডার-না-হওয়ার কারণ সক্রিয় রাখুন।",
  },
});
