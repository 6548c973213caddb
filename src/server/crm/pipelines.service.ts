// Pipelines (C3): each an ordered list of stages with a probability and a playbook. An org gets a default pipeline
// (first contact -> qualified -> proposal -> negotiation -> won / lost -> onboarding -> loyal) and default lost
// reasons on first use, so the board and new deals work before anyone configures anything.
//
// A stage that still holds deals is never removed (their history and the forecast name it); a removed stage is
// archived, so old stage history keeps its name.
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

/**
 * The org's default pipeline's id, made (with its stages and the default lost reasons) when the org has none yet.
 * Safe when two first uses race: one inserts, the other finds it.
 */
export async function ensureDefaultPipeline(tx: Executor, orgId: string): Promise<string> {
  const existing = await repo.defaultPipelineId(tx, orgId);
  if (existing) return existing;
  const id = newId();
  if (await repo.insertDefaultPipeline(tx, orgId, { id, ...DEFAULT_PIPELINE })) {
    await repo.insertStages(
      tx,
      orgId,
      DEFAULT_STAGES.map((s, position) => ({
        id: newId(),
        pipeline_id: id,
        position,
        name: s.name,
        name_bn: s.nameBn,
        kind: s.kind,
        probability_bp: s.probabilityBp,
        stuck_after_days: s.stuckAfterDays,
        playbook: s.playbook,
      })),
    );
    if ((await repo.listLostReasons(tx, orgId)).length === 0)
      await repo.insertLostReasons(
        tx,
        orgId,
        DEFAULT_LOST_REASONS.map((r, position) => ({ id: newId(), label: r.label, label_bn: r.labelBn, position })),
      );
    return id;
  }
  const other = await repo.defaultPipelineId(tx, orgId);
  if (!other) throw new Error("default pipeline neither inserted nor found");
  return other;
}

/** One pipeline with its current stages (or undefined). */
export async function pipelineById(db: Executor, orgId: string, id: string): Promise<PipelineResponse | undefined> {
  const rows = await repo.listPipelines(db, orgId, [id]);
  return pipelinesOf(rows, await repo.listStages(db, orgId, [id]))[0];
}

export async function listPipelines(ctx: Ctx): Promise<PipelinesResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  if (!(await repo.defaultPipelineId(ctx.db, orgId)))
    await withTransaction(ctx.db, (tx) => ensureDefaultPipeline(tx, orgId));
  const rows = await repo.listPipelines(ctx.db, orgId);
  const stages = await repo.listStages(
    ctx.db,
    orgId,
    rows.map((p) => p.id),
  );
  return { items: pipelinesOf(rows, stages) };
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
  checkStages(body.stages);
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const locked = await repo.lockPipeline(tx, orgId, id);
    if (!locked) throw DealErrors.pipelineNotFound();
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

export async function lostReasons(db: Executor, orgId: string) {
  return (await repo.listLostReasons(db, orgId)).map((r) => ({ id: r.id, label: r.label, labelBn: r.label_bn }));
}

export async function listLostReasons(ctx: Ctx): Promise<LostReasonsResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  if (!(await repo.defaultPipelineId(ctx.db, orgId)))
    await withTransaction(ctx.db, (tx) => ensureDefaultPipeline(tx, orgId));
  return { items: await lostReasons(ctx.db, orgId) };
}

export async function setLostReasons(ctx: Ctx, body: SetLostReasonsRequest): Promise<LostReasonsResponse> {
  if (!can(ctx.actor, "crm.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
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
