import { defineErrors } from "../platform/errors.ts";

export const TimelineErrors = defineErrors({
  notFound: {
    code: "crm.timeline_record_not_found",
    status: 404,
    en: "This record does not exist or is outside your scope.",
    bn: "এই রেকর্ডটি নেই অথবা আপনার আওতার বাইরে।",
  },
});
