// The knowledge base (C5): FAQ articles in Bengali and English, drafted by hand or from a resolved ticket (the
// question from the ticket, the answer from its resolution), published to the org's public help page, where
// people search them in their language, read them (a view) and say whether they helped.
import type {
  ArticleResponse,
  CreateArticleRequest,
  FaqArticle,
  UpdateArticleRequest,
} from "../../shared/contracts/service.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import { searchText } from "../../shared/search-text.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import { type Ctx, isSystemActor } from "../platform/context.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { ServiceErrors } from "./service.errors.ts";
import * as repo from "./service.repository.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The acting user, or none for work the system does (the demo seed). */
const userOf = (ctx: Ctx) => (isSystemActor(ctx) ? null : ctx.actor.userId);

function needsWrite(ctx: Ctx) {
  if (!can(ctx.actor, "kb.write")) throw AccessErrors.forbidden();
}

function articleOf(a: repo.ArticleRow): ArticleResponse {
  return {
    id: a.id,
    status: a.status,
    category: a.category,
    titleBn: a.title_bn,
    titleEn: a.title_en,
    bodyBn: a.body_bn,
    bodyEn: a.body_en,
    sourceTicketId: a.source_ticket_id,
    sourceTicketNumber: a.source_ticket_number,
    views: a.views,
    helpfulYes: a.helpful_yes,
    helpfulNo: a.helpful_no,
    publishedAt: iso(a.published_at),
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
  };
}

/** Each language's searchable words: its title, answer and the category. */
const searchTexts = (a: {
  category: string | null;
  titleBn: string;
  titleEn: string;
  bodyBn: string;
  bodyEn: string;
}) => ({
  search_text_bn: searchText(a.titleBn, a.bodyBn, a.category),
  search_text_en: searchText(a.titleEn, a.bodyEn, a.category),
});

async function mustArticle(db: Executor, orgId: string, id: string) {
  const a = await repo.findArticle(db, orgId, id);
  if (!a) throw ServiceErrors.articleNotFound();
  return a;
}

export async function listArticles(
  ctx: Ctx,
  q: { status?: "draft" | "published" | undefined; q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  needsWrite(ctx);
  const rows = await repo.listArticles(ctx.db, ctx.actor.orgId, {
    status: q.status,
    q: q.q,
    beforeId: q.cursor ? decodeIdCursor(q.cursor) : undefined,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(articleOf),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
    helpPagePath: `/help/${await repo.orgSlugOf(ctx.db, ctx.actor.orgId)}`,
  };
}

export async function getArticle(ctx: Ctx, id: string) {
  needsWrite(ctx);
  return articleOf(await mustArticle(ctx.db, ctx.actor.orgId, id));
}

async function insertArticle(
  tx: Executor,
  ctx: Ctx,
  a: { category: string | null; titleBn: string; titleEn: string; bodyBn: string; bodyEn: string },
  sourceTicketId: string | null,
) {
  const id = newId();
  await repo.insertArticle(tx, {
    org_id: ctx.actor.orgId,
    id,
    category: a.category,
    title_bn: a.titleBn,
    title_en: a.titleEn,
    body_bn: a.bodyBn,
    body_en: a.bodyEn,
    source_ticket_id: sourceTicketId,
    ...searchTexts(a),
    created_by_user_id: userOf(ctx),
  });
  await recordAudit(tx, ctx, {
    entity: "kb_article",
    entityId: id,
    action: "create",
    after: { ...a, sourceTicketId },
  });
  return articleOf(await mustArticle(tx, ctx.actor.orgId, id));
}

export async function createArticle(ctx: Ctx, input: CreateArticleRequest) {
  needsWrite(ctx);
  return withTransaction(ctx.db, (tx) =>
    insertArticle(
      tx,
      ctx,
      {
        category: input.category ?? null,
        titleBn: input.titleBn ?? "",
        titleEn: input.titleEn ?? "",
        bodyBn: input.bodyBn ?? "",
        bodyEn: input.bodyEn ?? "",
      },
      null,
    ),
  );
}

/**
 * A draft article from a resolved (or closed) ticket, in the ticket's language: the subject and the requester's
 * words as the question, the resolution as the answer. The writer edits, translates and publishes it.
 */
export async function articleFromTicket(ctx: Ctx, ticketId: string) {
  needsWrite(ctx);
  if (!can(ctx.actor, "service.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const t = await repo.findTicket(tx, orgId, ticketId, { scope: ctx.actor.scope, userId: ctx.actor.userId });
    if (!t) throw ServiceErrors.ticketNotFound();
    if ((t.status !== "resolved" && t.status !== "closed") || !t.resolution) throw ServiceErrors.notResolved();
    const question = t.subject;
    const answer = t.description ? `${t.description}\n\n---\n\n${t.resolution}` : t.resolution;
    const bn = t.locale === "bn";
    const article = await insertArticle(
      tx,
      ctx,
      {
        category: t.type === "question" ? null : t.type,
        titleBn: bn ? question : "",
        titleEn: bn ? "" : question,
        bodyBn: bn ? answer : "",
        bodyEn: bn ? "" : answer,
      },
      t.id,
    );
    await repo.insertEvent(tx, {
      org_id: orgId,
      id: newId(),
      ticket_id: t.id,
      actor_user_id: userOf(ctx),
      kind: "article_created",
      data: { articleId: article.id },
    });
    return article;
  });
}

export async function updateArticle(ctx: Ctx, id: string, input: UpdateArticleRequest) {
  needsWrite(ctx);
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await mustArticle(tx, orgId, id);
    const next = {
      category: input.category === undefined ? before.category : input.category,
      titleBn: input.titleBn ?? before.title_bn,
      titleEn: input.titleEn ?? before.title_en,
      bodyBn: input.bodyBn ?? before.body_bn,
      bodyEn: input.bodyEn ?? before.body_en,
    };
    const unchanged =
      next.category === before.category &&
      next.titleBn === before.title_bn &&
      next.titleEn === before.title_en &&
      next.bodyBn === before.body_bn &&
      next.bodyEn === before.body_en;
    if (unchanged) return articleOf(before);
    if (next.titleBn === "" && next.titleEn === "") throw ServiceErrors.articleIncomplete();
    if (before.status === "published" && !publishable(next)) throw ServiceErrors.articleIncomplete();
    await repo.updateArticle(tx, orgId, id, {
      category: next.category,
      title_bn: next.titleBn,
      title_en: next.titleEn,
      body_bn: next.bodyBn,
      body_en: next.bodyEn,
      ...searchTexts(next),
    });
    await recordAudit(tx, ctx, {
      entity: "kb_article",
      entityId: id,
      action: "update",
      before: articleOf(before),
      after: next,
    });
    return articleOf(await mustArticle(tx, orgId, id));
  });
}

/** Published only with a title and an answer in one language at least (a language half-written stays hidden). */
const publishable = (a: { titleBn: string; titleEn: string; bodyBn: string; bodyEn: string }) =>
  (a.titleBn !== "" && a.bodyBn !== "") || (a.titleEn !== "" && a.bodyEn !== "");

export async function setPublished(ctx: Ctx, id: string, published: boolean) {
  needsWrite(ctx);
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const a = await mustArticle(tx, orgId, id);
    const shape = { titleBn: a.title_bn, titleEn: a.title_en, bodyBn: a.body_bn, bodyEn: a.body_en };
    if (published && !publishable(shape)) throw ServiceErrors.articleIncomplete();
    const status = published ? "published" : "draft";
    if (a.status !== status) {
      await repo.updateArticle(tx, orgId, id, {
        status,
        published_at: published ? new Date() : a.published_at,
      });
      await recordAudit(tx, ctx, {
        entity: "kb_article",
        entityId: id,
        action: published ? "publish" : "unpublish",
        before: { status: a.status },
        after: { status },
      });
    }
    return articleOf(await mustArticle(tx, orgId, id));
  });
}

// --- the public help page

async function orgOf(db: Executor, slug: string) {
  const org = await repo.findOrgBySlug(db, slug);
  if (!org) throw ServiceErrors.orgNotFound();
  return org;
}

function faqArticle(a: Awaited<ReturnType<typeof repo.findPublished>> & object, lang: Locale): FaqArticle {
  // An article shows in the language asked for; one written in the other language only shows in that one.
  const inLang = lang === "bn" ? a.title_bn !== "" && a.body_bn !== "" : a.title_en !== "" && a.body_en !== "";
  const locale: Locale = inLang ? lang : lang === "bn" ? "en" : "bn";
  return {
    id: a.id,
    category: a.category,
    title: locale === "bn" ? a.title_bn : a.title_en,
    body: locale === "bn" ? a.body_bn : a.body_en,
    locale,
    helpfulYes: a.helpful_yes,
    helpfulNo: a.helpful_no,
    updatedAt: a.updated_at.toISOString(),
  };
}

export async function publicFaq(db: Db, slug: string, lang: Locale, q: string | undefined, limit: number) {
  const org = await orgOf(db, slug);
  const rows = await repo.searchPublished(db, org.id, lang, q ?? "", limit);
  return {
    org: { name: lang === "bn" && org.name_bn ? org.name_bn : org.name, slug: org.slug },
    items: rows.map((a) => faqArticle(a, lang)),
  };
}

export async function publicArticle(db: Db, slug: string, id: string, lang: Locale) {
  const org = await orgOf(db, slug);
  return withTransaction(db, async (tx) => {
    const a = await repo.findPublished(tx, org.id, id);
    if (!a) throw ServiceErrors.articleNotFound();
    await repo.countView(tx, org.id, id);
    return faqArticle({ ...a, views: a.views + 1 }, lang);
  });
}

export async function publicVote(db: Db, slug: string, id: string, helpful: boolean) {
  const org = await orgOf(db, slug);
  const row = await withTransaction(db, (tx) => repo.vote(tx, org.id, id, helpful));
  if (!row) throw ServiceErrors.articleNotFound();
  return { helpfulYes: row.helpful_yes, helpfulNo: row.helpful_no };
}
