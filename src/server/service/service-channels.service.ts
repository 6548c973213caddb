// The ways a ticket comes in besides the app: the public "ask a question" form on the org's help page, and email
// through a mail bridge (the raw message, posted with an API token). A subject carrying a ticket number
// ([TKT-000123]) threads the message onto that ticket as the customer's reply; any other message opens a ticket.
import { simpleParser } from "mailparser";
import type { PublicTicketRequest } from "../../shared/contracts/service.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { type Ctx, type RequestMeta, systemCtx } from "../platform/context.ts";
import { ServiceErrors } from "./service.errors.ts";
import * as repo from "./service.repository.ts";
import { addRequesterMessageTx, createTicketTx } from "./service.service.ts";

const hasBengali = (s: string) => /[\u0980-\u09FF]/.test(s);

const THANKS = {
  en: (name: string, number: string) =>
    `Thank you, ${name}. We have your question as ticket ${number} and will answer you soon.`,
  bn: (name: string, number: string) =>
    `ধন্যবাদ, ${name}। আপনার প্রশ্নটি ${number} নম্বর টিকিট হিসেবে আমরা পেয়েছি; শিগগিরই উত্তর দেব।`,
};
const THANKS_NO_NUMBER = {
  en: (name: string) => `Thank you, ${name}. We have your question and will answer you soon.`,
  bn: (name: string) => `ধন্যবাদ, ${name}। আপনার প্রশ্নটি আমরা পেয়েছি; শিগগিরই উত্তর দেব।`,
};

/**
 * The public form. A filled honeypot (the hidden `website` field) is answered like a success and stores nothing, so a
 * bot learns nothing; the per-IP rate limit is the route's. The answer is in the requester's language.
 */
export async function submitPublicTicket(
  db: Db,
  slug: string,
  input: PublicTicketRequest & { type: "question" | "complaint" | "suggestion" },
  requestLocale: Locale,
  meta: RequestMeta,
) {
  const org = await repo.findOrgBySlug(db, slug);
  if (!org) throw ServiceErrors.orgNotFound();
  const locale: Locale = input.locale ?? requestLocale;
  if (input.website && input.website.trim() !== "")
    return { received: true as const, message: THANKS_NO_NUMBER[locale](input.name) };
  const ctx: Ctx = { ...systemCtx(db, org.id), ...meta, locale };
  const { number } = await withTransaction(db, async (tx) => {
    const contact = input.email ? await repo.findContactByEmail(tx, org.id, input.email) : undefined;
    return createTicketTx(tx, ctx, {
      type: input.type,
      channel: "web_form",
      priority: "normal",
      subject: input.subject,
      description: input.message,
      contactId: contact?.id,
      requesterName: input.name,
      requesterPhone: input.phone,
      requesterEmail: input.email,
      locale,
    });
  });
  return { received: true as const, message: THANKS[locale](input.name, number) };
}

const TICKET_REF = /\[(TKT-\d{1,12})\]/i;

/** The new words of a reply: quoted lines and everything after "On ... wrote:" are the thread it answers. */
export function replyText(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n/g, "\n").split("\n")) {
    if (/^\s*On .+wrote:\s*$/i.test(line) || /^-{2,}\s*Original Message\s*-{2,}/i.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    lines.push(line);
  }
  return lines.join("\n").trim();
}

export async function receiveEmail(ctx: Ctx, raw: string) {
  if (!can(ctx.actor, "service.write")) throw AccessErrors.forbidden();
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true });
  const from = mail.from?.value[0];
  const address = from?.address?.trim().toLowerCase();
  if (!address) throw ServiceErrors.emailUnreadable();
  const name = from?.name?.trim() || address;
  const subject = (mail.subject ?? "").trim();
  const text = (mail.text ?? "").trim();
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const ref = TICKET_REF.exec(subject)?.[1]?.toUpperCase();
    const existing = ref ? await repo.findTicketByNumber(tx, orgId, ref) : undefined;
    if (existing) {
      const body = replyText(text) || text || subject;
      await addRequesterMessageTx(tx, ctx, existing.id, {
        body: body.slice(0, 20000),
        channel: "email",
        authorName: name,
      });
      return { action: "replied" as const, ticketId: existing.id, number: existing.number };
    }
    // The sender's contact, when the token holder may see it (a bridge runs with a service or admin token: all).
    const found = await repo.findContactByEmail(tx, orgId, address);
    const viewer = { scope: ctx.actor.scope, userId: ctx.actor.userId };
    const contact = found && (await repo.crmRecordVisible(tx, orgId, "contacts", found.id, viewer)) ? found : undefined;
    const locale: Locale = hasBengali(`${subject} ${text}`) ? "bn" : "en";
    const created = await createTicketTx(tx, ctx, {
      type: "question",
      channel: "email",
      priority: "normal",
      subject: (subject || text.split("\n")[0] || address).slice(0, 300),
      description: text.slice(0, 20000),
      contactId: contact?.id,
      requesterName: contact ? undefined : name.slice(0, 200),
      requesterEmail: address,
      locale,
    });
    return { action: "created" as const, ticketId: created.id, number: created.number };
  });
}
