// Surveys (C7): NPS (0-10) and CSAT (1-5), each sent after a delivery, after a closed ticket, or by hand. Each
// trigger makes one invitation (unique per survey and source) with a public token link; the segments it belongs to
// (channel, outlet class, territory, account kind, ticket type) are copied onto it, so results by segment never
// move. An invitation with an email address is emailed by the survey job after commit. The public page answers
// once: the answer is written only where none was.
//
// The token carries its org (32 hex digits, then 32 random characters), so the public page finds the invitation
// by (org, token); a token changed to name another org finds nothing (404).
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type {
  AnswerRequest,
  InvitationResponse,
  InviteRequest,
  PublicSurveyResponse,
  ResultsResponse,
  SurveyRequest,
  SurveyResponse,
  SurveySegment,
} from "../../shared/contracts/loyalty.ts";
import { newId } from "../../shared/ids.ts";
import { ensureAccountForOutlet } from "../crm/accounts.service.ts";
import { type Db, withTransaction } from "../db/transaction.ts";
import { deliveredOrdersSince, outletSegments } from "../orders/delivered-orders.service.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { mailFailureReason } from "../platform/mail/mailer.ts";
import { closedTicketsSince } from "../service/service.service.ts";
import { SurveyErrors } from "./loyalty.errors.ts";
import * as repo from "./loyalty.repository.ts";
import { bySegment, summarize, validScore } from "./survey-math.ts";

export const surveyLink = (token: string) => `/s/${token}`;

export function newSurveyToken(orgId: string): string {
  return `${orgId.replace(/-/g, "")}${randomBytes(24).toString("base64url")}`;
}

/** The org a token names, or null when it names none. */
export function orgOfToken(token: string): string | null {
  const hex = token.slice(0, 32);
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const surveyOf = (s: repo.SurveyRow): SurveyResponse => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  question: s.question,
  questionBn: s.question_bn,
  trigger: s.trigger,
  active: s.active,
  invited: Number(s.invited ?? 0),
  answered: Number(s.answered ?? 0),
});

export async function listSurveys(ctx: Ctx) {
  return { items: (await repo.listSurveys(ctx.db, ctx.actor.orgId)).map(surveyOf) };
}

async function surveyById(db: Db | Parameters<typeof repo.findSurvey>[0], orgId: string, id: string) {
  const s = await repo.findSurvey(db, orgId, id);
  if (!s) throw SurveyErrors.notFound();
  return s;
}

const surveyColumns = (input: SurveyRequest) => ({
  kind: input.kind,
  name: input.name,
  question: input.question,
  question_bn: input.questionBn,
  trigger: input.trigger,
  active: input.active,
});

export function createSurvey(ctx: Ctx, input: SurveyRequest): Promise<SurveyResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const id = newId();
    await repo.insertSurvey(tx, { org_id: ctx.actor.orgId, id, ...surveyColumns(input) });
    const after = surveyOf(await surveyById(tx, ctx.actor.orgId, id));
    await recordAudit(tx, ctx, { entity: "survey", entityId: id, action: "create", after });
    return after;
  });
}

export function updateSurvey(ctx: Ctx, id: string, input: SurveyRequest): Promise<SurveyResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const before = surveyOf(await surveyById(tx, ctx.actor.orgId, id));
    await repo.updateSurvey(tx, ctx.actor.orgId, id, surveyColumns(input));
    const after = surveyOf(await surveyById(tx, ctx.actor.orgId, id));
    await recordAudit(tx, ctx, { entity: "survey", entityId: id, action: "update", before, after });
    return after;
  });
}

const invitationOf = (i: repo.InvitationRow): InvitationResponse => ({
  id: i.id,
  surveyId: i.survey_id,
  token: i.token,
  link: surveyLink(i.token),
  sourceType: i.source_type,
  sourceId: i.source_id,
  accountId: i.account_id,
  accountName: i.account_name,
  email: i.email,
  emailStatus: i.email_status,
  score: i.score,
  comment: i.comment,
  answeredAt: i.answered_at ? (i.answered_at as Date).toISOString() : null,
  createdAt: (i.created_at as Date).toISOString(),
});

export async function listInvitations(ctx: Ctx, surveyId: string) {
  await surveyById(ctx.db, ctx.actor.orgId, surveyId);
  return { items: (await repo.listInvitations(ctx.db, ctx.actor.orgId, surveyId)).map(invitationOf) };
}

/** Invites one account by hand (an email given here wins over the account's). */
export function invite(ctx: Ctx, surveyId: string, input: z.infer<typeof InviteRequest>): Promise<InvitationResponse> {
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const survey = await surveyById(tx, orgId, surveyId);
    if (!survey.active) throw SurveyErrors.inactive();
    const account = await repo.accountInScope(
      tx,
      orgId,
      { scope: ctx.actor.scope, userId: ctx.actor.userId },
      input.accountId,
    );
    if (!account) throw SurveyErrors.accountNotFound();
    const seg = account.outlet_id ? (await outletSegments(tx, orgId, [account.outlet_id]))[0] : undefined;
    const email = input.email ?? account.email ?? null;
    const id = newId();
    await repo.insertInvitations(tx, [
      {
        org_id: orgId,
        id,
        survey_id: surveyId,
        token: newSurveyToken(orgId),
        source_type: "manual",
        source_id: id,
        account_id: account.id,
        outlet_id: account.outlet_id,
        email,
        locale: input.locale,
        channel: seg?.channel ?? null,
        outlet_class: seg?.class ?? null,
        territory_id: seg?.territory_id ?? account.territory_id,
        account_kind: account.kind,
        email_status: email ? "pending" : "none",
      },
    ]);
    const after = invitationOf((await repo.findInvitation(tx, orgId, id)) as repo.InvitationRow);
    await recordAudit(tx, ctx, {
      entity: "survey_invitation",
      entityId: id,
      action: "create",
      after: { surveyId, accountId: account.id, email },
    });
    return after;
  });
}

// --- results

const SEGMENT_COLUMN = {
  channel: "channel",
  outlet_class: "outlet_class",
  territory: "territory_id",
  account_kind: "account_kind",
  ticket_type: "ticket_type",
} as const satisfies Record<SurveySegment, string>;

export async function surveyResults(
  ctx: Ctx,
  surveyId: string,
  q: { segment: SurveySegment; from?: string | undefined; to?: string | undefined },
): Promise<ResultsResponse> {
  const orgId = ctx.actor.orgId;
  const survey = await surveyById(ctx.db, orgId, surveyId);
  const answers = (await repo.answersOf(ctx.db, orgId, surveyId, q.from ?? null, q.to ?? null)).map((a) => ({
    ...a,
    score: a.score as number,
  }));
  const column = SEGMENT_COLUMN[q.segment];
  const rows = bySegment(survey.kind, answers, (a) => a[column]);
  const names =
    q.segment === "territory"
      ? new Map(
          (
            await repo.territoryNames(
              ctx.db,
              orgId,
              rows.map((r) => r.key).filter((k): k is string => k !== null),
            )
          ).map((t) => [t.id, ctx.locale === "bn" ? t.name_bn : t.name]),
        )
      : null;
  return {
    survey: surveyOf(survey),
    segment: q.segment,
    overall: summarize(
      survey.kind,
      answers.map((a) => a.score),
    ),
    invited: Number(survey.invited ?? 0),
    segments: rows.map((r) => ({ ...r, label: r.key === null ? null : (names?.get(r.key) ?? r.key) })),
  };
}

// --- the public page

async function invitationOfToken(db: Db, token: string) {
  const orgId = orgOfToken(token);
  const inv = orgId ? await repo.invitationByToken(db, orgId, token) : null;
  if (!orgId || !inv) throw SurveyErrors.invitationNotFound();
  return { orgId, inv };
}

export async function publicSurvey(db: Db, token: string): Promise<PublicSurveyResponse> {
  const { inv } = await invitationOfToken(db, token);
  return {
    kind: inv.kind,
    question: inv.question,
    questionBn: inv.question_bn,
    orgName: inv.org_name,
    locale: inv.locale,
    answered: inv.answered_at !== null,
  };
}

export async function answerSurvey(db: Db, token: string, input: z.infer<typeof AnswerRequest>) {
  return withTransaction(db, async (tx) => {
    const { orgId, inv } = await invitationOfToken(tx, token);
    if (!validScore(inv.kind, input.score))
      throw SurveyErrors.scoreOutOfScale(inv.kind === "nps" ? { min: 0, max: 10 } : { min: 1, max: 5 });
    if (inv.answered_at !== null) throw SurveyErrors.alreadyAnswered();
    const recorded = await repo.answerInvitation(tx, orgId, inv.id, {
      score: input.score,
      comment: input.comment?.trim() || null,
      locale: input.locale,
    });
    if (!recorded) throw SurveyErrors.alreadyAnswered();
    return { answered: true as const };
  });
}

// --- triggers and email (the survey job)

const DELIVERY_MARK = "survey-delivery";
const TICKET_MARK = "survey-ticket";
const OVERLAP_MS = 15 * 60_000;

/** Invitations for deliveries and closed tickets since the last run (each source once per survey). */
export async function inviteForTriggers(db: Db, orgId: string, now: Date = new Date()): Promise<number> {
  let made = 0;
  const deliverySurveys = await repo.activeSurveys(db, orgId, "delivery");
  const ticketSurveys = await repo.activeSurveys(db, orgId, "ticket");
  if (deliverySurveys.length > 0) {
    const since = new Date(
      ((await repo.jobMark(db, orgId, DELIVERY_MARK))?.getTime() ?? now.getTime() - 86_400_000) - OVERLAP_MS,
    );
    const orders = await deliveredOrdersSince(db, orgId, since, now, 2_000);
    for (const o of orders)
      made += await withTransaction(db, async (tx) => {
        const account = await ensureAccountForOutlet(tx, orgId, o.outletId);
        const acc = (await repo.accountsByIds(tx, orgId, [account.id]))[0];
        const inserted = await repo.insertInvitations(
          tx,
          deliverySurveys.map((s) => ({
            org_id: orgId,
            id: newId(),
            survey_id: s.id,
            token: newSurveyToken(orgId),
            source_type: "order" as const,
            source_id: o.orderId,
            account_id: account.id,
            outlet_id: o.outletId,
            email: acc?.email ?? null,
            channel: o.channel,
            outlet_class: o.outletClass,
            territory_id: o.territoryId,
            account_kind: acc?.kind ?? "outlet",
            email_status: acc?.email ? ("pending" as const) : ("none" as const),
          })),
        );
        return inserted.length;
      });
    await repo.setJobMark(db, orgId, DELIVERY_MARK, now);
  }
  if (ticketSurveys.length > 0) {
    const since = new Date(
      ((await repo.jobMark(db, orgId, TICKET_MARK))?.getTime() ?? now.getTime() - 86_400_000) - OVERLAP_MS,
    );
    const tickets = (await closedTicketsSince(db, orgId, since, 2_000)).filter((t) => t.closedAt < now);
    for (const t of tickets)
      made += await withTransaction(db, async (tx) => {
        const acc = t.accountId ? (await repo.accountsByIds(tx, orgId, [t.accountId]))[0] : undefined;
        const seg = acc?.outlet_id ? (await outletSegments(tx, orgId, [acc.outlet_id]))[0] : undefined;
        const email = t.requesterEmail ?? acc?.email ?? null;
        const inserted = await repo.insertInvitations(
          tx,
          ticketSurveys.map((s) => ({
            org_id: orgId,
            id: newId(),
            survey_id: s.id,
            token: newSurveyToken(orgId),
            source_type: "ticket" as const,
            source_id: t.id,
            account_id: acc?.id ?? null,
            outlet_id: acc?.outlet_id ?? null,
            email,
            locale: t.locale,
            channel: seg?.channel ?? null,
            outlet_class: seg?.class ?? null,
            territory_id: seg?.territory_id ?? acc?.territory_id ?? null,
            account_kind: acc?.kind ?? null,
            ticket_type: t.type,
            email_status: email ? ("pending" as const) : ("none" as const),
          })),
        );
        return inserted.length;
      });
    await repo.setJobMark(db, orgId, TICKET_MARK, now);
  }
  return made;
}

const EMAIL_TEXT = {
  nps: {
    en: "On a scale of 0 to 10, how likely are you to recommend us?",
    bn: "০ থেকে ১০ এর মধ্যে, আমাদের অন্যদের কাছে সুপারিশ করার সম্ভাবনা কতটা?",
  },
  csat: { en: "How satisfied are you, from 1 to 5?", bn: "১ থেকে ৫ এর মধ্যে, আপনি কতটা সন্তুষ্ট?" },
};

/**
 * Emails the pending invitations of an org (after the transactions that made them have committed). Each is claimed
 * before sending so two runs never send one twice; a failure is recorded on the invitation.
 */
export async function sendInvitationEmails(
  db: Db,
  orgId: string,
  mailer: Pick<Mailer, "configured" | "send">,
  linkBase: string,
): Promise<{ sent: number; failed: number }> {
  const out = { sent: 0, failed: 0 };
  if (!mailer.configured) return out;
  for (const p of await repo.pendingEmails(db, orgId, 200)) {
    if (!p.email || !(await repo.claimEmail(db, orgId, p.id))) continue;
    const bn = p.locale === "bn";
    const link = `${linkBase.replace(/\/$/, "")}${surveyLink(p.token)}`;
    const question = bn ? p.question_bn : p.question;
    try {
      await mailer.send({
        to: p.email,
        subject: bn ? `${p.org_name}: আপনার মতামত দিন` : `${p.org_name}: tell us what you think`,
        text: `${question}\n${EMAIL_TEXT[p.kind][bn ? "bn" : "en"]}\n\n${bn ? "উত্তর দিন" : "Answer here"}: ${link}\n`,
      });
      out.sent++;
    } catch (err) {
      await repo.markEmailFailed(db, orgId, p.id, mailFailureReason(err));
      out.failed++;
    }
  }
  return out;
}
