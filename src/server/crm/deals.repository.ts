// All SQL of deals: the deals with what they refer to (account, contact, stage, owner, territory, lost reason), their
// stage history, the records they may be created against, and the figures of the board and the forecast.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { DealStatus, StageKind } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { crmScopeCondition } from "./crm-scope.repository.ts";

export interface Viewer {
  scope: Scope;
  userId: string;
}

export interface DealRow {
  id: string;
  name: string;
  account_id: string;
  account_name: string;
  contact_id: string | null;
  contact_name: string | null;
  lead_id: string | null;
  pipeline_id: string;
  stage_id: string;
  stage_name: string;
  stage_name_bn: string;
  stage_kind: StageKind;
  stage_position: number;
  probability_bp: number;
  stuck_after_days: number | null;
  status: DealStatus;
  lost_reason_id: string | null;
  lost_reason_label: string | null;
  lost_reason_label_bn: string | null;
  lost_note: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
  territory_id: string | null;
  territory_name: string | null;
  amount_poisha: number;
  expected_close: string | null;
  board_position: number;
  stage_entered_at: Date;
  closed_at: Date | null;
  version: number;
  custom: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

const SELECT_DEAL = sql`
  d.id, d.name, d.account_id, a.name as account_name, d.contact_id, c.name as contact_name, d.lead_id,
  d.pipeline_id, d.stage_id, s.name as stage_name, s.name_bn as stage_name_bn, s.kind as stage_kind,
  s.position as stage_position, s.probability_bp, s.stuck_after_days, d.status, d.lost_reason_id,
  lr.label as lost_reason_label, lr.label_bn as lost_reason_label_bn, d.lost_note, d.owner_user_id,
  u.name as owner_name, d.territory_id, t.name as territory_name, d.amount_poisha, d.expected_close,
  d.board_position, d.stage_entered_at, d.closed_at, d.version, d.custom, d.created_at, d.updated_at`;

const FROM_DEAL = sql`
  deals d
  join accounts a on a.org_id = d.org_id and a.id = d.account_id
  join pipeline_stages s on s.org_id = d.org_id and s.id = d.stage_id
  left join contacts c on c.org_id = d.org_id and c.id = d.contact_id
  left join lost_reasons lr on lr.org_id = d.org_id and lr.id = d.lost_reason_id
  left join users u on u.org_id = d.org_id and u.id = d.owner_user_id
  left join territories t on t.org_id = d.org_id and t.id = d.territory_id`;

const rowOf = (r: DealRow): DealRow => ({ ...r, amount_poisha: Number(r.amount_poisha) });

const scoped = (viewer: Viewer | null): RawBuilder<SqlBool> =>
  viewer ? crmScopeCondition(viewer.scope, viewer.userId, "d") : sql<SqlBool>`true`;

/** One deal the viewer sees (null viewer: any of the org's); locked for a change when `forUpdate`. */
export async function findDeal(
  db: Executor,
  orgId: string,
  id: string,
  viewer: Viewer | null,
  forUpdate = false,
): Promise<DealRow | undefined> {
  // The bare row is locked first: a locking read over the joins would, after waiting for a concurrent move, recheck
  // the join against the stage it had read before and lose the row (not found instead of "changed meanwhile").
  if (forUpdate) await sql`select id from deals where org_id = ${orgId} and id = ${id} for update`.execute(db);
  const r = await sql<DealRow>`
    select ${SELECT_DEAL} from ${FROM_DEAL}
    where d.org_id = ${orgId} and d.id = ${id} and d.archived_at is null and ${scoped(viewer)}`.execute(db);
  return r.rows[0] ? rowOf(r.rows[0]) : undefined;
}

export interface DealFilter {
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  status?: DealStatus | undefined;
  ownerUserId?: string | undefined;
  accountId?: string | undefined;
  contactId?: string | undefined;
  q?: string | undefined;
  closingFrom?: string | undefined;
  closingTo?: string | undefined;
}

const SORTS = {
  updated: sql`d.updated_at`,
  amount: sql`d.amount_poisha`,
  expected_close: sql`d.expected_close`,
  name: sql`lower(d.name)`,
  created: sql`d.created_at`,
  stage: sql`s.position`,
} as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterOf(orgId: string, f: DealFilter, viewer: Viewer | null): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [sql`d.org_id = ${orgId}`, sql`d.archived_at is null`, scoped(viewer)];
  if (f.pipelineId) where.push(sql`d.pipeline_id = ${f.pipelineId}`);
  if (f.stageId) where.push(sql`d.stage_id = ${f.stageId}`);
  if (f.status) where.push(sql`d.status = ${f.status}`);
  if (f.ownerUserId) where.push(sql`d.owner_user_id = ${f.ownerUserId}`);
  if (f.accountId) where.push(sql`d.account_id = ${f.accountId}`);
  if (f.contactId) where.push(sql`d.contact_id = ${f.contactId}`);
  if (f.closingFrom) where.push(sql`d.expected_close >= ${f.closingFrom}`);
  if (f.closingTo) where.push(sql`d.expected_close <= ${f.closingTo}`);
  if (f.q) {
    const like = `%${escapeLike(f.q.toLowerCase())}%`;
    where.push(
      sql`(lower(d.name) like ${like} or lower(a.name) like ${like} or lower(coalesce(c.name, '')) like ${like})`,
    );
  }
  return sql.join(where, sql` and `);
}

export async function listDeals(
  db: Executor,
  orgId: string,
  f: DealFilter,
  viewer: Viewer | null,
  page: { sort: keyof typeof SORTS; dir: "asc" | "desc"; offset: number; limit: number },
): Promise<DealRow[]> {
  const dir = page.dir === "asc" ? sql`asc` : sql`desc`;
  const r = await sql<DealRow>`
    select ${SELECT_DEAL} from ${FROM_DEAL}
    where ${filterOf(orgId, f, viewer)}
    order by ${SORTS[page.sort]} ${dir} nulls last, d.id ${dir}
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return r.rows.map(rowOf);
}

/** The deals of a pipeline for its board, in column order. */
export async function boardDeals(
  db: Executor,
  orgId: string,
  pipelineId: string,
  viewer: Viewer,
  ownerUserId: string | undefined,
): Promise<DealRow[]> {
  const r = await sql<DealRow>`
    select ${SELECT_DEAL} from ${FROM_DEAL}
    where ${filterOf(orgId, { pipelineId, ownerUserId }, viewer)}
    order by s.position, d.board_position, d.id`.execute(db);
  return r.rows.map(rowOf);
}

export interface DealValues {
  id: string;
  name: string;
  account_id: string;
  contact_id: string | null;
  lead_id: string | null;
  pipeline_id: string;
  stage_id: string;
  status: DealStatus;
  owner_user_id: string | null;
  territory_id: string | null;
  amount_poisha: number;
  expected_close: string | null;
  board_position: number;
  stage_entered_at: Date;
  closed_at: Date | null;
  custom: Record<string, unknown>;
  created_by: string | null;
}

export async function insertDeal(db: Executor, orgId: string, v: DealValues): Promise<void> {
  await db
    .insertInto("deals")
    .values({ org_id: orgId, ...v, custom: JSON.stringify(v.custom), created_at: v.stage_entered_at })
    .execute();
}

export interface DealPatch {
  name?: string;
  contact_id?: string | null;
  owner_user_id?: string | null;
  territory_id?: string | null;
  amount_poisha?: number;
  expected_close?: string | null;
  custom?: Record<string, unknown>;
  stage_id?: string;
  status?: DealStatus;
  lost_reason_id?: string | null;
  lost_note?: string | null;
  board_position?: number;
  stage_entered_at?: Date;
  closed_at?: Date | null;
}

/** Changes a deal and bumps its version (a mover holding the old version is then refused). */
export async function updateDeal(db: Executor, orgId: string, id: string, patch: DealPatch, now: Date) {
  const { custom, ...rest } = patch;
  await db
    .updateTable("deals")
    .set({
      ...rest,
      ...(custom !== undefined && { custom: JSON.stringify(custom) }),
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The board positions of a column, top to bottom, leaving out one deal (the one being moved). */
export async function columnPositions(db: Executor, orgId: string, stageId: string, except: string | null) {
  let q = db
    .selectFrom("deals")
    .select("board_position")
    .where("org_id", "=", orgId)
    .where("stage_id", "=", stageId)
    .where("archived_at", "is", null);
  if (except) q = q.where("id", "<>", except);
  const r = await q.orderBy("board_position").orderBy("id").execute();
  return r.map((x) => x.board_position);
}

export async function insertStageChange(
  db: Executor,
  orgId: string,
  c: {
    id: string;
    deal_id: string;
    from_stage_id: string | null;
    to_stage_id: string;
    actor_user_id: string | null;
    at: Date;
    lost_reason_id: string | null;
    note: string | null;
  },
): Promise<void> {
  await db
    .insertInto("deal_stage_changes")
    .values({ org_id: orgId, ...c })
    .execute();
}

export interface StageChangeRow {
  id: string;
  deal_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  stage_name: string;
  stage_name_bn: string;
  actor_name: string | null;
  at: Date;
  lost_reason_label: string | null;
  lost_reason_label_bn: string | null;
  note: string | null;
}

/** The stage changes of these deals, oldest first. */
export async function stageChanges(db: Executor, orgId: string, dealIds: readonly string[]) {
  if (dealIds.length === 0) return [];
  const r = await sql<StageChangeRow>`
    select h.id, h.deal_id, h.from_stage_id, h.to_stage_id, s.name as stage_name, s.name_bn as stage_name_bn,
           u.name as actor_name, h.at, lr.label as lost_reason_label, lr.label_bn as lost_reason_label_bn, h.note
    from deal_stage_changes h
    join pipeline_stages s on s.org_id = h.org_id and s.id = h.to_stage_id
    left join users u on u.org_id = h.org_id and u.id = h.actor_user_id
    left join lost_reasons lr on lr.org_id = h.org_id and lr.id = h.lost_reason_id
    where h.org_id = ${orgId} and h.deal_id in (${sql.join([...dealIds])})
    order by h.deal_id, h.at, h.id`.execute(db);
  return r.rows;
}

/** Stage changes of deals the viewer sees, linked to any of these deals, newest first (for a timeline). */
export async function stageChangesForTimeline(
  db: Executor,
  orgId: string,
  dealIds: readonly string[],
  viewer: Viewer,
  page: { before: Date; limit: number },
) {
  if (dealIds.length === 0) return [];
  const r = await sql<StageChangeRow & { deal_name: string; from_name: string | null; from_name_bn: string | null }>`
    select h.id, h.deal_id, d.name as deal_name, h.from_stage_id, h.to_stage_id, s.name as stage_name,
           s.name_bn as stage_name_bn, f.name as from_name, f.name_bn as from_name_bn, u.name as actor_name, h.at,
           lr.label as lost_reason_label, lr.label_bn as lost_reason_label_bn, h.note
    from deal_stage_changes h
    join deals d on d.org_id = h.org_id and d.id = h.deal_id
    join pipeline_stages s on s.org_id = h.org_id and s.id = h.to_stage_id
    left join pipeline_stages f on f.org_id = h.org_id and f.id = h.from_stage_id
    left join users u on u.org_id = h.org_id and u.id = h.actor_user_id
    left join lost_reasons lr on lr.org_id = h.org_id and lr.id = h.lost_reason_id
    where h.org_id = ${orgId} and h.deal_id in (${sql.join([...dealIds])}) and ${scoped(viewer)}
      and h.at <= ${page.before}
    order by h.at desc, h.id desc
    limit ${page.limit}`.execute(db);
  return r.rows;
}

// --- what a deal refers to

export interface PlacedRow {
  id: string;
  territory_id: string | null;
  owner_user_id: string | null;
  account_id?: string | null;
}

/** An account, contact or lead of the org (visible to the viewer, or any when viewer is null). */
export async function findRecord(
  db: Executor,
  orgId: string,
  type: "account" | "contact" | "lead",
  id: string,
  viewer: Viewer | null,
): Promise<PlacedRow | undefined> {
  const table = { account: "accounts", contact: "contacts", lead: "leads" }[type];
  const extra = type === "contact" ? sql`, r.account_id` : sql``;
  const cond = viewer ? crmScopeCondition(viewer.scope, viewer.userId, "r") : sql<SqlBool>`true`;
  const r = await sql<PlacedRow>`
    select r.id, r.territory_id, r.owner_user_id ${extra} from ${sql.table(table)} r
    where r.org_id = ${orgId} and r.id = ${id} and ${cond}`.execute(db);
  return r.rows[0];
}

export async function findTerritoryPath(db: Executor, orgId: string, id: string): Promise<string | null | undefined> {
  const r = await db
    .selectFrom("territories")
    .select("path")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? r.path : undefined;
}

export async function activeUserExists(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const r = await sql<{ one: number }>`
    select 1 as one from users where org_id = ${orgId} and id = ${userId} and deactivated_at is null`.execute(db);
  return r.rows.length > 0;
}

/** The deals of these accounts or contacts (no scope: the timeline has checked its root). */
export async function dealIdsFor(
  db: Executor,
  orgId: string,
  q: { accountIds: readonly string[]; contactIds: readonly string[] },
): Promise<string[]> {
  const ors: RawBuilder<unknown>[] = [];
  if (q.accountIds.length > 0) ors.push(sql`account_id in (${sql.join([...q.accountIds])})`);
  if (q.contactIds.length > 0) ors.push(sql`contact_id in (${sql.join([...q.contactIds])})`);
  if (ors.length === 0) return [];
  const r = await sql<{ id: string }>`
    select id from deals where org_id = ${orgId} and (${sql.join(ors, sql` or `)})
    order by id`.execute(db);
  return r.rows.map((x) => x.id);
}

// --- forecast and "my day"

export interface ForecastRow {
  amount_poisha: number;
  probability_bp: number;
  status: DealStatus;
  expected_close: string | null;
  closed_on: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
}

/** Open and won deals the viewer sees, with what the forecast needs (close dates in Asia/Dhaka). */
export async function forecastRows(
  db: Executor,
  orgId: string,
  viewer: Viewer,
  pipelineId: string | undefined,
): Promise<ForecastRow[]> {
  const r = await sql<ForecastRow>`
    select d.amount_poisha, s.probability_bp, d.status, d.expected_close,
           to_char(d.closed_at at time zone 'Asia/Dhaka', 'YYYY-MM-DD') as closed_on,
           d.owner_user_id, u.name as owner_name
    from deals d
    join pipeline_stages s on s.org_id = d.org_id and s.id = d.stage_id
    left join users u on u.org_id = d.org_id and u.id = d.owner_user_id
    where d.org_id = ${orgId} and d.archived_at is null and d.status in ('open', 'won') and ${scoped(viewer)}
      ${pipelineId ? sql`and d.pipeline_id = ${pipelineId}` : sql``}`.execute(db);
  return r.rows.map((x) => ({ ...x, amount_poisha: Number(x.amount_poisha) }));
}

/** A user's open deals closing between two dates (inclusive). */
export async function dealsClosing(db: Executor, orgId: string, ownerUserId: string, from: string, to: string) {
  const r = await sql<DealRow>`
    select ${SELECT_DEAL} from ${FROM_DEAL}
    where d.org_id = ${orgId} and d.archived_at is null and d.status = 'open' and d.owner_user_id = ${ownerUserId}
      and d.expected_close between ${from} and ${to}
    order by d.expected_close, d.id
    limit 100`.execute(db);
  return r.rows.map(rowOf);
}

/** A user's open deals that stayed in their stage longer than the stage allows. */
export async function stuckDeals(db: Executor, orgId: string, ownerUserId: string, now: Date) {
  const r = await sql<DealRow>`
    select ${SELECT_DEAL} from ${FROM_DEAL}
    where d.org_id = ${orgId} and d.archived_at is null and d.status = 'open' and d.owner_user_id = ${ownerUserId}
      and s.stuck_after_days is not null
      and d.stage_entered_at + make_interval(days => s.stuck_after_days) < ${now}
    order by d.stage_entered_at, d.id
    limit 100`.execute(db);
  return r.rows.map(rowOf);
}
