// Pipelines (C3): each an ordered list of stages with a probability and a playbook. An org gets a default pipeline
// (first contact -> qualified -> proposal -> negotiation -> won / lost -> onboarding -> loyal) and default lost
// reasons on first use, so the board and new deals work before anyone configures anything.
//
// A stage that still holds deals is never removed (their history and the forecast name it); a removed stage is
// archived, so old stage history keeps its name.
//
// Reads never write: until the org's first write that needs it (a deal, a pipeline edited, lost reasons set), the
// default pipeline is shown as it will be made, with the same ids: they are derived from the org's id, so the
// pipeline a reader saw is the one a later write creates, whichever write comes first.

import { createHash } from "node:crypto";
import {
  type LostReasonsResponse,
  type PipelineRequest,
  type PipelineResponse,
  type PipelinesResponse,
  Playbook,
  type SetLostReasonsRequest,
  type StageResponse,
} from "../../shared/contracts/deals.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { DealErrors } from "./deals.errors.ts";
import * as repo from "./pipelines.repository.ts";
import { DEFAULT_LOST_REASONS, DEFAULT_PIPELINE, DEFAULT_STAGES } from "./pipelines-default.ts";

const EMPTY_PLAYBOOK: Playbook = {
  channel: null,
  message: "",
  messageBn: "",
  templates: [],
  content: [],
  checklist: [],
};

/** A stored playbook as the API shows it; anything unreadable shows as an empty one. */
export function playbookOf(stored: unknown): Playbook {
  const parsed = Playbook.safeParse(stored ?? {});
  return parsed.success ? parsed.data : EMPTY_PLAYBOOK;
}

export function stageOf(s: repo.StageRow): StageResponse {
  return {
    id: s.id,
    position: s.position,
    name: s.name,
    nameBn: s.name_bn,
    kind: s.kind,
    probabilityBp: s.probability_bp,
    stuckAfterDays: s.stuck_after_days,
    playbook: playbookOf(s.playbook),
  };
}

function pipelinesOf(rows: readonly repo.PipelineRow[], stages: readonly repo.StageRow[]): PipelineResponse[] {
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    nameBn: p.name_bn,
    isDefault: p.is_default,
    stages: stages.filter((s) => s.pipeline_id === p.id).map(stageOf),
  }));
}

/** A UUID derived from the org and a name (version 8: application-defined), the same on every call. */
export function derivedId(orgId: string, name: string): string {
  const h = createHash("sha256").update(`${orgId}/${name}`).digest("hex").slice(0, 32).split("");
  h[12] = "8";
  h[16] = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  const x = h.join("");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The default pipeline's rows as they are (or will be) stored for this org. */
function defaultRows(orgId: string) {
  const pipelineId = derivedId(orgId, "default-pipeline");
  const stages: repo.StageValues[] = DEFAULT_STAGES.map((s, position) => ({
    id: derivedId(orgId, `default-pipeline/stage/${position}`),
    pipeline_id: pipelineId,
    position,
    name: s.name,
    name_bn: s.nameBn,
    kind: s.kind,
    probability_bp: s.probabilityBp,
    stuck_after_days: s.stuckAfterDays,
    playbook: s.playbook,
  }));
  const reasons: repo.LostReasonRow[] = DEFAULT_LOST_REASONS.map((r, position) => ({
    id: derivedId(orgId, `default-lost-reason/${position}`),
    label: r.label,
    label_bn: r.labelBn,
    position,
  }));
  const pipeline: repo.PipelineRow = { id: pipelineId, ...DEFAULT_PIPELINE, is_default: true, position: 0 };
  return { pipeline, stages, reasons };
}

/**
 * The org's default pipeline's id, made (with its stages and the default lost reasons) when the org has none yet.
 * Safe when two first uses race: one inserts, the other finds it.
 */
export async function ensureDefaultPipeline(tx: Executor, orgId: string): Promise<string> {
  const existing = await repo.defaultPipelineId(tx, orgId);
  if (existing) return existing;
  const rows = defaultRows(orgId);
  if (await repo.insertDefaultPipeline(tx, orgId, rows.pipeline)) {
    await repo.insertStages(tx, orgId, rows.stages);
    if ((await repo.listLostReasons(tx, orgId)).length === 0) await repo.insertLostReasons(tx, orgId, rows.reasons);
    return rows.pipeline.id;
  }
  const other = await repo.defaultPipelineId(tx, orgId);
  if (!other) throw new Error("default pipeline neither inserted nor found");
  return other;
}

/** The org's pipelines, or (before its first use) the default one as it will be made. */
async function pipelinesOrPreview(db: Executor, orgId: string, ids?: readonly string[]): Promise<PipelineResponse[]> {
  const rows = await repo.listPipelines(db, orgId, ids);
  if (rows.length > 0)
    return pipelinesOf(
      rows,
      await repo.listStages(
        db,
        orgId,
        rows.map((p) => p.id),
      ),
    );
  const preview = defaultRows(orgId);
  if (ids && !ids.includes(preview.pipeline.id)) return [];
  if (await repo.defaultPipelineId(db, orgId)) return [];
  return pipelinesOf([preview.pipeline], preview.stages);
}

/** The id of the org's default pipeline (made or not yet). */
export async function defaultPipelineIdOrPreview(db: Executor, orgId: string): Promise<string> {
  return (await repo.defaultPipelineId(db, orgId)) ?? defaultRows(orgId).pipeline.id;
}

/** One pipeline with its current stages (or undefined); the default one before its first use too. */
export async function pipelineById(db: Executor, orgId: string, id: string): Promise<PipelineResponse | undefined> {
  return (await pipelinesOrPreview(db, orgId, [id]))[0];
}

export async function listPipelines(ctx: Ctx): Promise<PipelinesResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  return { items: await pipelinesOrPreview(ctx.db, ctx.actor.orgId) };
}

function checkStages(stages: PipelineRequest["stages"]) {
  const kinds = new Set(stages.map((s) => s.kind));
  if (!kinds.has("open") || !kinds.has("won") || !kinds.has("lost")) throw DealErrors.pipelineNeedsStages();
}

async function writeStages(tx: Executor, orgId: string, pipelineId: string, stages: PipelineRequest["stages"]) {
  const current = await repo.listStages(tx, orgId, [pipelineId]);
  const currentIds = new Set(current.map((s) => s.id));
  for (const s of stages) if (s.id && !currentIds.has(s.id)) throw DealErrors.stageNotInPipeline({ stageId: s.id });
  const kept = new Set(stages.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = current.filter((s) => !kept.has(s.id)).map((s) => s.id);
  const inUse = await repo.dealCountsInStages(tx, orgId, removed);
  if ([...inUse.values()].some((n) => n > 0)) throw DealErrors.stageInUse();
  await repo.archiveStages(tx, orgId, removed);
  const fresh: repo.StageValues[] = [];
  for (const [position, s] of stages.entries()) {
    const v: repo.StageValues = {
      id: s.id ?? newId(),
      pipeline_id: pipelineId,
      position,
      name: s.name,
      name_bn: s.nameBn,
      kind: s.kind,
      probability_bp: s.probabilityBp,
      stuck_after_days: s.stuckAfterDays,
      playbook: s.playbook,
    };
    if (s.id) await repo.updateStage(tx, orgId, v);
    else fresh.push(v);
  }
  await repo.insertStages(tx, orgId, fresh);
}

export async function createPipeline(ctx: Ctx, body: PipelineRequest): Promise<PipelineResponse> {
  if (!can(ctx.actor, "crm.manage")) throw AccessErrors.forbidden();
  checkStages(body.stages);
  if (body.stages.some((s) => s.id)) throw DealErrors.stageNotInPipeline();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    await ensureDefaultPipeline(tx, orgId);
    const id = newId();
    await repo.insertPipeline(tx, orgId, {
      id,
      name: body.name,
      name_bn: body.nameBn,
      position: await repo.nextPipelinePosition(tx, orgId),
    });
    await writeStages(tx, orgId, id, body.stages);
    if (body.isDefault) await repo.setDefaultPipeline(tx, orgId, id);
    const out = await pipelineById(tx, orgId, id);
    if (!out) throw DealErrors.pipelineNotFound();
    await recordAudit(tx, ctx, { entity: "pipeline", entityId: id, action: "create", after: out });
    return out;
  });
}

export async function updatePipeline(ctx: Ctx, id: string, body: PipelineRequest): Promise<PipelineResponse> {
  if (!can(ctx.actor, "crm.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    await ensureDefaultPipeline(tx, orgId);
    const locked = await repo.lockPipeline(tx, orgId, id);
    if (!locked) throw DealErrors.pipelineNotFound();
    checkStages(body.stages);
    const before = await pipelineById(tx, orgId, id);
    await repo.updatePipeline(tx, orgId, id, { name: body.name, name_bn: body.nameBn });
    await writeStages(tx, orgId, id, body.stages);
    if (body.isDefault) await repo.setDefaultPipeline(tx, orgId, id);
    const out = await pipelineById(tx, orgId, id);
    if (!out) throw DealErrors.pipelineNotFound();
    await recordAudit(tx, ctx, { entity: "pipeline", entityId: id, action: "update", before, after: out });
    return out;
  });
}

// --- lost reasons

/** The org's lost reasons, or (before its first use) the default ones as they will be made. */
export async function lostReasons(db: Executor, orgId: string) {
  let rows = await repo.listLostReasons(db, orgId);
  if (rows.length === 0 && !(await repo.defaultPipelineId(db, orgId))) rows = defaultRows(orgId).reasons;
  return rows.map((r) => ({ id: r.id, label: r.label, labelBn: r.label_bn }));
}

export async function listLostReasons(ctx: Ctx): Promise<LostReasonsResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  return { items: await lostReasons(ctx.db, ctx.actor.orgId) };
}

export async function setLostReasons(ctx: Ctx, body: SetLostReasonsRequest): Promise<LostReasonsResponse> {
  if (!can(ctx.actor, "crm.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    await ensureDefaultPipeline(tx, orgId);
    await repo.lockOrgForLostReasons(tx, orgId);
    const before = await lostReasons(tx, orgId);
    const named = body.items.flatMap((i) => (i.id ? [i.id] : []));
    const known = new Set((await repo.lostReasonsById(tx, orgId, named)).map((r) => r.id));
    for (const id of named) if (!known.has(id)) throw DealErrors.lostReasonNotFound({ id });
    const fresh: repo.LostReasonRow[] = [];
    for (const [position, i] of body.items.entries()) {
      const row = { id: i.id ?? newId(), label: i.label, label_bn: i.labelBn, position };
      if (i.id) await repo.updateLostReason(tx, orgId, row);
      else fresh.push(row);
    }
    await repo.insertLostReasons(tx, orgId, fresh);
    await repo.archiveLostReasonsExcept(tx, orgId, [...named, ...fresh.map((r) => r.id)]);
    const items = await lostReasons(tx, orgId);
    await recordAudit(tx, ctx, { entity: "lost_reasons", entityId: null, action: "update", before, after: items });
    return { items };
  });
}
