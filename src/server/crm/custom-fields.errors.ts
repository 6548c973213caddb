import { defineErrors } from "../platform/errors.ts";

export const CustomFieldErrors = defineErrors({
  notFound: {
    code: "crm.custom_field_not_found",
    status: 404,
    en: "This custom field does not exist.",
    bn: "এই কাস্টম ফিল্ডটি নেই।",
  },
  keyTaken: {
    code: "crm.custom_field_key_taken",
    status: 409,
    en: "A field with the key {key} already exists here.",
    bn: "{key} কী-এর একটি ফিল্ড এখানে আগে থেকেই আছে।",
  },
  optionsNeeded: {
    code: "crm.custom_field_options_needed",
    status: 422,
    en: "A choice field needs at least one option, each with its own key.",
    bn: "পছন্দের ফিল্ডে অন্তত একটি অপশন লাগে, প্রতিটির আলাদা কী সহ।",
  },
  optionsNotAllowed: {
    code: "crm.custom_field_options_not_allowed",
    status: 422,
    en: "Only a choice field has options.",
    bn: "শুধু পছন্দের ফিল্ডেই অপশন থাকে।",
  },
  invalidValues: {
    code: "crm.custom_values_invalid",
    status: 422,
    en: "Some custom fields are not filled in correctly: {fields}.",
    bn: "কিছু কাস্টম ফিল্ড সঠিকভাবে পূরণ হয়নি: {fields}।",
  },
});
