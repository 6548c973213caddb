import type { Locale } from "../../shared/locale.ts";
import { defineErrors, fillMessage } from "../platform/errors.ts";

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
  // --- sync: one command
  commandIdTaken: {
    code: "field.command_id_taken",
    status: 409,
    en: "Another user already sent a command with this id. The app must make a new id.",
    bn: "এই আইডি দিয়ে অন্য একজন ব্যবহারকারী আগেই একটি কাজ পাঠিয়েছেন। অ্যাপকে নতুন আইডি বানাতে হবে।",
  },
  clockAhead: {
    code: "field.time_in_future",
    status: 422,
    en: "The phone's clock is ahead: this carries a time later than now. Set the phone's date and time, then send it again.",
    bn: "ফোনের ঘড়ি এগিয়ে আছে: এতে এখনকার পরের সময় লেখা। ফোনের তারিখ ও সময় ঠিক করে আবার পাঠান।",
  },
  tooOld: {
    code: "field.time_too_old",
    status: 422,
    en: "This was recorded on {date}, more than {days} days ago, and can no longer be synced. Tell your manager.",
    bn: "এটি {date} তারিখে লেখা, {days} দিনেরও আগে; এখন আর সিঙ্ক করা যাবে না। আপনার ম্যানেজারকে জানান।",
  },
  idTaken: {
    code: "field.id_taken",
    status: 409,
    en: "A record with this id already exists. The app must make a new id.",
    bn: "এই আইডির একটি রেকর্ড আগেই আছে। অ্যাপকে নতুন আইডি বানাতে হবে।",
  },
  outletNotFound: {
    code: "field.outlet_not_found",
    status: 404,
    en: "This outlet does not exist or is not on your routes.",
    bn: "এই দোকানটি নেই অথবা আপনার রুটে নেই।",
  },
  routeNotYours: {
    code: "field.route_not_yours",
    status: 404,
    en: "This route is not one of your beats.",
    bn: "এই রুটটি আপনার বিটের মধ্যে নেই।",
  },
  dayNotStarted: {
    code: "field.day_not_started",
    status: 409,
    en: "The working day of {date} was never started, so it cannot be ended.",
    bn: "{date} তারিখের কাজের দিন শুরুই করা হয়নি, তাই শেষ করা যাবে না।",
  },
  endBeforeStart: {
    code: "field.day_end_before_start",
    status: 422,
    en: "The day cannot end before it started.",
    bn: "দিন শুরু হওয়ার আগে শেষ হতে পারে না।",
  },
  visitNotFound: {
    code: "field.visit_not_found",
    status: 404,
    en: "This visit does not exist or is not yours.",
    bn: "এই ভিজিটটি নেই অথবা আপনার নয়।",
  },
  visitClosed: {
    code: "field.visit_closed",
    status: 409,
    en: "This visit was already checked out.",
    bn: "এই ভিজিট থেকে আগেই চেক-আউট করা হয়েছে।",
  },
  checkOutBeforeCheckIn: {
    code: "field.check_out_before_check_in",
    status: 422,
    en: "A visit cannot end before its check-in.",
    bn: "চেক-ইনের আগে ভিজিট শেষ হতে পারে না।",
  },
  unknownReason: {
    code: "field.unknown_reason",
    status: 422,
    en: "'{reason}' is not one of the no-order reasons in use.",
    bn: "'{reason}' চালু থাকা অর্ডার-না-হওয়ার কারণগুলোর একটি নয়।",
  },
  duplicateAuditSku: {
    code: "field.audit_duplicate_sku",
    status: 422,
    en: "A product appears twice in the stock count.",
    bn: "স্টক গণনায় একটি পণ্য দুবার আছে।",
  },
  badPhoto: {
    code: "field.bad_photo",
    status: 422,
    en: "The photo is not a JPEG or WebP image of at most 1 MB.",
    bn: "ছবিটি ১ মেগাবাইট বা তার কম আকারের JPEG বা WebP ছবি নয়।",
  },
  // --- onboarding queue and photos
  onboardingNotFound: {
    code: "field.onboarding_not_found",
    status: 404,
    en: "This outlet proposal does not exist or is outside your territory.",
    bn: "এই দোকানের প্রস্তাবটি নেই অথবা আপনার এলাকার বাইরে।",
  },
  onboardingDecided: {
    code: "field.onboarding_decided",
    status: 409,
    en: "This outlet proposal was already decided ({status}).",
    bn: "এই দোকানের প্রস্তাবের সিদ্ধান্ত আগেই নেওয়া হয়েছে ({status})।",
  },
  photoNotFound: {
    code: "field.photo_not_found",
    status: 404,
    en: "The photo was not found.",
    bn: "ছবিটি পাওয়া যায়নি।",
  },
});

/**
 * Told to the rep with an applied command: worth knowing, nothing to undo. Not errors (no status), so they
 * keep their own catalogue; the codes are as stable as error codes.
 */
const WARNINGS = {
  "field.day_already_started": {
    en: "The day was already started at {startedAt}; nothing changed.",
    bn: "দিনটি আগেই {startedAt}-এ শুরু হয়েছে; কিছু বদলায়নি।",
  },
  "field.day_already_ended": {
    en: "The day was already ended at {endedAt}; nothing changed.",
    bn: "দিনটি আগেই {endedAt}-এ শেষ হয়েছে; কিছু বদলায়নি।",
  },
  "field.far_from_outlet": {
    en: "Checked in {distanceM} m from the outlet, farther than the allowed {radiusM} m.",
    bn: "দোকান থেকে {distanceM} মিটার দূরে চেক-ইন, অনুমোদিত {radiusM} মিটারের বেশি।",
  },
  "field.outlet_moved": {
    en: "This outlet is no longer on your routes (it moved to {routeName}); the visit counts as unplanned.",
    bn: "এই দোকানটি আর আপনার রুটে নেই ({routeName}-এ সরানো হয়েছে); ভিজিটটি অপরিকল্পিত ধরা হবে।",
  },
  "field.price_changed": {
    en: "Prices or schemes changed: the order total is {actualText}, not {expectedText} as the phone showed.",
    bn: "দাম বা স্কিম বদলেছে: অর্ডারের মোট {actualText}, ফোনে দেখানো {expectedText} নয়।",
  },
  "field.visit_not_linked": {
    en: "The visit this belongs to was not found for this outlet; it was saved without it.",
    bn: "এই দোকানের জন্য সংশ্লিষ্ট ভিজিটটি পাওয়া যায়নি; ভিজিট ছাড়াই সংরক্ষণ করা হয়েছে।",
  },
} as const satisfies Record<string, { en: string; bn: string }>;

export type FieldWarningCode = keyof typeof WARNINGS;

export interface FieldMessage {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What an applied command tells the phone: what the server made, and anything worth the rep's attention. */
export interface CommandOutcome {
  data: Record<string, unknown>;
  warnings: FieldMessage[];
}

/**
 * A warning in the caller's language. `words` fill the message only (amounts already formatted for the
 * reader); `details` travel to the phone as they are.
 */
export function fieldWarning(
  code: FieldWarningCode,
  locale: Locale,
  details: Record<string, unknown>,
  words: Record<string, string> = {},
): FieldMessage {
  return { code, message: fillMessage(WARNINGS[code][locale], locale, { ...details, ...words }), details };
}
