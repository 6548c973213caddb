// Service desk (C5): tickets, the SLA calendar and policies, and the knowledge base / public FAQ.
//
// Routes:
//   GET    /api/v1/service/tickets?view=&type=&priority=&status=&q=   the queue (mine, unassigned, breached, all)
//   POST   /api/v1/service/tickets                  a ticket by hand (phone, walk-in) or from another channel
//   GET    /api/v1/service/tickets/{id}             the ticket with its conversation and history
//   PATCH  /api/v1/service/tickets/{id}             type, priority (due times recomputed), assignee
//   POST   /api/v1/service/tickets/{id}/messages    a public reply or an internal note
//   POST   /api/v1/service/tickets/{id}/status      open / pending / resolved (with resolution) / closed
//   POST   /api/v1/service/tickets/{id}/article     a draft FAQ article from a resolved ticket
//   POST   /api/v1/service/inbound-email            the raw RFC 822 message from a mail bridge
//   GET    /api/v1/service/agents                   who a ticket can be given to
//   GET|PUT /api/v1/service/settings                business calendar and SLA policies
//   GET|POST /api/v1/kb/articles, GET|PATCH /api/v1/kb/articles/{id}, POST .../{id}/publish|unpublish
//   POST   /api/v1/public/orgs/{orgSlug}/tickets    the public "ask a question" form
//   GET    /api/v1/public/orgs/{orgSlug}/faq?q=&lang=   published articles, searched in Bengali or English
//   GET    /api/v1/public/orgs/{orgSlug}/faq/{id}   one published article (counts a view)
//   POST   /api/v1/public/orgs/{orgSlug}/faq/{id}/vote   "was this helpful?"
import { z } from "zod";
import { LocaleSchema, PageQuery, Timestamp } from "./common.ts";

export const TICKET_TYPES = ["question", "complaint", "suggestion"] as const;
export const TICKET_CHANNELS = ["web_form", "email", "chat", "phone", "manual"] as const;
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const TICKET_STATUSES = ["new", "open", "pending", "resolved", "closed"] as const;
export const TICKET_VIEWS = ["all", "mine", "unassigned", "breached"] as const;
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export type TicketType = (typeof TICKET_TYPES)[number];
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).optional();
const Phone = z.string().trim().min(6).max(30);

export const TicketQuery = PageQuery.extend({
  view: z.enum(TICKET_VIEWS).default("all"),
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  /** Open statuses only (new, open, pending), the default of the queue screen. */
  active: z.enum(["true", "false"]).optional(),
  q: z.string().max(100).optional(),
});
export type TicketQuery = z.infer<typeof TicketQuery>;

export const CreateTicketRequest = z
  .strictObject({
    type: z.enum(TICKET_TYPES),
    channel: z.enum(TICKET_CHANNELS).default("manual"),
    priority: z.enum(TICKET_PRIORITIES).default("normal"),
    subject: Text(300),
    description: z.string().trim().max(20000).default(""),
    contactId: z.uuid().optional(),
    accountId: z.uuid().optional(),
    requesterName: OptionalText(200),
    requesterPhone: Phone.optional(),
    requesterEmail: z.email().max(254).optional(),
    locale: LocaleSchema.optional(),
    assigneeId: z.uuid().optional(),
    territoryId: z.uuid().optional(),
  })
  .refine((t) => t.contactId || t.accountId || t.requesterName || t.requesterPhone || t.requesterEmail, {
    message:
      "Name the requester: a contact, an account, or a name, phone or email|অনুরোধকারীর পরিচয় দিন: একজন যোগাযোগ, একটি অ্যাকাউন্ট, অথবা নাম, ফোন বা ইমেইল",
    path: ["requesterName"],
  });
export type CreateTicketRequest = z.input<typeof CreateTicketRequest>;
export type CreateTicketInput = z.infer<typeof CreateTicketRequest>;

/** The fields to change; those left out stay as they are (an empty body changes nothing). */
export const UpdateTicketRequest = z.strictObject({
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** null: unassign. */
  assigneeId: z.uuid().nullable().optional(),
  subject: Text(300).optional(),
});
export type UpdateTicketRequest = z.infer<typeof UpdateTicketRequest>;

export const TicketMessageRequest = z.strictObject({
  kind: z.enum(["public", "internal"]),
  body: Text(20000),
});
export type TicketMessageRequest = z.infer<typeof TicketMessageRequest>;

export const TicketStatusRequest = z
  .strictObject({
    status: z.enum(["open", "pending", "resolved", "closed"]),
    resolution: OptionalText(20000),
  })
  .refine((b) => b.status !== "resolved" || (b.resolution ?? "") !== "", {
    message: "Say how it was resolved|কীভাবে সমাধান হলো তা লিখুন",
    path: ["resolution"],
  });
export type TicketStatusRequest = z.infer<typeof TicketStatusRequest>;

export const SlaState = z.object({
  dueAt: Timestamp.nullable(),
  metAt: Timestamp.nullable(),
  breachedAt: Timestamp.nullable(),
});

export const TicketSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.enum(TICKET_TYPES),
  channel: z.enum(TICKET_CHANNELS),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  subject: z.string(),
  requesterName: z.string().nullable(),
  contactId: z.uuid().nullable(),
  accountId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  territoryId: z.uuid().nullable(),
  escalationLevel: z.number().int(),
  firstResponse: SlaState,
  resolution: SlaState,
  /** Whether the SLA clock stands still (pending: waiting on the customer). */
  slaPaused: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const TicketListResponse = z.object({ items: z.array(TicketSummary), nextCursor: z.string().nullable() });

export const TicketMessage = z.object({
  id: z.uuid(),
  kind: z.enum(["public", "internal"]),
  authorKind: z.enum(["agent", "requester"]),
  authorName: z.string().nullable(),
  body: z.string(),
  channel: z.enum(TICKET_CHANNELS),
  createdAt: Timestamp,
});

export const TicketEvent = z.object({
  id: z.uuid(),
  kind: z.string(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});

export const TicketResponse = TicketSummary.extend({
  description: z.string(),
  requesterPhone: z.string().nullable(),
  requesterEmail: z.string().nullable(),
  locale: LocaleSchema,
  resolutionText: z.string().nullable(),
  resolvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  articleIds: z.array(z.uuid()),
  messages: z.array(TicketMessage),
  events: z.array(TicketEvent),
});
export type TicketResponse = z.infer<typeof TicketResponse>;

export const InboundEmailRequest = z.strictObject({
  /** The whole message as received (RFC 822 / MIME), headers and body. */
  raw: z.string().min(1).max(2_000_000),
});
export const InboundEmailResponse = z.object({
  action: z.enum(["created", "replied"]),
  ticketId: z.uuid(),
  number: z.string(),
});

export const ServiceAgent = z.object({ id: z.uuid(), name: z.string(), role: z.string() });
export const ServiceAgentsResponse = z.object({ items: z.array(ServiceAgent) });

// --- settings

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, {
  message: "Give a time as HH:MM|সময় দিন HH:MM আকারে",
});
export const WorkingDay = z
  .strictObject({ open: HourMinute, close: HourMinute })
  .nullable()
  .refine((w) => w === null || w.close > w.open, {
    message: "Closing must come after opening|বন্ধের সময় খোলার সময়ের পরে হতে হবে",
  });

export const SlaPolicy = z.strictObject({
  priority: z.enum(TICKET_PRIORITIES),
  firstResponseMinutes: z.number().int().min(1).max(525600),
  resolutionMinutes: z.number().int().min(1).max(525600),
  escalatePriority: z.boolean(),
  escalateToUserId: z.uuid().nullable(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const ServiceSettings = z.strictObject({
  timeZone: z.literal("Asia/Dhaka"),
  /** Seven days, Sunday first. */
  week: z.array(WorkingDay).length(7),
  holidays: z.array(z.iso.date()).max(366),
  policies: z
    .array(SlaPolicy)
    .length(4)
    .refine((ps) => new Set(ps.map((p) => p.priority)).size === 4, {
      message: "One policy per priority|প্রতিটি অগ্রাধিকারের জন্য একটি নীতি",
    }),
});
export type ServiceSettings = z.infer<typeof ServiceSettings>;

// --- knowledge base

export const ARTICLE_STATUSES = ["draft", "published"] as const;

const ArticleFields = {
  category: OptionalText(100),
  titleBn: z.string().trim().max(300).default(""),
  titleEn: z.string().trim().max(300).default(""),
  bodyBn: z.string().trim().max(50000).default(""),
  bodyEn: z.string().trim().max(50000).default(""),
};
const hasTitle = (a: { titleBn?: string | undefined; titleEn?: string | undefined }) =>
  (a.titleBn ?? "") !== "" || (a.titleEn ?? "") !== "";
const TITLE_MESSAGE = {
  message: "Give the article a title in Bengali or English|বাংলা বা ইংরেজিতে লেখার একটি শিরোনাম দিন",
  path: ["titleBn"],
};

export const CreateArticleRequest = z.strictObject(ArticleFields).refine(hasTitle, TITLE_MESSAGE);
export type CreateArticleRequest = z.input<typeof CreateArticleRequest>;
/** The fields to change; those left out stay as they are. */
export const UpdateArticleRequest = z.strictObject({
  category: z.string().trim().max(100).nullable().optional(),
  titleBn: z.string().trim().max(300).optional(),
  titleEn: z.string().trim().max(300).optional(),
  bodyBn: z.string().trim().max(50000).optional(),
  bodyEn: z.string().trim().max(50000).optional(),
});
export type UpdateArticleRequest = z.infer<typeof UpdateArticleRequest>;

export const ArticleQuery = PageQuery.extend({
  status: z.enum(ARTICLE_STATUSES).optional(),
  q: z.string().max(100).optional(),
});

export const ArticleResponse = z.object({
  id: z.uuid(),
  status: z.enum(ARTICLE_STATUSES),
  category: z.string().nullable(),
  titleBn: z.string(),
  titleEn: z.string(),
  bodyBn: z.string(),
  bodyEn: z.string(),
  sourceTicketId: z.uuid().nullable(),
  sourceTicketNumber: z.string().nullable(),
  views: z.number().int(),
  helpfulYes: z.number().int(),
  helpfulNo: z.number().int(),
  publishedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ArticleResponse = z.infer<typeof ArticleResponse>;
export const ArticleListResponse = z.object({
  items: z.array(ArticleResponse),
  nextCursor: z.string().nullable(),
  /** Where the org's public help page is (/help/<org slug>). */
  helpPagePath: z.string(),
});

// --- public

export const OrgSlugParams = z.strictObject({ orgSlug: z.string().min(1).max(100) });
export const PublicArticleParams = z.strictObject({ orgSlug: z.string().min(1).max(100), id: z.uuid() });

export const PublicTicketRequest = z
  .strictObject({
    type: z.enum(TICKET_TYPES).default("question"),
    name: Text(200),
    phone: Phone.optional(),
    email: z.email().max(254).optional(),
    subject: Text(300),
    message: Text(5000),
    locale: LocaleSchema.optional(),
    /** The honeypot: hidden from people, filled in by bots. */
    website: z.string().max(500).optional(),
  })
  .refine((b) => b.phone || b.email, {
    message: "Give a phone number or an email so we can answer|উত্তর দেওয়ার জন্য একটি ফোন নম্বর বা ইমেইল দিন",
    path: ["phone"],
  });
export type PublicTicketRequest = z.input<typeof PublicTicketRequest>;
export const PublicTicketResponse = z.object({ received: z.literal(true), message: z.string() });

export const FaqQuery = z.strictObject({
  q: z.string().max(100).optional(),
  lang: LocaleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const FaqArticle = z.object({
  id: z.uuid(),
  category: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  locale: LocaleSchema,
  helpfulYes: z.number().int(),
  helpfulNo: z.number().int(),
  updatedAt: Timestamp,
});
export type FaqArticle = z.infer<typeof FaqArticle>;
export const FaqResponse = z.object({
  org: z.object({ name: z.string(), slug: z.string() }),
  items: z.array(FaqArticle),
});
export const FaqVoteRequest = z.strictObject({ helpful: z.boolean() });
export const FaqVoteResponse = z.object({ helpfulYes: z.number().int(), helpfulNo: z.number().int() });
