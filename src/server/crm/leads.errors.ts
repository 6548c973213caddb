import { defineErrors } from "../platform/errors.ts";

export const LeadErrors = defineErrors({
  notFound: {
    code: "lead.not_found",
    status: 404,
    en: "This lead does not exist or is outside your scope.",
    bn: "এই লিডটি নেই অথবা আপনার আওতার বাইরে।",
  },
  formNotFound: {
    code: "lead.form_not_found",
    status: 404,
    en: "This form does not exist or is no longer taking submissions.",
    bn: "এই ফর্মটি নেই অথবা আর জমা নিচ্ছে না।",
  },
  territoryNotFound: {
    code: "lead.territory_not_found",
    status: 404,
    en: "This territory does not exist or is outside your scope.",
    bn: "এই এলাকাটি নেই অথবা আপনার আওতার বাইরে।",
  },
  userNotFound: {
    code: "lead.user_not_found",
    status: 404,
    en: "This person does not exist or is not active.",
    bn: "এই ব্যক্তি নেই অথবা সক্রিয় নন।",
  },
  fieldRequired: {
    code: "lead.field_required",
    status: 422,
    en: "Please fill in: {field}.",
    bn: "অনুগ্রহ করে পূরণ করুন: {fieldBn}।",
  },
  badEmail: {
    code: "lead.bad_email",
    status: 422,
    en: "This email address does not look right.",
    bn: "এই ইমেইল ঠিকানাটি সঠিক মনে হচ্ছে না।",
  },
  badPhone: {
    code: "lead.bad_phone",
    status: 422,
    en: "This is not a Bangladesh mobile number (01XXXXXXXXX).",
    bn: "এটি বাংলাদেশি মোবাইল নম্বর নয় (০১XXXXXXXXX)।",
  },
  closed: {
    code: "lead.closed",
    status: 409,
    en: "This lead was already converted or merged: it can no longer change.",
    bn: "এই লিডটি আগেই রূপান্তরিত বা একীভূত হয়েছে: এটি আর বদলানো যায় না।",
  },
  alreadyConverted: {
    code: "lead.already_converted",
    status: 409,
    en: "This lead was already converted.",
    bn: "এই লিডটি আগেই রূপান্তরিত হয়েছে।",
  },
  mergeSelf: {
    code: "lead.merge_self",
    status: 422,
    en: "A lead cannot be merged into itself.",
    bn: "একটি লিডকে নিজের সঙ্গে একীভূত করা যায় না।",
  },
  importInvalid: {
    code: "lead.import_invalid",
    status: 422,
    en: "Problems found in the file: {count}. Nothing was imported.",
    bn: "ফাইলে সমস্যা পাওয়া গেছে: {count}টি। কিছুই আমদানি করা হয়নি।",
  },
  importEmpty: {
    code: "lead.import_empty",
    status: 400,
    en: "The file has no leads in it.",
    bn: "ফাইলে কোনো লিড নেই।",
  },
  ruleRefInvalid: {
    code: "lead.rule_ref_invalid",
    status: 422,
    en: "A rule names a form, territory or person that does not exist.",
    bn: "একটি নিয়মে এমন ফর্ম, এলাকা বা ব্যক্তির নাম আছে যা নেই।",
  },
});

/** Names of form fields in both languages, for messages. */
export const FIELD_WORDS: Record<string, { en: string; bn: string }> = {
  name: { en: "name", bn: "নাম" },
  phone: { en: "mobile number", bn: "মোবাইল নম্বর" },
  email: { en: "email", bn: "ইমেইল" },
  company: { en: "company", bn: "প্রতিষ্ঠান" },
  message: { en: "message", bn: "বার্তা" },
  district: { en: "district", bn: "জেলা" },
};

/** The import's row problems, in both languages. */
export const LEAD_IMPORT_MESSAGES = {
  missingColumn: { en: "The column {column} is missing.", bn: "{column} কলামটি নেই।" },
  required: { en: "{column} is empty.", bn: "{column} খালি।" },
  tooLong: { en: "{column} is too long.", bn: "{column} খুব বড়।" },
  badEmail: { en: "{value} is not an email address.", bn: "{value} কোনো ইমেইল ঠিকানা নয়।" },
  noContact: {
    en: "Give a phone or an email, or there is no way to reach this lead.",
    bn: "ফোন বা ইমেইল দিন, নইলে এই লিডের সঙ্গে যোগাযোগের উপায় নেই।",
  },
  unterminated: { en: "This card has no END:VCARD.", bn: "এই কার্ডে END:VCARD নেই।" },
  outsideCard: {
    en: "This line is outside any BEGIN:VCARD … END:VCARD.",
    bn: "এই লাইনটি কোনো BEGIN:VCARD … END:VCARD এর বাইরে।",
  },
  tooMany: { en: "At most {max} leads per file.", bn: "একটি ফাইলে সর্বোচ্চ {max}টি লিড।" },
} as const;
export type LeadImportMessage = keyof typeof LEAD_IMPORT_MESSAGES;
