// Deals (C3): a possible sale to an account, moving through the stages of a pipeline. Every stage change writes a row
// (from, to, who, when); time in stage is derived from those rows. The stage's kind decides the status: won and
// after-sale stages mean won, a lost stage means lost (and needs a lost reason), an open stage reopens the deal.
//
// Two people moving one card: a move names the version of the deal it saw and the row is locked while it changes,
// so the second mover is told the deal changed (409) instead of silently undoing the first move.
//
// Scope: the CRM rule (crm-scope.repository.ts) on the deal's territory and owner. A deal outside the caller's org or
// scope is not found.
//
// For other modules: createDealTx (a converted lead's deal) and dealRefsFor (an account's or contact's deals, for
// the timeline).
import type {
  BoardQuery,
  BoardResponse,
  CreateDealRequest,
  DealDetailResponse,
  DealQuery,
  DealResponse,
  DealsResponse,
  ForecastQuery,
  ForecastResponse,
  MoveDealRequest,
  UpdateDealRequest,
} from "../../shared/contracts/deals.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { isSystemActor } from "../platform/context.ts";
import { stageChangeDetail, stageChangeTitle } from "./activity-timeline-texts.ts";
import { checkCustomValues } from "./custom-fields.service.ts";
import { positionAt, weightedPoisha } from "./deal-board.ts";
import { secondsByStage, stageVisits } from "./deal-stage-time.ts";
import { DealErrors } from "./deals.errors.ts";
import * as repo from "./deals.repository.ts";
import { forecast } from "./forecast.ts";
import * as pipelinesRepo from "./pipelines.repository.ts";
import {
  defaultPipelineIdOrPreview,
  ensureDefaultPipeline,
  lostReasons,
  pipelineById,
  stageOf,
} from "./pipelines.service.ts";
import type { RecordRef, TimelineItem } from "./timeline-source.ts";

const viewerOf = (ctx: Ctx): repo.Viewer => ({ scope: ctx.actor.scope, userId: ctx.actor.userId });

export function dealOf(d: repo.DealRow): DealResponse {
  return {
    id: d.id,
    name: d.name,
    accountId: d.account_id,
    accountName: d.account_name,
    contactId: d.contact_id,
    contactName: d.contact_name,
    leadId: d.lead_id,
    pipelineId: d.pipeline_id,
    stageId: d.stage_id,
    stageName: d.stage_name,
    stageNameBn: d.stage_name_bn,
    stageKind: d.stage_kind,
    probabilityBp: d.probability_bp,
    status: d.status,
    lostReasonId: d.lost_reason_id,
    lostReasonLabel: d.lost_reason_label,
    lostReasonLabelBn: d.lost_reason_label_bn,
    lostNote: d.lost_note,
    ownerUserId: d.owner_user_id,
    ownerName: d.owner_name,
    territoryId: d.territory_id,
    territoryName: d.territory_name,
    amountPoisha: d.amount_poisha,
    weightedPoisha: d.status === "open" ? weightedPoisha(d.amount_poisha, d.probability_bp) : 0,
    expectedClose: d.expected_close,
    boardPosition: d.board_position,
    stageEnteredAt: d.stage_entered_at.toISOString(),
    closedAt: d.closed_at ? d.closed_at.toISOString() : null,
    version: d.version,
    custom: d.custom ?? {},
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

/** The status a deal has in a stage of this kind. */
export function statusForStage(kind: "open" | "won" | "lost" | "after_sale"): "open" | "won" | "lost" {
  if (kind === "won" || kind === "after_sale") return "won";
  return kind === "lost" ? "lost" : "open";
}

export interface NewDealInput {
  name: string;
  accountId: string;
  contactId?: string | undefined;
  leadId?: string | undefined;
  ownerUserId?: string | undefined;
  territoryId?: string | undefined;
  amountPoisha: number;
  expectedClose?: string | undefined;
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  custom?: Record<string, unknown> | undefined;
}

/**
 * Creates a deal inside the caller's transaction: in the named pipeline (default: the org's default one, made on
 * first use), at its named stage (default: the first stage). Owner: the input's, else the actor, else the account's
 * owner; territory: the input's, else the account's. Checks that the account, contact and lead exist in the org
 * (the caller decides whether its actor may use them). Writes the first stage-history row.
 */
export async function createDealTx(
  tx: Executor,
  ctx: Ctx,
  input: NewDealInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const orgId = ctx.actor.orgId;
  const account = await repo.findRecord(tx, orgId, "account", input.accountId, null);
  if (!account) throw DealErrors.accountNotFound();
  if (input.contactId && !(await repo.findRecord(tx, orgId, "contact", input.contactId, null)))
    throw DealErrors.contactNotFound();
  if (input.leadId && !(await repo.findRecord(tx, orgId, "lead", input.leadId, null))) throw DealErrors.leadNotFound();
  if (input.ownerUserId && !(await repo.activeUserExists(tx, orgId, input.ownerUserId)))
    throw DealErrors.ownerNotFound();
  if (input.territoryId && (await repo.findTerritoryPath(tx, orgId, input.territoryId)) === undefined)
    throw DealErrors.territoryNotFound();
  const defaultId = await ensureDefaultPipeline(tx, orgId);
  const pipelineId = input.pipelineId ?? defaultId;
  const stages = await pipelinesRepo.listStages(tx, orgId, [pipelineId]);
  if (stages.length === 0) throw DealErrors.pipelineNotFound();
  const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : stages[0];
  if (!stage) throw DealErrors.stageNotFound();
  if (stage.kind === "lost") throw DealErrors.lostReasonRequired();
  // The org's custom fields for deals: required ones filled, values of the right type.
  const custom = await checkCustomValues(tx, orgId, "deal", {}, input.custom);
  const id = newId();
  const status = statusForStage(stage.kind);
  const actorId = isSystemActor(ctx) ? null : ctx.actor.userId;
  await repo.insertDeal(tx, orgId, {
    id,
    name: input.name,
    account_id: input.accountId,
    contact_id: input.contactId ?? null,
    lead_id: input.leadId ?? null,
    pipeline_id: pipelineId,
    stage_id: stage.id,
    status,
    owner_user_id: input.ownerUserId ?? actorId ?? account.owner_user_id,
    territory_id: input.territoryId ?? account.territory_id,
    amount_poisha: input.amountPoisha,
    expected_close: input.expectedClose ?? null,
    board_position: positionAt(await repo.columnPositions(tx, orgId, stage.id, null)),
    stage_entered_at: now,
    closed_at: status === "open" ? null : now,
    custom,
    created_by: actorId,
  });
  await repo.insertStageChange(tx, orgId, {
    id: newId(),
    deal_id: id,
    from_stage_id: null,
    to_stage_id: stage.id,
    actor_user_id: actorId,
    at: now,
    lost_reason_id: null,
    note: null,
  });
  await recordAudit(tx, ctx, {
    entity: "deal",
    entityId: id,
    action: "create",
    after: { name: input.name, accountId: input.accountId, amountPoisha: input.amountPoisha, stageId: stage.id },
  });
  return { id };
}

/** The deals of these accounts or contacts as timeline refs (no scope: the caller checked the root record). */
export async function dealRefsFor(
  db: Executor,
  orgId: string,
  q: { accountIds: string[]; contactIds: string[] },
): Promise<RecordRef[]> {
  return (await repo.dealIdsFor(db, orgId, q)).map((id) => ({ type: "deal" as const, id }));
}

/** Is a deal of the org visible to the caller? (For other modules' scope checks, e.g. a timeline rooted at a deal.) */
export async function dealVisible(db: Executor, ctx: Ctx, id: string): Promise<boolean> {
  return (await repo.findDeal(db, ctx.actor.orgId, id, viewerOf(ctx))) !== undefined;
}

async function checkTerritoryInScope(db: Executor, ctx: Ctx, territoryId: string) {
  const path = await repo.findTerritoryPath(db, ctx.actor.orgId, territoryId);
  if (path === undefined || !territoryInScope(ctx.actor.scope, path)) throw DealErrors.territoryNotFound();
}

export async function createDeal(ctx: Ctx, body: CreateDealRequest, now = new Date()): Promise<DealDetailResponse> {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const viewer = viewerOf(ctx);
    await ensureDefaultPipeline(tx, orgId);
    if (!(await repo.findRecord(tx, orgId, "account", body.accountId, viewer))) throw DealErrors.accountNotFound();
    if (body.contactId && !(await repo.findRecord(tx, orgId, "contact", body.contactId, viewer)))
      throw DealErrors.contactNotFound();
    if (body.leadId && !(await repo.findRecord(tx, orgId, "lead", body.leadId, viewer)))
      throw DealErrors.leadNotFound();
    if (body.territoryId) await checkTerritoryInScope(tx, ctx, body.territoryId);
    if (body.pipelineId && (await pipelinesRepo.listPipelines(tx, orgId, [body.pipelineId])).length === 0)
      throw DealErrors.pipelineNotFound();
    const { id } = await createDealTx(tx, ctx, body, now);
    // The deal must stay the caller's to see: a rep cannot hand a new deal to a territory and owner outside theirs.
    if (!(await repo.findDeal(tx, orgId, id, viewer))) throw DealErrors.territoryNotFound();
    return detailOf(tx, ctx, id, now);
  });
}

async function detailOf(db: Executor, ctx: Ctx, id: string, now: Date): Promise<DealDetailResponse> {
  const orgId = ctx.actor.orgId;
  const d = await repo.findDeal(db, orgId, id, viewerOf(ctx));
  if (!d) throw DealErrors.notFound();
  const pipeline = await pipelineById(db, orgId, d.pipeline_id);
  if (!pipeline) throw DealErrors.pipelineNotFound();
  // A deal in a stage removed since still shows it.
  if (!pipeline.stages.some((s) => s.id === d.stage_id)) {
    const [gone] = await pipelinesRepo.stagesById(db, orgId, [d.stage_id]);
    if (gone) pipeline.stages.push(stageOf(gone));
  }
  const changes = await repo.stageChanges(db, orgId, [id]);
  const visits = stageVisits(
    changes.map((c) => ({ ...c, toStageId: c.to_stage_id })),
    now,
  );
  return {
    ...dealOf(d),
    pipeline,
    history: visits.map((v) => ({
      id: v.change.id,
      fromStageId: v.change.from_stage_id,
      stageId: v.change.to_stage_id,
      stageName: v.change.stage_name,
      stageNameBn: v.change.stage_name_bn,
      actorName: v.change.actor_name,
      enteredAt: v.enteredAt.toISOString(),
      leftAt: v.leftAt ? v.leftAt.toISOString() : null,
      seconds: v.seconds,
      lostReasonLabel: v.change.lost_reason_label,
      lostReasonLabelBn: v.change.lost_reason_label_bn,
      note: v.change.note,
    })),
    secondsByStage: secondsByStage(visits),
  };
}

export async function getDeal(ctx: Ctx, id: string, now = new Date()): Promise<DealDetailResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  return detailOf(ctx.db, ctx, id, now);
}

const decodeOffset = (cursor: string | undefined): number => {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, "base64url").toString("utf8"));
  return Number.isSafeInteger(n) && n >= 0 && n <= 1_000_000 ? n : 0;
};
const encodeOffset = (n: number) => Buffer.from(String(n), "utf8").toString("base64url");

export async function listDeals(ctx: Ctx, q: DealQuery): Promise<DealsResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const offset = decodeOffset(q.cursor);
  const rows = await repo.listDeals(ctx.db, ctx.actor.orgId, q, viewerOf(ctx), {
    sort: q.sort,
    dir: q.dir,
    offset,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  return {
    items: rows.slice(0, q.limit).map(dealOf),
    nextCursor: more ? encodeOffset(offset + q.limit) : null,
  };
}

export async function board(ctx: Ctx, q: BoardQuery): Promise<BoardResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  const pipelineId = q.pipelineId ?? (await defaultPipelineIdOrPreview(ctx.db, orgId));
  const pipeline = await pipelineById(ctx.db, orgId, pipelineId);
  if (!pipeline) throw DealErrors.pipelineNotFound();
  const deals = (await repo.boardDeals(ctx.db, orgId, pipelineId, viewerOf(ctx), q.ownerUserId)).map(dealOf);
  const columns = pipeline.stages.map((stage) => {
    const inStage = deals.filter((d) => d.stageId === stage.id);
    return {
      stage,
      count: inStage.length,
      totalPoisha: inStage.reduce((s, d) => s + d.amountPoisha, 0),
      weightedPoisha: inStage.reduce((s, d) => s + weightedPoisha(d.amountPoisha, stage.probabilityBp), 0),
      deals: inStage,
    };
  });
  return { pipeline, columns, lostReasons: await lostReasons(ctx.db, orgId) };
}

export async function updateDeal(
  ctx: Ctx,
  id: string,
  body: UpdateDealRequest,
  now = new Date(),
): Promise<DealDetailResponse> {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const viewer = viewerOf(ctx);
    const d = await repo.findDeal(tx, orgId, id, viewer, true);
    if (!d) throw DealErrors.notFound();
    if (body.contactId && !(await repo.findRecord(tx, orgId, "contact", body.contactId, viewer)))
      throw DealErrors.contactNotFound();
    if (body.ownerUserId && !(await repo.activeUserExists(tx, orgId, body.ownerUserId)))
      throw DealErrors.ownerNotFound();
    if (body.territoryId) await checkTerritoryInScope(tx, ctx, body.territoryId);
    const patch: repo.DealPatch = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.contactId !== undefined) patch.contact_id = body.contactId;
    if (body.ownerUserId !== undefined) patch.owner_user_id = body.ownerUserId;
    if (body.territoryId !== undefined) patch.territory_id = body.territoryId;
    if (body.amountPoisha !== undefined) patch.amount_poisha = body.amountPoisha;
    if (body.expectedClose !== undefined) patch.expected_close = body.expectedClose;
    if (body.custom !== undefined) patch.custom = await checkCustomValues(tx, orgId, "deal", d.custom, body.custom);
    await repo.updateDeal(tx, orgId, id, patch, now);
    if (!(await repo.findDeal(tx, orgId, id, viewer))) throw DealErrors.territoryNotFound();
    const out = await detailOf(tx, ctx, id, now);
    await recordAudit(tx, ctx, {
      entity: "deal",
      entityId: id,
      action: "update",
      before: dealOf(d),
      after: dealOf2(out),
    });
    return out;
  });
}

const dealOf2 = ({ pipeline: _p, history: _h, secondsByStage: _s, ...deal }: DealDetailResponse) => deal;

/**
 * Moves a deal to a stage of its pipeline and/or to a place in the column. Refused with 409 when the deal changed
 * since the mover saw it (another version), with 422 when the stage is a lost one and no lost reason is given.
 */
export async function moveDeal(
  ctx: Ctx,
  id: string,
  body: MoveDealRequest,
  now = new Date(),
): Promise<DealDetailResponse> {
  if (!can(ctx.actor, "crm.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const d = await repo.findDeal(tx, orgId, id, viewerOf(ctx), true);
    if (!d) throw DealErrors.notFound();
    if (d.version !== body.version) throw DealErrors.changedMeanwhile({ version: d.version });
    const [stage] = await pipelinesRepo.stagesById(tx, orgId, [body.stageId]);
    const current = await pipelinesRepo.listStages(tx, orgId, [d.pipeline_id]);
    if (!stage || !current.some((s) => s.id === stage.id)) throw DealErrors.stageNotFound();
    const position = positionAt(await repo.columnPositions(tx, orgId, stage.id, id), body.index);
    if (stage.id === d.stage_id) {
      await repo.updateDeal(tx, orgId, id, { board_position: position }, now);
      await recordAudit(tx, ctx, {
        entity: "deal",
        entityId: id,
        action: "reorder",
        before: { boardPosition: d.board_position },
        after: { boardPosition: position },
      });
      return detailOf(tx, ctx, id, now);
    }
    const status = statusForStage(stage.kind);
    let lostReasonId: string | null = null;
    if (status === "lost") {
      if (!body.lostReasonId) throw DealErrors.lostReasonRequired();
      const [reason] = await pipelinesRepo.lostReasonsById(tx, orgId, [body.lostReasonId]);
      if (!reason || reason.archived_at) throw DealErrors.lostReasonNotFound();
      lostReasonId = reason.id;
    }
    await repo.updateDeal(
      tx,
      orgId,
      id,
      {
        stage_id: stage.id,
        status,
        lost_reason_id: lostReasonId,
        lost_note: status === "lost" ? (body.note ?? null) : null,
        board_position: position,
        stage_entered_at: now,
        // Won, then onboarding: still won since the first win.
        closed_at: status === "open" ? null : d.status === status && d.closed_at ? d.closed_at : now,
      },
      now,
    );
    await repo.insertStageChange(tx, orgId, {
      id: newId(),
      deal_id: id,
      from_stage_id: d.stage_id,
      to_stage_id: stage.id,
      actor_user_id: isSystemActor(ctx) ? null : ctx.actor.userId,
      at: now,
      lost_reason_id: lostReasonId,
      note: body.note ?? null,
    });
    await recordAudit(tx, ctx, {
      entity: "deal",
      entityId: id,
      action: "move",
      before: { stageId: d.stage_id, status: d.status },
      after: { stageId: stage.id, status, lostReasonId },
    });
    return detailOf(tx, ctx, id, now);
  });
}

export async function dealForecast(ctx: Ctx, q: ForecastQuery, today = businessDate()): Promise<ForecastResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  if (q.pipelineId && !(await pipelineById(ctx.db, orgId, q.pipelineId))) throw DealErrors.pipelineNotFound();
  const rows = await repo.forecastRows(ctx.db, orgId, viewerOf(ctx), q.pipelineId);
  return forecast(
    rows.map((r) => ({
      amountPoisha: r.amount_poisha,
      probabilityBp: r.probability_bp,
      status: r.status,
      expectedClose: r.expected_close,
      closedOn: r.closed_on,
      ownerUserId: r.owner_user_id,
      ownerName: r.owner_name,
    })),
    q.from ?? today.slice(0, 7),
    q.months,
  );
}

/** The timeline's items for the stage changes of the deals among these records, in the caller's scope. */
export async function dealStageTimelineItems(
  db: Executor,
  ctx: Ctx,
  refs: readonly RecordRef[],
  page: { before: Date; limit: number },
): Promise<TimelineItem[]> {
  const dealIds = refs.filter((r) => r.type === "deal").map((r) => r.id);
  const rows = await repo.stageChangesForTimeline(db, ctx.actor.orgId, dealIds, viewerOf(ctx), page);
  return rows.map((c) => ({
    at: c.at.toISOString(),
    kind: "deal",
    title: stageChangeTitle(c, ctx.locale),
    detail: stageChangeDetail(c, ctx.locale),
    link: { type: "deal", id: c.deal_id },
    actorName: c.actor_name,
  }));
}
