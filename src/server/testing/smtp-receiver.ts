// For tests only (smtp-server and mailparser are devDependencies): a real SMTP server in this process on a free
// port, which checks the sign-in, keeps every message it accepts, parsed, and can be told to refuse.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** The SMTP envelope: who the client said it sends from and to, apart from the headers. */
  envelope: { from: string | null; to: string[] };
  user: string | null;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  port: number;
  /** An SMTP_URL for this receiver. */
  url: string;
  received: ReceivedMail[];
  /** From now on, RCPT TO answers an error for each address that matches (null: accept all again). */
  refuseRecipient(pattern: RegExp | null, message?: string, code?: number): void;
  /** Refuse every message at the end of DATA until called with null. */
  refuseData(message: string | null, code?: number): void;
  stop(): Promise<void>;
}

/** Waits until the receiver holds `count` messages (SMTP replies before the client's promise settles). */
export async function waitForMail(receiver: SmtpReceiver, count: number, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (receiver.received.length < count) {
    if (Date.now() > until) throw new Error(`expected ${count} messages, received ${receiver.received.length}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const smtpError = (message: string, code: number) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpReceiver(auth = { user: "bikri", pass: "mail-secret" }): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  let refusedRecipient: { pattern: RegExp; message: string; code: number } | null = null;
  let refusedData: { message: string; code: number } | null = null;
  const server = new SMTPServer({
    // Plain SMTP on 127.0.0.1: no certificate to trust, and sign-in still checked.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, callback) {
      if (a.username === auth.user && a.password === auth.pass) callback(null, { user: a.username });
      else callback(smtpError("Authentication failed", 535));
    },
    onRcptTo(address, _session, callback) {
      if (refusedRecipient?.pattern.test(address.address))
        callback(smtpError(refusedRecipient.message, refusedRecipient.code));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refusedData) {
          callback(smtpError(refusedData.message, refusedData.code));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              user: typeof session.user === "string" ? session.user : null,
              raw,
              parsed,
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  const net = await new Promise<ReturnType<SMTPServer["listen"]>>((resolve, reject) => {
    server.once("error", reject);
    const s = server.listen(0, "127.0.0.1", () => resolve(s));
  });
  const port = (net.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@127.0.0.1:${port}`,
    received,
    refuseRecipient(pattern, message = "No such user here", code = 550) {
      refusedRecipient = pattern === null ? null : { pattern, message, code };
    },
    refuseData(message, code = 451) {
      refusedData = message === null ? null : { message, code };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
