import { defineErrors } from "../platform/errors.ts";

export const ServiceErrors = defineErrors({
  ticketNotFound: {
    code: "service.ticket_not_found",
    status: 404,
    en: "This ticket does not exist or is outside your scope.",
    bn: "এই টিকিটটি নেই অথবা আপনার আওতার বাইরে।",
  },
  contactNotFound: {
    code: "service.contact_not_found",
    status: 404,
    en: "This contact does not exist or is outside your scope.",
    bn: "এই যোগাযোগটি নেই অথবা আপনার আওতার বাইরে।",
  },
  accountNotFound: {
    code: "service.account_not_found",
    status: 404,
    en: "This account does not exist or is outside your scope.",
    bn: "এই অ্যাকাউন্টটি নেই অথবা আপনার আওতার বাইরে।",
  },
  territoryNotFound: {
    code: "service.territory_not_found",
    status: 404,
    en: "This territory does not exist or is outside your scope.",
    bn: "এই এলাকাটি নেই অথবা আপনার আওতার বাইরে।",
  },
  assigneeNotFound: {
    code: "service.assignee_not_found",
    status: 404,
    en: "This person is not an active service user of your organisation.",
    bn: "এই ব্যক্তি আপনার প্রতিষ্ঠানের সক্রিয় সেবা ব্যবহারকারী নন।",
  },
  badTransition: {
    code: "service.bad_transition",
    status: 409,
    en: "A {from} ticket cannot become {to}.",
    bn: "{fromBn} টিকিটকে {toBn} করা যায় না।",
  },
  closed: {
    code: "service.ticket_closed",
    status: 409,
    en: "This ticket is closed: reopen it first.",
    bn: "এই টিকিটটি বন্ধ: আগে আবার খুলুন।",
  },
  notResolved: {
    code: "service.ticket_not_resolved",
    status: 409,
    en: "Only a resolved or closed ticket with a resolution can become an FAQ article.",
    bn: "শুধু সমাধান লেখা আছে এমন সমাধান হওয়া বা বন্ধ টিকিট থেকেই প্রশ্নোত্তর লেখা বানানো যায়।",
  },
  orgNotFound: {
    code: "service.org_not_found",
    status: 404,
    en: "This help page does not exist.",
    bn: "এই সাহায্য পাতাটি নেই।",
  },
  articleNotFound: {
    code: "service.article_not_found",
    status: 404,
    en: "This article does not exist.",
    bn: "এই লেখাটি নেই।",
  },
  articleIncomplete: {
    code: "service.article_incomplete",
    status: 422,
    en: "An article is published with a title and an answer in at least one language.",
    bn: "অন্তত একটি ভাষায় শিরোনাম ও উত্তর থাকলে তবেই লেখা প্রকাশ করা যায়।",
  },
  emailUnreadable: {
    code: "service.email_unreadable",
    status: 422,
    en: "This email could not be read: it has no sender address.",
    bn: "এই ইমেইলটি পড়া গেল না: এতে প্রেরকের ঠিকানা নেই।",
  },
  calendarEmpty: {
    code: "service.calendar_empty",
    status: 422,
    en: "The week needs at least one working day.",
    bn: "সপ্তাহে অন্তত একটি কাজের দিন থাকতে হবে।",
  },
});

export const STATUS_WORDS: Record<string, { en: string; bn: string }> = {
  new: { en: "new", bn: "নতুন" },
  open: { en: "open", bn: "খোলা" },
  pending: { en: "pending", bn: "অপেক্ষমাণ" },
  resolved: { en: "resolved", bn: "সমাধান হওয়া" },
  closed: { en: "closed", bn: "বন্ধ" },
};
