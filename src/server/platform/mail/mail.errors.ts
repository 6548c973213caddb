// Email errors are classes as well as codes: a caller that sends mail as a side effect (a scheduled report)
// tells "not set up" from "the mail server said no" with instanceof, and a route shows either message.
import { AppError, defineErrors } from "../errors.ts";

export const MailErrors = defineErrors({
  notConfigured: {
    code: "mail.not_configured",
    status: 503,
    en: "This server cannot send email yet: ask your administrator to set SMTP_URL.",
    bn: "এই সার্ভার থেকে এখনো ইমেইল পাঠানো যায় না: অ্যাডমিনকে SMTP_URL সেট করতে বলুন।",
  },
  sendFailed: {
    code: "mail.send_failed",
    status: 502,
    en: "The email could not be sent: the mail server answered {reason}.",
    bn: "ইমেইল পাঠানো যায়নি: মেইল সার্ভারের উত্তর {reason}।",
  },
});

/** SMTP_URL is not set: nothing was tried. */
export class MailNotConfigured extends AppError {
  constructor() {
    super("mail.not_configured");
    this.name = "MailNotConfigured";
  }
}

/** The mail server refused the message or could not be reached; `reason` is safe to store and show. */
export class MailSendFailed extends AppError {
  readonly reason: string;
  constructor(reason: string) {
    super("mail.send_failed", { reason });
    this.name = "MailSendFailed";
    this.reason = reason;
  }
}
