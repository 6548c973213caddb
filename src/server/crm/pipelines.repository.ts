// All SQL of pipelines, their stages and the lost reasons.
import { sql } from "kysely";
import type { StageKind } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

export interface PipelineRow {
  id: string;
  name: string;
  name_bn: string;
  is_default: boolean;
  position: number;
}

export interface StageRow {
  id: string;
  pipeline_id: string;
  position: number;
  name: string;
  name_bn: string;
  kind: StageKind;
  probability_bp: number;
  stuck_after_days: number | null;
  playbook: unknown;
}

export interface StageValues {
  id: string;
  pipeline_id: string;
  position: number;
  name: string;
  name_bn: string;
  kind: StageKind;
  probability_bp: number;
  stuck_after_days: number | null;
  playbook: unknown;
}

export interface LostReasonRow {
  id: string;
  label: string;
  label_bn: string;
  position: number;
}

/** Adds the org's default pipeline unless it has one already (two first uses at once make one). */
export async function insertDefaultPipeline(
  db: Executor,
  orgId: string,
  p: { id: string; name: string; name_bn: string },
): Promise<boolean> {
  const r = await sql`
    insert into pipelines (org_id, id, name, name_bn, is_default, position)
    values (${orgId}, ${p.id}, ${p.name}, ${p.name_bn}, true, 0)
    on conflict (org_id) where is_default do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function insertPipeline(
  db: Executor,
  orgId: string,
  p: { id: string; name: string; name_bn: string; position: number },
): Promise<void> {
  await db
    .insertInto("pipelines")
    .values({ org_id: orgId, ...p, is_default: false })
    .execute();
}

export async function updatePipeline(
  db: Executor,
  orgId: string,
  id: string,
  p: { name: string; name_bn: string },
): Promise<void> {
  await db
    .updateTable("pipelines")
    .set({ ...p, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** Makes this pipeline the org's default (and no other). */
export async function setDefaultPipeline(db: Executor, orgId: string, id: string): Promise<void> {
  await sql`update pipelines set is_default = false where org_id = ${orgId} and is_default and id <> ${id}`.execute(db);
  await sql`update pipelines set is_default = true where org_id = ${orgId} and id = ${id}`.execute(db);
}

export async function listPipelines(db: Executor, orgId: string, ids?: readonly string[]): Promise<PipelineRow[]> {
  let q = db
    .selectFrom("pipelines")
    .select(["id", "name", "name_bn", "is_default", "position"])
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where("id", "in", [...ids]);
  }
  return q.orderBy("is_default", "desc").orderBy("position").orderBy("id").execute();
}

/** Locks a pipeline's row while its stages change, so two editors take turns. */
export async function lockPipeline(db: Executor, orgId: string, id: string): Promise<PipelineRow | undefined> {
  const r = await sql<PipelineRow>`
    select id, name, name_bn, is_default, position from pipelines
    where org_id = ${orgId} and id = ${id} and archived_at is null for update`.execute(db);
  return r.rows[0];
}

export async function defaultPipelineId(db: Executor, orgId: string): Promise<string | null> {
  const r = await db
    .selectFrom("pipelines")
    .select("id")
    .where("org_id", "=", orgId)
    .where("is_default", "=", true)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function nextPipelinePosition(db: Executor, orgId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select coalesce(max(position), -1)::int + 1 as n from pipelines where org_id = ${orgId}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** The current (not removed) stages of these pipelines, in board order. */
export async function listStages(db: Executor, orgId: string, pipelineIds: readonly string[]): Promise<StageRow[]> {
  if (pipelineIds.length === 0) return [];
  return db
    .selectFrom("pipeline_stages")
    .select([
      "id",
      "pipeline_id",
      "position",
      "name",
      "name_bn",
      "kind",
      "probability_bp",
      "stuck_after_days",
      "playbook",
    ])
    .where("org_id", "=", orgId)
    .where("pipeline_id", "in", [...pipelineIds])
    .where("archived_at", "is", null)
    .orderBy("pipeline_id")
    .orderBy("position")
    .execute();
}

/** Stages by id, removed ones too (a deal's history names them). */
export async function stagesById(db: Executor, orgId: string, ids: readonly string[]): Promise<StageRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("pipeline_stages")
    .select([
      "id",
      "pipeline_id",
      "position",
      "name",
      "name_bn",
      "kind",
      "probability_bp",
      "stuck_after_days",
      "playbook",
    ])
    .where("org_id", "=", orgId)
    .where("id", "in", [...new Set(ids)])
    .execute();
}

export async function insertStages(db: Executor, orgId: string, stages: readonly StageValues[]): Promise<void> {
  if (stages.length === 0) return;
  await db
    .insertInto("pipeline_stages")
    .values(stages.map((s) => ({ org_id: orgId, ...s, playbook: JSON.stringify(s.playbook) })))
    .execute();
}

export async function updateStage(db: Executor, orgId: string, s: StageValues): Promise<void> {
  await db
    .updateTable("pipeline_stages")
    .set({
      position: s.position,
      name: s.name,
      name_bn: s.name_bn,
      kind: s.kind,
      probability_bp: s.probability_bp,
      stuck_after_days: s.stuck_after_days,
      playbook: JSON.stringify(s.playbook),
    })
    .where("org_id", "=", orgId)
    .where("id", "=", s.id)
    .where("pipeline_id", "=", s.pipeline_id)
    .execute();
}

export async function archiveStages(db: Executor, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("pipeline_stages")
    .set({ archived_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}

/** How many deals (archived or not) sit in each of these stages. */
export async function dealCountsInStages(db: Executor, orgId: string, stageIds: readonly string[]) {
  if (stageIds.length === 0) return new Map<string, number>();
  const r = await db
    .selectFrom("deals")
    .select(["stage_id", sql<number>`count(*)::int`.as("n")])
    .where("org_id", "=", orgId)
    .where("stage_id", "in", [...stageIds])
    .groupBy("stage_id")
    .execute();
  return new Map(r.map((x) => [x.stage_id, x.n]));
}

// --- lost reasons

export async function listLostReasons(db: Executor, orgId: string): Promise<LostReasonRow[]> {
  return db
    .selectFrom("lost_reasons")
    .select(["id", "label", "label_bn", "position"])
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function lostReasonsById(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("lost_reasons")
    .select(["id", "label", "label_bn", "position", "archived_at"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}

export async function insertLostReasons(db: Executor, orgId: string, rows: readonly LostReasonRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("lost_reasons")
    .values(rows.map((r) => ({ org_id: orgId, ...r })))
    .execute();
}

export async function updateLostReason(db: Executor, orgId: string, r: LostReasonRow): Promise<void> {
  await db
    .updateTable("lost_reasons")
    .set({ label: r.label, label_bn: r.label_bn, position: r.position, archived_at: null })
    .where("org_id", "=", orgId)
    .where("id", "=", r.id)
    .execute();
}

export async function archiveLostReasonsExcept(db: Executor, orgId: string, keep: readonly string[]): Promise<void> {
  let q = db
    .updateTable("lost_reasons")
    .set({ archived_at: new Date() })
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null);
  if (keep.length > 0) q = q.where("id", "not in", [...keep]);
  await q.execute();
}

/** Locks the org's lost reasons while they are replaced (the org row: there may be none yet). */
export async function lockOrgForLostReasons(db: Executor, orgId: string): Promise<void> {
  await sql`select id from orgs where id = ${orgId} for no key update`.execute(db);
}
