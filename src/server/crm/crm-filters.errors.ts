import { defineErrors } from "../platform/errors.ts";

export const FilterErrors = defineErrors({
  unknownField: {
    code: "crm.filter_unknown_field",
    status: 400,
    en: "The filter names a field that does not exist here: {field}.",
    bn: "ফিল্টারে এমন একটি ফিল্ড আছে যা এখানে নেই: {field}।",
  },
  badOperator: {
    code: "crm.filter_bad_operator",
    status: 400,
    en: "The field {field} cannot be filtered with {op}.",
    bn: "{field} ফিল্ডে {op} দিয়ে ফিল্টার করা যায় না।",
  },
  badValue: {
    code: "crm.filter_bad_value",
    status: 400,
    en: "The filter value for {field} is not valid for {op}.",
    bn: "{field} ফিল্ডের ফিল্টার মান {op}-এর জন্য সঠিক নয়।",
  },
});
