import { defineErrors } from "../platform/errors.ts";

export const TotpErrors = defineErrors({
  invalidCode: {
    code: "auth.totp_invalid",
    status: 401,
    en: "The code is wrong or has expired. Enter the current code from your authenticator app.",
    bn: "কোডটি ভুল অথবা মেয়াদোত্তীর্ণ। অথেন্টিকেটর অ্যাপে এখন যে কোড দেখাচ্ছে সেটি লিখুন।",
  },
  challengeInvalid: {
    code: "auth.mfa_challenge_invalid",
    status: 401,
    en: "This sign-in attempt has expired. Enter your password again.",
    bn: "এই সাইন ইনের চেষ্টার মেয়াদ শেষ। আবার পাসওয়ার্ড দিন।",
  },
  wrongCode: {
    code: "auth.totp_wrong_code",
    status: 400,
    en: "The code is wrong or has expired. Enter the current code from your authenticator app.",
    bn: "কোডটি ভুল অথবা মেয়াদোত্তীর্ণ। অথেন্টিকেটর অ্যাপে এখন যে কোড দেখাচ্ছে সেটি লিখুন।",
  },
  alreadyEnabled: {
    code: "auth.totp_already_enabled",
    status: 409,
    en: "Two-step sign-in is already on for this account.",
    bn: "এই অ্যাকাউন্টে দুই-ধাপে সাইন ইন আগে থেকেই চালু আছে।",
  },
  notSetUp: {
    code: "auth.totp_not_set_up",
    status: 409,
    en: "Start the set-up first: scan the QR code, then enter a code.",
    bn: "আগে সেট-আপ শুরু করুন: কিউআর কোড স্ক্যান করে তারপর কোড লিখুন।",
  },
  notEnabled: {
    code: "auth.totp_not_enabled",
    status: 409,
    en: "Two-step sign-in is not on for this account.",
    bn: "এই অ্যাকাউন্টে দুই-ধাপে সাইন ইন চালু নেই।",
  },
  requiredByOrg: {
    code: "auth.totp_required",
    status: 409,
    en: "Your organisation requires two-step sign-in for your role, so it cannot be turned off.",
    bn: "আপনার প্রতিষ্ঠান আপনার ভূমিকার জন্য দুই-ধাপে সাইন ইন বাধ্যতামূলক করেছে, তাই এটি বন্ধ করা যাবে না।",
  },
  setupRequired: {
    code: "auth.mfa_setup_required",
    status: 403,
    en: "Your organisation requires two-step sign-in for your role. Set it up on your profile first.",
    bn: "আপনার প্রতিষ্ঠান আপনার ভূমিকার জন্য দুই-ধাপে সাইন ইন বাধ্যতামূলক করেছে। আগে প্রোফাইলে এটি চালু করুন।",
  },
  policyNeedsOwnSetup: {
    code: "auth.mfa_policy_self",
    status: 409,
    en: "Turn on two-step sign-in for your own account before requiring it for your role ({role}).",
    bn: "নিজের ভূমিকার ({role}) জন্য বাধ্যতামূলক করার আগে নিজের অ্যাকাউন্টে দুই-ধাপে সাইন ইন চালু করুন।",
  },
  keyMismatch: {
    code: "auth.totp_unreadable",
    status: 503,
    en: "Two-step sign-in cannot be checked: the server's secret key has changed. Ask your administrator to reset your two-step sign-in.",
    bn: "দুই-ধাপে সাইন ইন যাচাই করা যাচ্ছে না: সার্ভারের গোপন চাবি বদলে গেছে। আপনার দুই-ধাপে সাইন ইন রিসেট করতে অ্যাডমিনকে বলুন।",
  },
});
