import { defineErrors } from "../platform/errors.ts";

export const LoyaltyErrors = defineErrors({
  programNotFound: {
    code: "loyalty.program_not_found",
    status: 404,
    en: "This loyalty program does not exist.",
    bn: "এই লয়্যালটি প্রোগ্রামটি নেই।",
  },
  memberNotFound: {
    code: "loyalty.member_not_found",
    status: 404,
    en: "This member does not exist or is outside your scope.",
    bn: "এই সদস্য নেই অথবা আপনার আওতার বাইরে।",
  },
  accountNotFound: {
    code: "loyalty.account_not_found",
    status: 404,
    en: "This account does not exist or is outside your scope.",
    bn: "এই অ্যাকাউন্টটি নেই অথবা আপনার আওতার বাইরে।",
  },
  alreadyMember: {
    code: "loyalty.already_member",
    status: 409,
    en: "This account is already a member of this program.",
    bn: "এই অ্যাকাউন্টটি ইতিমধ্যে এই প্রোগ্রামের সদস্য।",
  },
  rewardNotFound: {
    code: "loyalty.reward_not_found",
    status: 404,
    en: "This reward does not exist.",
    bn: "এই পুরস্কারটি নেই।",
  },
  rewardUnavailable: {
    code: "loyalty.reward_unavailable",
    status: 409,
    en: "This reward is not offered now or is out of stock.",
    bn: "এই পুরস্কারটি এখন দেওয়া হচ্ছে না অথবা স্টকে নেই।",
  },
  rewardOtherProgram: {
    code: "loyalty.reward_other_program",
    status: 422,
    en: "This reward belongs to another program.",
    bn: "এই পুরস্কারটি অন্য প্রোগ্রামের।",
  },
  notEnoughPoints: {
    code: "loyalty.not_enough_points",
    status: 409,
    en: "Not enough points: {balance} available, {cost} needed.",
    bn: "যথেষ্ট পয়েন্ট নেই: আছে {balance}, লাগবে {cost}।",
  },
  redemptionNotFound: {
    code: "loyalty.redemption_not_found",
    status: 404,
    en: "This redemption does not exist or is outside your scope.",
    bn: "এই রিডেম্পশনটি নেই অথবা আপনার আওতার বাইরে।",
  },
  redemptionNotPending: {
    code: "loyalty.redemption_not_pending",
    status: 409,
    en: "This redemption has already been fulfilled or cancelled.",
    bn: "এই রিডেম্পশনটি ইতিমধ্যে সম্পন্ন বা বাতিল হয়েছে।",
  },
  tierDuplicate: {
    code: "loyalty.tier_duplicate",
    status: 422,
    en: "Two tiers have the same threshold: give each tier its own.",
    bn: "দুটি স্তরের সীমা একই: প্রতিটি স্তরকে আলাদা সীমা দিন।",
  },
  periodInvalid: {
    code: "loyalty.period_invalid",
    status: 422,
    en: "The period's start is after its end.",
    bn: "সময়কালের শুরু তার শেষের পরে।",
  },
});

export const SurveyErrors = defineErrors({
  notFound: {
    code: "surveys.not_found",
    status: 404,
    en: "This survey does not exist.",
    bn: "এই জরিপটি নেই।",
  },
  invitationNotFound: {
    code: "surveys.invitation_not_found",
    status: 404,
    en: "This survey link is not valid.",
    bn: "এই জরিপের লিংকটি সঠিক নয়।",
  },
  alreadyAnswered: {
    code: "surveys.already_answered",
    status: 409,
    en: "This survey has already been answered. Thank you!",
    bn: "এই জরিপের উত্তর ইতিমধ্যে দেওয়া হয়েছে। ধন্যবাদ!",
  },
  scoreOutOfScale: {
    code: "surveys.score_out_of_scale",
    status: 422,
    en: "Give a score from {min} to {max}.",
    bn: "{min} থেকে {max} এর মধ্যে একটি নম্বর দিন।",
  },
  inactive: {
    code: "surveys.inactive",
    status: 409,
    en: "This survey is paused: it sends no invitations.",
    bn: "এই জরিপটি বন্ধ আছে: এটি কোনো আমন্ত্রণ পাঠায় না।",
  },
  accountNotFound: {
    code: "surveys.account_not_found",
    status: 404,
    en: "This account does not exist or is outside your scope.",
    bn: "এই অ্যাকাউন্টটি নেই অথবা আপনার আওতার বাইরে।",
  },
});
