import { defineErrors } from "../platform/errors.ts";

export const ContactErrors = defineErrors({
  notFound: {
    code: "crm.contact_not_found",
    status: 404,
    en: "This contact does not exist or is outside your scope.",
    bn: "এই যোগাযোগটি নেই অথবা আপনার আওতার বাইরে।",
  },
  duplicate: {
    code: "crm.contact_duplicate",
    status: 409,
    en: "A contact with this phone or email already exists ({name}). Open it, or save anyway to keep both.",
    bn: "এই ফোন বা ইমেইলের একটি যোগাযোগ আগে থেকেই আছে ({name})। সেটি খুলুন, অথবা দুটোই রাখতে তবুও সংরক্ষণ করুন।",
  },
});
