import { defineErrors } from "../platform/errors.ts";

export const AccountErrors = defineErrors({
  notFound: {
    code: "crm.account_not_found",
    status: 404,
    en: "This account does not exist or is outside your scope.",
    bn: "এই অ্যাকাউন্টটি নেই অথবা আপনার আওতার বাইরে।",
  },
  networkNotFound: {
    code: "crm.network_record_not_found",
    status: 404,
    en: "This outlet or distributor does not exist or is outside your scope.",
    bn: "এই আউটলেট বা ডিস্ট্রিবিউটর নেই অথবা আপনার আওতার বাইরে।",
  },
  territoryNotFound: {
    code: "crm.territory_not_found",
    status: 404,
    en: "This territory does not exist or is outside your scope.",
    bn: "এই এলাকাটি নেই অথবা আপনার আওতার বাইরে।",
  },
  ownerNotFound: {
    code: "crm.owner_not_found",
    status: 404,
    en: "The owner must be an active user of your organisation.",
    bn: "মালিককে অবশ্যই আপনার প্রতিষ্ঠানের একজন সক্রিয় ব্যবহারকারী হতে হবে।",
  },
  networkManaged: {
    code: "crm.account_network_managed",
    status: 409,
    en: "The name, phone, address and archive of an outlet or distributor account are kept in the distribution network: change them there.",
    bn: "আউটলেট বা ডিস্ট্রিবিউটর অ্যাকাউন্টের নাম, ফোন, ঠিকানা ও আর্কাইভ ডিস্ট্রিবিউশন নেটওয়ার্কে রাখা হয়: সেখানে বদলান।",
  },
  archived: {
    code: "crm.account_archived",
    status: 409,
    en: "This account is archived.",
    bn: "এই অ্যাকাউন্টটি আর্কাইভ করা হয়েছে।",
  },
});
