import { defineErrors } from "../platform/errors.ts";

export const ReportScheduleErrors = defineErrors({
  notFound: {
    code: "report_schedule.not_found",
    status: 404,
    en: "The scheduled report was not found.",
    bn: "নির্ধারিত রিপোর্টটি পাওয়া যায়নি।",
  },
  unknownReport: {
    code: "report_schedule.unknown_report",
    status: 422,
    en: "There is no report named “{report}” to schedule.",
    bn: "“{report}” নামে কোনো রিপোর্ট নেই, তাই এটি নির্ধারণ করা যাবে না।",
  },
  tooMany: {
    code: "report_schedule.too_many",
    status: 409,
    en: "You can have at most {limit} scheduled reports. Delete one you no longer need.",
    bn: "আপনি সর্বোচ্চ {limit}টি রিপোর্ট নির্ধারণ করে রাখতে পারেন। অপ্রয়োজনীয় একটি মুছে দিন।",
  },
  // Why a run did not send: stored as the schedule's last error, in the schedule's language; "send now" throws them.
  ownerDeactivated: {
    code: "report_schedule.owner_deactivated",
    status: 409,
    en: "The owner of this schedule has been deactivated, so it was stopped.",
    bn: "এই সময়সূচির মালিককে নিষ্ক্রিয় করা হয়েছে, তাই এটি বন্ধ করা হলো।",
  },
  ownerNotAllowed: {
    code: "report_schedule.owner_not_allowed",
    status: 409,
    en: "The owner's role no longer allows analytics reports, so nothing was sent.",
    bn: "মালিকের বর্তমান ভূমিকায় বিশ্লেষণ রিপোর্ট দেখার অনুমতি নেই, তাই কিছু পাঠানো হয়নি।",
  },
  buildFailed: {
    code: "report_schedule.build_failed",
    status: 422,
    en: "The report could not be made: {reason}",
    bn: "রিপোর্টটি তৈরি করা যায়নি: {reason}",
  },
  buildCrashed: {
    code: "report_schedule.build_crashed",
    status: 500,
    en: "The report could not be made because of an error on our side. It has been logged.",
    bn: "আমাদের দিকের একটি সমস্যার কারণে রিপোর্টটি তৈরি করা যায়নি। এটি লগ করা হয়েছে।",
  },
});
