// Email over SMTP (nodemailer), configured by SMTP_URL and MAIL_FROM. The server is optional: without SMTP_URL
// the mailer exists but refuses to send (MailNotConfigured), and each caller decides what that means for it
// (a scheduled report records it; a "send now" tells the user). Sending is an effect outside the database:
// call it after commit, never inside a transaction that would hold locks while a mail server answers.
import nodemailer from "nodemailer";
import { MailNotConfigured, MailSendFailed } from "./mail.errors.ts";

export interface MailSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465; null: email is off. */
  url: string | null;
  /** The From header, e.g. `Bikri <no-reply@bikri.app>`. */
  from: string;
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  /** One address or several; all of them see each other in To. */
  to: string | readonly string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface SentMail {
  messageId: string;
  /** Addresses the server refused while taking the rest (when it refuses all, send throws instead). */
  rejected: string[];
}

export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<SentMail>;
  /** Closes any connection the transport keeps; safe to call more than once. */
  close(): void;
}

export interface MailerOptions {
  /** How long to wait for the server to connect and greet; an answer to any later command waits twice this. */
  timeoutMs?: number;
}

/** What nodemailer's error codes mean, for a reason shown to the schedule's owner (no host names, no ports). */
const FAILURE_CODES: Record<string, string> = {
  ECONNECTION: "no connection to the mail server (ECONNECTION)",
  ESOCKET: "no connection to the mail server (ESOCKET)",
  ETIMEDOUT: "no answer in time (ETIMEDOUT)",
  EDNS: "the mail server's name was not found (EDNS)",
  ETLS: "a TLS error (ETLS)",
  EAUTH: "the user name or password was refused (EAUTH)",
  ENOAUTH: "no user name or password was given (ENOAUTH)",
  EENVELOPE: "the sender or the recipients were refused (EENVELOPE)",
  EPROTOCOL: "an answer that is not SMTP (EPROTOCOL)",
};

/**
 * A short, storable reason: the server's own reply when there is one ("550 5.1.1 No such user"), otherwise what
 * went wrong in general terms. Never the error's message, which names hosts, ports and local addresses.
 */
export function mailFailureReason(err: unknown): string {
  const e = (typeof err === "object" && err) || {};
  const response = "response" in e && typeof e.response === "string" ? e.response : null;
  const responseCode = "responseCode" in e && typeof e.responseCode === "number" ? e.responseCode : null;
  if (response && responseCode) return response.replace(/\s+/g, " ").trim().slice(0, 300);
  const code = "code" in e && typeof e.code === "string" ? e.code : null;
  if (code) return FAILURE_CODES[code] ?? `an error (${code.slice(0, 40)})`;
  return "an unknown error";
}

export function createMailer(settings: MailSettings, opts: MailerOptions = {}): Mailer {
  const url = settings.url;
  if (!url)
    return {
      configured: false,
      send: () => Promise.reject(new MailNotConfigured()),
      close: () => {},
    };
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport(
    {
      url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: 2 * timeout,
      // Messages are built from our own data: an attachment or image must never be read from a path or URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: settings.from },
  );
  return {
    configured: true,
    async send(message) {
      try {
        const info = await transport.sendMail({
          to: [...(typeof message.to === "string" ? [message.to] : message.to)],
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined && { html: message.html }),
          attachments: (message.attachments ?? []).map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
          // RFC 3834: a machine sent this; out-of-office replies should not answer it.
          headers: { "Auto-Submitted": "auto-generated" },
        });
        return {
          messageId: info.messageId,
          rejected: [...info.rejected],
        };
      } catch (err) {
        throw new MailSendFailed(mailFailureReason(err));
      }
    },
    close: () => transport.close(),
  };
}
