// The in-app notification centre. Any module posts with `notify` inside its own transaction, so a
// notification exists exactly when the change it announces does. Text is stored in both languages and
// shown in the reader's.
import { newId } from "../../../shared/ids.ts";
import type { Executor } from "../../db/transaction.ts";
import { withTransaction } from "../../db/transaction.ts";
import { AccessErrors, can } from "../access.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { Ctx } from "../context.ts";
import { defineErrors } from "../errors.ts";
import { decodeIdCursor, encodeCursor } from "../pagination.ts";
import * as repo from "./notifications.repository.ts";

export const NotificationErrors = defineErrors({
  notFound: {
    code: "notification.not_found",
    status: 404,
    en: "The notification was not found.",
    bn: "নোটিফিকেশনটি পাওয়া যায়নি।",
  },
  unknownRecipients: {
    code: "notification.unknown_recipients",
    status: 400,
    en: "Some recipients are not users of this organisation: {ids}",
    bn: "কিছু প্রাপক এই প্রতিষ্ঠানের ব্যবহারকারী নন: {ids}",
  },
});

export interface NotificationInput {
  userIds: string[];
  kind: string;
  title: { bn: string; en: string };
  body?: { bn: string; en: string } | undefined;
  link?: string | undefined;
}

/** For modules: post a notification to users of the actor's org, inside the caller's transaction. */
export async function notify(tx: Executor, orgId: string, input: NotificationInput): Promise<string[]> {
  const rows = [...new Set(input.userIds)].map((userId) => ({
    orgId,
    id: newId(),
    userId,
    kind: input.kind,
    titleBn: input.title.bn,
    titleEn: input.title.en,
    bodyBn: input.body?.bn ?? null,
    bodyEn: input.body?.en ?? null,
    link: input.link ?? null,
  }));
  await repo.insertNotifications(tx, rows);
  return rows.map((r) => r.id);
}

export async function listMyNotifications(
  ctx: Ctx,
  q: { unread?: "true" | "false" | undefined; cursor?: string | undefined; limit: number },
) {
  const beforeId = q.cursor ? decodeIdCursor(q.cursor) : undefined;
  const rows = await repo.listNotifications(ctx.db, ctx.actor.orgId, ctx.actor.userId, {
    unreadOnly: q.unread === "true",
    beforeId,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const bn = ctx.locale === "bn";
  return {
    items: page.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: bn ? n.title_bn : n.title_en,
      body: (bn ? n.body_bn : n.body_en) ?? null,
      link: n.link,
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function unreadCount(ctx: Ctx) {
  return { unread: await repo.countUnread(ctx.db, ctx.actor.orgId, ctx.actor.userId) };
}

export async function markNotificationRead(ctx: Ctx, id: string): Promise<void> {
  const n = await repo.markRead(ctx.db, ctx.actor.orgId, ctx.actor.userId, id);
  if (n === 0) throw NotificationErrors.notFound();
}

export async function markAllNotificationsRead(ctx: Ctx): Promise<void> {
  await repo.markRead(ctx.db, ctx.actor.orgId, ctx.actor.userId);
}

/** An admin's announcement to chosen users of the org. */
export async function sendNotification(
  ctx: Ctx,
  input: {
    userIds: string[];
    kind: string;
    titleEn: string;
    titleBn: string;
    bodyEn?: string | undefined;
    bodyBn?: string | undefined;
    link?: string | undefined;
  },
) {
  if (!can(ctx.actor, "notifications.send")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const wanted = [...new Set(input.userIds)];
    const found = new Set(await repo.existingUserIds(tx, ctx.actor.orgId, wanted));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) throw NotificationErrors.unknownRecipients({ ids: missing.join(", ") });
    const ids = await notify(tx, ctx.actor.orgId, {
      userIds: wanted,
      kind: input.kind,
      title: { en: input.titleEn, bn: input.titleBn },
      body:
        input.bodyEn || input.bodyBn
          ? { en: input.bodyEn ?? input.bodyBn ?? "", bn: input.bodyBn ?? input.bodyEn ?? "" }
          : undefined,
      link: input.link,
    });
    await recordAudit(tx, ctx, {
      entity: "notification",
      entityId: null,
      action: "send",
      after: { recipients: wanted.length, kind: input.kind, titleEn: input.titleEn },
    });
    return { sent: ids.length };
  });
}
