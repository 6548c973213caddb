// The mailer against a real SMTP server in this process (smtp-server), the message read back with mailparser:
// what a recipient's mail program gets, Bengali subject and body, the attachment byte for byte.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from "../../testing/smtp-receiver.ts";
import { localizedMessage } from "../errors.ts";
import { MailNotConfigured, MailSendFailed } from "./mail.errors.ts";
import { createMailer, type Mailer, mailFailureReason } from "./mailer.ts";

let receiver: SmtpReceiver;
let mailer: Mailer;

beforeAll(async () => {
  receiver = await startSmtpReceiver();
  mailer = createMailer({ url: receiver.url, from: "Bikri <no-reply@bikri.app>" }, { timeoutMs: 5_000 });
});
afterAll(async () => {
  mailer.close();
  await receiver.stop();
});

const attachment = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x80, 0x0d, 0x0a, 0x2e, 0x0d, 0x0a]);

describe("createMailer", () => {
  it("sends a Bengali message with an attachment, signed in with the URL's user and password", async () => {
    const before = receiver.received.length;
    const sent = await mailer.send({
      to: ["manager@example.com", "director@example.com"],
      subject: "দৈনিক বিক্রির রিপোর্ট, ২৪ নভেম্বর ২০২৬",
      text: "মোট বিক্রি: ৳১২,৩৪,৫৬৭\nরিপোর্টটি এক্সেল ফাইলে সংযুক্ত।",
      html: "<p>মোট বিক্রি: <b>৳১২,৩৪,৫৬৭</b></p>",
      attachments: [
        {
          filename: "sales-2026-11-24.xlsx",
          content: attachment,
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
      ],
    });
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    expect(sent.rejected).toEqual([]);
    await waitForMail(receiver, before + 1);
    const mail = receiver.received[before];
    if (!mail) throw new Error("no message received");
    expect(mail.user).toBe("bikri");
    expect(mail.envelope).toEqual({
      from: "no-reply@bikri.app",
      to: ["manager@example.com", "director@example.com"],
    });
    const m = mail.parsed;
    expect(m.messageId).toBe(sent.messageId);
    expect(m.subject).toBe("দৈনিক বিক্রির রিপোর্ট, ২৪ নভেম্বর ২০২৬");
    expect(m.from?.value).toEqual([{ address: "no-reply@bikri.app", name: "Bikri" }]);
    expect(m.text?.trim()).toBe("মোট বিক্রি: ৳১২,৩৪,৫৬৭\nরিপোর্টটি এক্সেল ফাইলে সংযুক্ত।");
    expect(m.html).toContain("<b>৳১২,৩৪,৫৬৭</b>");
    expect(m.headers.get("auto-submitted")).toBe("auto-generated");
    expect(m.attachments).toHaveLength(1);
    const [a] = m.attachments;
    expect(a?.filename).toBe("sales-2026-11-24.xlsx");
    expect(a?.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // Bytes that SMTP treats specially (CRLF.CRLF, high bytes) arrive unchanged.
    expect(a?.content.equals(attachment)).toBe(true);
  });

  it("takes one address as a string and reports a refused recipient while delivering to the rest", async () => {
    const before = receiver.received.length;
    receiver.refuseRecipient(/^gone@/);
    try {
      const sent = await mailer.send({ to: ["gone@example.com", "here@example.com"], subject: "s", text: "t" });
      expect(sent.rejected).toEqual(["gone@example.com"]);
      await waitForMail(receiver, before + 1);
      expect(receiver.received[before]?.envelope.to).toEqual(["here@example.com"]);
      await mailer.send({ to: "single@example.com", subject: "one", text: "t" });
      await waitForMail(receiver, before + 2);
      expect(receiver.received[before + 1]?.parsed.to).toMatchObject({ value: [{ address: "single@example.com" }] });
    } finally {
      receiver.refuseRecipient(null);
    }
  });

  it("fails with MailSendFailed carrying the server's reply when every recipient or the message is refused", async () => {
    receiver.refuseRecipient(/@nowhere\.example$/, "5.1.1 Mailbox does not exist", 550);
    try {
      const err = await mailer.send({ to: "a@nowhere.example", subject: "s", text: "t" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailSendFailed);
      expect((err as MailSendFailed).code).toBe("mail.send_failed");
      expect((err as MailSendFailed).reason).toMatch(/^550 5\.1\.1 Mailbox does not exist/);
    } finally {
      receiver.refuseRecipient(null);
    }
    receiver.refuseData("4.3.0 Try again later", 451);
    try {
      const err = await mailer.send({ to: "b@example.com", subject: "s", text: "t" }).catch((e: unknown) => e);
      expect((err as MailSendFailed).reason).toBe("451 4.3.0 Try again later");
      expect(localizedMessage("mail.send_failed", "bn", { reason: "451 4.3.0 Try again later" })).toBe(
        "ইমেইল পাঠানো যায়নি: মেইল সার্ভারের উত্তর 451 4.3.0 Try again later।",
      );
    } finally {
      receiver.refuseData(null);
    }
  });

  it("fails on a wrong password with the server's reply, and on a closed port without naming host or port", async () => {
    const wrong = createMailer({ url: receiver.url.replace("mail-secret", "wrong"), from: "x@bikri.app" });
    const auth = await wrong.send({ to: "c@example.com", subject: "s", text: "t" }).catch((e: unknown) => e);
    wrong.close();
    expect((auth as MailSendFailed).reason).toMatch(/^535 /);

    const closed = await startSmtpReceiver();
    await closed.stop();
    const down = createMailer({ url: closed.url, from: "x@bikri.app" }, { timeoutMs: 2_000 });
    const err = await down.send({ to: "c@example.com", subject: "s", text: "t" }).catch((e: unknown) => e);
    down.close();
    expect(err).toBeInstanceOf(MailSendFailed);
    const reason = (err as MailSendFailed).reason;
    expect(reason).toMatch(/no connection to the mail server|no answer in time/);
    expect(reason).not.toContain("127.0.0.1");
    expect(reason).not.toContain(String(closed.port));
  });

  it("without SMTP_URL is not configured and refuses to send with MailNotConfigured", async () => {
    const off = createMailer({ url: null, from: "Bikri <no-reply@bikri.app>" });
    expect(off.configured).toBe(false);
    expect(mailer.configured).toBe(true);
    const err = await off.send({ to: "d@example.com", subject: "s", text: "t" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailNotConfigured);
    expect((err as MailNotConfigured).code).toBe("mail.not_configured");
    expect(localizedMessage("mail.not_configured", "bn")).toMatch(/SMTP_URL/);
    off.close();
  });
});

describe("mailFailureReason", () => {
  it("keeps the server's one-line reply, or names the error code, never the message", () => {
    expect(mailFailureReason({ responseCode: 554, response: "554 5.7.1\r\n  Relay denied", message: "host x" })).toBe(
      "554 5.7.1 Relay denied",
    );
    expect(mailFailureReason({ code: "ETIMEDOUT", message: "Timeout connecting to 10.0.0.5:587" })).toBe(
      "no answer in time (ETIMEDOUT)",
    );
    expect(mailFailureReason({ code: "EWEIRD" })).toBe("an error (EWEIRD)");
    expect(mailFailureReason(new Error("connect ECONNREFUSED 10.1.2.3:25"))).toBe("an unknown error");
    expect(mailFailureReason(null)).toBe("an unknown error");
  });
});
