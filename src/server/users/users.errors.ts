import { defineErrors } from "../platform/errors.ts";

export const AuthErrors = defineErrors({
  invalidCredentials: {
    code: "auth.invalid_credentials",
    status: 401,
    en: "The email, mobile number or password is wrong.",
    bn: "ইমেইল, মোবাইল নম্বর বা পাসওয়ার্ড ভুল।",
  },
  locked: {
    code: "auth.locked",
    status: 423,
    en: "Too many wrong passwords. The account is locked for {minutes} minutes.",
    bn: "অনেকবার ভুল পাসওয়ার্ড। অ্যাকাউন্টটি {minutes} মিনিটের জন্য বন্ধ।",
  },
  deactivated: {
    code: "auth.deactivated",
    status: 403,
    en: "This account has been deactivated. Ask your administrator.",
    bn: "এই অ্যাকাউন্টটি নিষ্ক্রিয় করা হয়েছে। আপনার অ্যাডমিনের সাথে যোগাযোগ করুন।",
  },
  sessionExpired: {
    code: "auth.session_expired",
    status: 401,
    en: "Your session has expired. Please sign in again.",
    bn: "আপনার সেশনের মেয়াদ শেষ। আবার সাইন ইন করুন।",
  },
  invalidToken: {
    code: "auth.invalid_token",
    status: 401,
    en: "The API token is not valid, expired or revoked.",
    bn: "API টোকেনটি সঠিক নয়, মেয়াদোত্তীর্ণ বা বাতিল।",
  },
  csrf: {
    code: "auth.csrf",
    status: 403,
    en: "The security token (CSRF) is missing or wrong. Reload the page and try again.",
    bn: "নিরাপত্তা টোকেন (CSRF) নেই বা ভুল। পাতাটি আবার লোড করে চেষ্টা করুন।",
  },
  wrongCurrentPassword: {
    code: "auth.wrong_current_password",
    status: 400,
    en: "The current password is wrong.",
    bn: "বর্তমান পাসওয়ার্ড ভুল।",
  },
  samePassword: {
    code: "auth.same_password",
    status: 400,
    en: "The new password must differ from the current one.",
    bn: "নতুন পাসওয়ার্ড বর্তমানটি থেকে আলাদা হতে হবে।",
  },
  inviteInvalid: {
    code: "auth.invite_invalid",
    status: 400,
    en: "This invitation link is not valid or has expired. Ask for a new one.",
    bn: "এই আমন্ত্রণ লিংকটি সঠিক নয় বা মেয়াদ শেষ। নতুন লিংক চান।",
  },
});

export const UserErrors = defineErrors({
  notFound: {
    code: "user.not_found",
    status: 404,
    en: "The user was not found.",
    bn: "ব্যবহারকারী পাওয়া যায়নি।",
  },
  emailTaken: {
    code: "user.email_taken",
    status: 409,
    en: "A user with this email already exists.",
    bn: "এই ইমেইলে একজন ব্যবহারকারী আগে থেকেই আছে।",
  },
  phoneTaken: {
    code: "user.phone_taken",
    status: 409,
    en: "Another user already signs in with this mobile number.",
    bn: "এই মোবাইল নম্বর দিয়ে আরেকজন ব্যবহারকারী আগে থেকেই সাইন ইন করেন।",
  },
  distributorRequired: {
    code: "user.distributor_required",
    status: 400,
    en: "A {role} works for a distributor: choose which one.",
    bn: "{role} একজন ডিস্ট্রিবিউটরের হয়ে কাজ করেন: কোন ডিস্ট্রিবিউটর, তা বেছে নিন।",
  },
  territoryRequired: {
    code: "user.territory_required",
    status: 400,
    en: "A {role} must be assigned to a territory.",
    bn: "{role} ভূমিকার জন্য একটি এলাকা নির্ধারণ করতে হবে।",
  },
  territoryUnknown: {
    code: "user.territory_unknown",
    status: 400,
    en: "The territory does not exist.",
    bn: "এলাকাটি নেই।",
  },
  roleNotAllowed: {
    code: "user.role_not_allowed",
    status: 403,
    en: "You cannot give the role {role}.",
    bn: "আপনি {role} ভূমিকা দিতে পারেন না।",
  },
  territoryOutOfScope: {
    code: "user.territory_out_of_scope",
    status: 403,
    en: "You can only assign territories inside your own.",
    bn: "আপনি শুধু নিজের এলাকার ভিতরের এলাকা দিতে পারেন।",
  },
  selfChange: {
    code: "user.self_change",
    status: 409,
    en: "You cannot deactivate yourself or change your own role.",
    bn: "আপনি নিজেকে নিষ্ক্রিয় করতে বা নিজের ভূমিকা বদলাতে পারেন না।",
  },
  deactivated: {
    code: "user.deactivated",
    status: 409,
    en: "The user is deactivated. Reactivate them first.",
    bn: "ব্যবহারকারী নিষ্ক্রিয়। আগে তাকে সক্রিয় করুন।",
  },
  tokenNotFound: {
    code: "api_token.not_found",
    status: 404,
    en: "The API token was not found.",
    bn: "API টোকেনটি পাওয়া যায়নি।",
  },
});
