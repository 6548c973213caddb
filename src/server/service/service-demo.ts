// Demo data for the service desk: a believable week of a Bangladeshi FMCG company's help desk (questions about
// prices and delivery, complaints about damaged or expired goods, suggestions), in Bengali and English, at every
// stage (new, waiting on the customer, resolved, closed, one escalated), and a published FAQ in both languages, one
// article grown from a resolved ticket. Everything goes through the service's own use cases, so numbers, SLA due
// times, events and the audit log are as real use makes them. Deterministic for a seed.
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import { personName, phoneNumber } from "../demo/bangladeshi-names.ts";
import { createRng } from "../demo/seeded-random.ts";
import { systemCtx } from "../platform/context.ts";
import { articleFromTicket, createArticle, setPublished, updateArticle } from "./knowledge-base.service.ts";
import * as repo from "./service.repository.ts";
import { addMessage, changeStatus, createTicket } from "./service.service.ts";

interface DemoTicket {
  type: "question" | "complaint" | "suggestion";
  channel: "web_form" | "email" | "phone" | "manual" | "chat";
  priority: "low" | "normal" | "high" | "urgent";
  locale: Locale;
  subject: string;
  description: string;
  reply?: string;
  /** Where the demo leaves it. */
  end: "new" | "open" | "pending" | "resolved" | "closed";
  resolution?: string;
}

const TICKETS: DemoTicket[] = [
  {
    type: "complaint",
    channel: "phone",
    priority: "high",
    locale: "bn",
    subject: "ডেলিভারিতে ভাঙা বিস্কুটের কার্টন",
    description: "গতকালের ডেলিভারিতে দুটি কার্টনের বিস্কুট ভাঙা ছিল। বদলে দিতে চাই।",
    reply: "দুঃখিত। ছবি পাঠালে পরের ডেলিভারিতে বদলে দেওয়া হবে।",
    end: "resolved",
    resolution:
      "ভাঙা বা ক্ষতিগ্রস্ত পণ্য ডেলিভারির ৪৮ ঘণ্টার মধ্যে জানালে পরের ডেলিভারিতে ডিস্ট্রিবিউটর বদলে দেবেন। চালানের নম্বর ও ছবি রাখুন।",
  },
  {
    type: "question",
    channel: "web_form",
    priority: "normal",
    locale: "bn",
    subject: "নতুন দোকান হিসেবে কীভাবে অর্ডার দেব?",
    description: "আমি নতুন মুদি দোকান খুলেছি। আপনাদের পণ্য কীভাবে নিতে পারি?",
    reply: "আপনার এলাকার প্রতিনিধি আপনার সাথে যোগাযোগ করবেন।",
    end: "closed",
    resolution: "এলাকার বিক্রয় প্রতিনিধি দোকান নিবন্ধন করেন; তারপর প্রতিনিধির মাধ্যমে বা রিটেইলার অ্যাপে অর্ডার দেওয়া যায়।",
  },
  {
    type: "question",
    channel: "email",
    priority: "normal",
    locale: "en",
    subject: "Credit limit for our shop",
    description: "Can our credit limit be raised before Eid? We order more in the last two weeks of Ramadan.",
    reply: "We have asked your area manager; please send last quarter's invoices.",
    end: "pending",
  },
  {
    type: "complaint",
    channel: "manual",
    priority: "urgent",
    locale: "bn",
    subject: "মেয়াদোত্তীর্ণ জুস সরবরাহ",
    description: "আজকের চালানে তিনটি জুসের মেয়াদ গত সপ্তাহে শেষ হয়েছে।",
    end: "open",
  },
  {
    type: "suggestion",
    channel: "web_form",
    priority: "low",
    locale: "bn",
    subject: "বিকাশে পেমেন্ট নেওয়া হোক",
    description: "ডেলিভারির সময় নগদের বদলে বিকাশে টাকা দিতে পারলে সুবিধা হতো।",
    end: "new",
  },
  {
    type: "question",
    channel: "chat",
    priority: "normal",
    locale: "en",
    subject: "When does the new price list start?",
    description: "The rep said prices change next month. From which date?",
    end: "new",
  },
  {
    type: "complaint",
    channel: "phone",
    priority: "normal",
    locale: "bn",
    subject: "অর্ডার দুই দিন দেরিতে এসেছে",
    description: "বৃহস্পতিবারের অর্ডার শনিবার এসেছে।",
    reply: "শুক্রবার ডিস্ট্রিবিউটরের গাড়ি চলে না; দুঃখিত।",
    end: "closed",
    resolution: "শুক্রবার ডেলিভারি বন্ধ থাকে; বৃহস্পতিবার দুপুরের পরের অর্ডার শনিবার যায়।",
  },
];

const ARTICLES = [
  {
    category: "অর্ডার",
    titleBn: "অর্ডার দেওয়ার শেষ সময় কখন?",
    bodyBn: "দুপুর ২টার আগে দেওয়া অর্ডার পরের কাজের দিনে ডেলিভারি হয়। শুক্রবার ডেলিভারি বন্ধ।",
    titleEn: "What is the order cut-off time?",
    bodyEn: "Orders placed before 2 pm are delivered the next working day. There are no deliveries on Friday.",
  },
  {
    category: "পেমেন্ট",
    titleBn: "কীভাবে টাকা পরিশোধ করব?",
    bodyBn: "ডেলিভারির সময় নগদে, অথবা ডিস্ট্রিবিউটরের বিকাশ/নগদ মার্চেন্ট নম্বরে পরিশোধ করা যায়। রসিদ অবশ্যই নিন।",
    titleEn: "How do I pay?",
    bodyEn: "Pay cash on delivery, or to the distributor's bKash or Nagad merchant number. Always take a receipt.",
  },
  {
    category: "ফেরত",
    titleBn: "মেয়াদোত্তীর্ণ পণ্য ফেরত দেওয়া যায়?",
    bodyBn: "মেয়াদ শেষ হওয়ার আগের ৩০ দিনের মধ্যে জানালে ডিস্ট্রিবিউটর পরের ডেলিভারিতে ফেরত নেন।",
    titleEn: "Can I return expired products?",
    bodyEn: "Tell your distributor within 30 days before expiry and they take it back on the next delivery.",
  },
  {
    category: "স্কিম",
    titleBn: "চলমান অফার কোথায় দেখব?",
    bodyBn: "রিটেইলার অ্যাপে 'অফার' অংশে আপনার দোকানের জন্য চালু সব স্কিম দেখা যায়। প্রতিনিধিও জানাবেন।",
    titleEn: "Where can I see current offers?",
    bodyEn: "The Offers section of the retailer app lists every scheme open to your shop. Your rep can tell you too.",
  },
  {
    category: "অ্যাকাউন্ট",
    titleBn: "দোকানের ঠিকানা বা ফোন নম্বর বদলাব কীভাবে?",
    bodyBn: "আপনার এলাকার বিক্রয় প্রতিনিধিকে জানান; তিনি পরিবর্তনের অনুরোধ পাঠাবেন।",
    titleEn: "How do I change my shop's address or phone?",
    bodyEn: "Tell your area's sales rep; they send the change for approval.",
  },
];

export interface ServiceDemoSummary {
  tickets: number;
  articles: number;
}

/** Adds demo tickets and published articles to an org. Run once per org (numbers and texts would repeat). */
export async function seedServiceDemo(
  db: Db,
  orgId: string,
  options: { seed?: string } = {},
): Promise<ServiceDemoSummary> {
  const rng = createRng(options.seed ?? `service-demo:${orgId}`);
  const agents = await repo.listAgents(db, orgId);
  const serviceAgents = agents.filter((a) => a.role === "service");
  const pool = serviceAgents.length ? serviceAgents : agents;
  const ctx = systemCtx(db, orgId);
  let fromTicket = 0;
  for (const d of TICKETS) {
    const person = personName(rng.fork(d.subject));
    const agent = d.end === "new" ? undefined : rng.pick(pool);
    const ticket = await createTicket(
      { ...ctx, locale: d.locale },
      {
        type: d.type,
        channel: d.channel,
        priority: d.priority,
        subject: d.subject,
        description: d.description,
        requesterName: d.locale === "bn" ? person.bn : person.en,
        requesterPhone: phoneNumber(rng),
        locale: d.locale,
        assigneeId: agent?.id,
      },
    );
    if (d.reply) await addMessage(ctx, ticket.id, { kind: "public", body: d.reply });
    if (d.end === "pending") await changeStatus(ctx, ticket.id, { status: "pending" });
    if (d.end === "resolved" || d.end === "closed")
      await changeStatus(ctx, ticket.id, { status: d.end, resolution: d.resolution });
    if (d.end === "resolved" && fromTicket === 0) {
      // The FAQ grows from resolved questions: this one becomes an article, translated and published.
      const article = await articleFromTicket(ctx, ticket.id);
      await updateArticle(ctx, article.id, {
        category: "ফেরত",
        titleEn: "Damaged goods in a delivery",
        bodyEn:
          "Report damaged goods within 48 hours of delivery and the distributor replaces them on the next delivery. Keep the challan number and a photo.",
      });
      await setPublished(ctx, article.id, true);
      fromTicket++;
    }
  }
  for (const a of ARTICLES) {
    const article = await createArticle(ctx, a);
    await setPublished(ctx, article.id, true);
  }
  return { tickets: TICKETS.length, articles: ARTICLES.length + fromTicket };
}
