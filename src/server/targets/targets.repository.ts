// All SQL of targets: the targets themselves, their subjects (reps, distributors, territories, outlets: read, never
// written, here so that one query can name and place every subject of a list), and the achievement figures, read
// from the memos like the other sales reports (replenishment, delivery and field analytics read them the same way).
import { type RawBuilder, sql } from "kysely";
import type { TargetMetric, TargetPeriodKind, TargetSubjectKind } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";

export interface TargetRow {
  id: string;
  period_kind: TargetPeriodKind;
  period_start: string;
  subject_kind: TargetSubjectKind;
  subject_id: string;
  metric: TargetMetric;
  sku_id: string | null;
  sku_code: string | null;
  target_value: number;
  source: "manual" | "csv" | "split";
  set_by: string | null;
  updated_at: Date;
  subject_code: string | null;
  subject_name: string | null;
  subject_name_bn: string | null;
  /** Where the subject sits: a territory's own path, a rep's territory, a distributor's base, an outlet's route. */
  subject_path: string | null;
  /** The distributor of a distributor subject, or the distributor serving an outlet subject. */
  subject_distributor_id: string | null;
}

export interface TargetFilter {
  periodKind?: TargetPeriodKind | undefined;
  periodStart?: string | undefined;
  subjectKind?: TargetSubjectKind | undefined;
  subjectId?: string | undefined;
  metric?: TargetMetric | undefined;
  ids?: readonly string[] | undefined;
}

/** Targets with their subject's code, names and place in the network. */
export async function listTargets(db: Executor, orgId: string, f: TargetFilter): Promise<TargetRow[]> {
  const where: RawBuilder<unknown>[] = [sql`t.org_id = ${orgId}`];
  if (f.periodKind) where.push(sql`t.period_kind = ${f.periodKind}`);
  if (f.periodStart) where.push(sql`t.period_start = ${f.periodStart}`);
  if (f.subjectKind) where.push(sql`t.subject_kind = ${f.subjectKind}`);
  if (f.subjectId) where.push(sql`t.subject_id = ${f.subjectId}`);
  if (f.metric) where.push(sql`t.metric = ${f.metric}`);
  if (f.ids) {
    if (f.ids.length === 0) return [];
    where.push(sql`t.id in (${sql.join([...f.ids])})`);
  }
  const r = await sql<TargetRow>`
    select t.id, t.period_kind, t.period_start, t.subject_kind, t.subject_id, t.metric, t.sku_id, s.code as sku_code,
           t.target_value, t.source, t.set_by, t.updated_at,
           coalesce(u.email, d.code, tr.code, o.code) as subject_code,
           coalesce(u.name, d.name, tr.name, o.name) as subject_name,
           coalesce(u.name, d.name_bn, tr.name_bn, o.name_bn) as subject_name_bn,
           coalesce(ut.path, dt.path, tr.path, ot.path) as subject_path,
           coalesce(d.id, o.distributor_id) as subject_distributor_id
    from targets t
    left join skus s on s.org_id = t.org_id and s.id = t.sku_id
    left join users u on t.subject_kind = 'rep' and u.org_id = t.org_id and u.id = t.subject_id
    left join territories ut on ut.org_id = u.org_id and ut.id = u.territory_id
    left join distributors d on t.subject_kind = 'distributor' and d.org_id = t.org_id and d.id = t.subject_id
    left join territories dt on dt.org_id = d.org_id and dt.id = d.territory_id
    left join territories tr on t.subject_kind = 'territory' and tr.org_id = t.org_id and tr.id = t.subject_id
    left join outlets o on t.subject_kind = 'outlet' and o.org_id = t.org_id and o.id = t.subject_id
    left join territories ot on ot.org_id = o.org_id and ot.id = o.route_id
    where ${sql.join(where, sql` and `)}
    order by t.subject_kind, subject_code, t.metric, s.code nulls first`.execute(db);
  return r.rows.map((row) => ({ ...row, target_value: Number(row.target_value) }));
}

export interface SubjectRow {
  id: string;
  code: string;
  name: string;
  name_bn: string;
  path: string | null;
  distributor_id: string | null;
}

/** Subjects of one kind by id or by code (a rep's code is their email), archived and deactivated ones left out. */
export async function findSubjects(
  db: Executor,
  orgId: string,
  kind: TargetSubjectKind,
  by: { ids: readonly string[] } | { codes: readonly string[] },
): Promise<SubjectRow[]> {
  const keys = "ids" in by ? by.ids : by.codes;
  if (keys.length === 0) return [];
  const list = sql.join([...keys]);
  let q: RawBuilder<SubjectRow>;
  switch (kind) {
    case "rep":
      q = sql<SubjectRow>`
        select u.id, u.email as code, u.name, u.name as name_bn, t.path, null::uuid as distributor_id
        from users u left join territories t on t.org_id = u.org_id and t.id = u.territory_id
        where u.org_id = ${orgId} and u.role = 'rep' and u.deactivated_at is null
          and ${"ids" in by ? sql`u.id in (${list})` : sql`lower(u.email) in (${sql.join(keys.map((k) => k.toLowerCase()))})`}`;
      break;
    case "distributor":
      q = sql<SubjectRow>`
        select d.id, d.code, d.name, d.name_bn, t.path, d.id as distributor_id
        from distributors d join territories t on t.org_id = d.org_id and t.id = d.territory_id
        where d.org_id = ${orgId} and d.archived_at is null
          and ${"ids" in by ? sql`d.id in (${list})` : sql`d.code in (${list})`}`;
      break;
    case "territory":
      q = sql<SubjectRow>`
        select t.id, t.code, t.name, t.name_bn, t.path, null::uuid as distributor_id
        from territories t
        where t.org_id = ${orgId} and t.archived_at is null
          and ${"ids" in by ? sql`t.id in (${list})` : sql`t.code in (${list})`}`;
      break;
    case "outlet":
      q = sql<SubjectRow>`
        select o.id, o.code, o.name, o.name_bn, t.path, o.distributor_id
        from outlets o left join territories t on t.org_id = o.org_id and t.id = o.route_id
        where o.org_id = ${orgId} and o.status <> 'archived'
          and ${"ids" in by ? sql`o.id in (${list})` : sql`o.code in (${list})`}`;
      break;
  }
  return (await q.execute(db)).rows;
}

export async function findSkus(
  db: Executor,
  orgId: string,
  by: { ids: readonly string[] } | { codes: readonly string[] },
) {
  const keys = "ids" in by ? by.ids : by.codes;
  if (keys.length === 0) return [];
  return db
    .selectFrom("skus")
    .select(["id", "code"])
    .where("org_id", "=", orgId)
    .where("ids" in by ? "id" : "code", "in", [...keys])
    .execute();
}

/** The children a territory's target splits into, by kind: direct child territories, or what lies in its subtree. */
export async function childrenOf(
  db: Executor,
  orgId: string,
  territory: { id: string; path: string },
  into: "territories" | "distributors" | "reps" | "outlets",
): Promise<SubjectRow[]> {
  const under = `${territory.path}%`;
  let q: RawBuilder<SubjectRow>;
  switch (into) {
    case "territories":
      q = sql<SubjectRow>`
        select t.id, t.code, t.name, t.name_bn, t.path, null::uuid as distributor_id from territories t
        where t.org_id = ${orgId} and t.parent_id = ${territory.id} and t.archived_at is null order by t.code`;
      break;
    case "distributors":
      q = sql<SubjectRow>`
        select d.id, d.code, d.name, d.name_bn, t.path, d.id as distributor_id
        from distributors d join territories t on t.org_id = d.org_id and t.id = d.territory_id
        where d.org_id = ${orgId} and d.archived_at is null and t.path like ${under} order by d.code`;
      break;
    case "reps":
      q = sql<SubjectRow>`
        select u.id, u.email as code, u.name, u.name as name_bn, t.path, null::uuid as distributor_id
        from users u join territories t on t.org_id = u.org_id and t.id = u.territory_id
        where u.org_id = ${orgId} and u.role = 'rep' and u.deactivated_at is null and t.path like ${under}
          order by u.email`;
      break;
    case "outlets":
      q = sql<SubjectRow>`
        select o.id, o.code, o.name, o.name_bn, t.path, o.distributor_id
        from outlets o join territories t on t.org_id = o.org_id and t.id = o.route_id
        where o.org_id = ${orgId} and o.status = 'active' and t.path like ${under} order by o.code`;
      break;
  }
  return (await q.execute(db)).rows;
}

export interface TargetValues {
  id: string;
  period_kind: TargetPeriodKind;
  period_start: string;
  subject_kind: TargetSubjectKind;
  subject_id: string;
  metric: TargetMetric;
  sku_id: string | null;
  target_value: number;
  source: "manual" | "csv" | "split";
  set_by: string | null;
}

/** The targets with these keys as they stand, for the audit's "before". */
export async function findByKeys(db: Executor, orgId: string, rows: readonly TargetValues[]) {
  if (rows.length === 0) return [];
  const keys = rows.map(
    (r) =>
      sql`(${r.period_kind}, ${r.period_start}::date, ${r.subject_kind}, ${r.subject_id}::uuid, ${r.metric}, ${r.sku_id}::uuid)`,
  );
  const r = await sql<{
    id: string;
    period_kind: string;
    period_start: string;
    subject_kind: string;
    subject_id: string;
    metric: string;
    sku_id: string | null;
    target_value: string;
    source: string;
  }>`
    select t.id, t.period_kind, t.period_start, t.subject_kind, t.subject_id, t.metric, t.sku_id, t.target_value, t.source
    from targets t join (values ${sql.join(keys)}) as k(period_kind, period_start, subject_kind, subject_id, metric, sku_id)
      on t.period_kind = k.period_kind and t.period_start = k.period_start and t.subject_kind = k.subject_kind
     and t.subject_id = k.subject_id and t.metric = k.metric and t.sku_id is not distinct from k.sku_id
    where t.org_id = ${orgId}`.execute(db);
  return r.rows.map((x) => ({ ...x, target_value: Number(x.target_value) }));
}

/** Inserts or updates by key (period, subject, metric, SKU); returns the ids of the rows as they now are. */
export async function upsertTargets(db: Executor, orgId: string, rows: readonly TargetValues[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const out = await db
    .insertInto("targets")
    .values(rows.map((r) => ({ org_id: orgId, ...r })))
    .onConflict((oc) =>
      oc
        .columns(["org_id", "period_kind", "period_start", "subject_kind", "subject_id", "metric", "sku_id"])
        .doUpdateSet((eb) => ({
          target_value: eb.ref("excluded.target_value"),
          source: eb.ref("excluded.source"),
          set_by: eb.ref("excluded.set_by"),
          updated_at: new Date(),
        })),
    )
    .returning("id")
    .execute();
  return out.map((r) => r.id);
}

export async function deleteTarget(db: Executor, orgId: string, id: string) {
  await db.deleteFrom("targets").where("org_id", "=", orgId).where("id", "=", id).execute();
}

// --- achievement

export interface SubjectRef {
  kind: TargetSubjectKind;
  id: string;
  /** The territory's path, for a territory subject. */
  path: string | null;
}

/** The memos credited to a subject (alias o): a rep's own, a distributor's, those within a territory, an outlet's. */
function creditedTo(s: SubjectRef) {
  switch (s.kind) {
    case "rep":
      return sql`o.rep_user_id = ${s.id}`;
    case "distributor":
      return sql`o.distributor_id = ${s.id}`;
    case "territory":
      return s.path ? sql`o.territory_path like ${`${s.path}%`}` : sql`false`;
    case "outlet":
      return sql`o.outlet_id = ${s.id}`;
  }
}

/** Memos that count: confirmed and everything after, but not cancelled (drafts are not sales). */
const COUNTED = sql`o.status not in ('draft', 'cancelled')`;

/** Net value of a memo: what was delivered (pro rata, stored at delivery) less returns once delivered; else its total. */
const NET_POISHA = sql`case when o.delivered_at is not null then o.delivered_total_poisha - o.returned_total_poisha else o.total_poisha end`;
const NET_QTY = sql`case when o.delivered_at is not null then l.delivered_qty - l.returned_qty else l.qty end`;

/** The active outlets a subject answers for (for coverage): a territory's routes, a distributor's, a rep's beats. */
function activeOutletsOf(orgId: string, s: SubjectRef, onDate: string) {
  switch (s.kind) {
    case "territory":
      return sql`select o.id from outlets o join territories r on r.org_id = o.org_id and r.id = o.route_id
                 where o.org_id = ${orgId} and o.status = 'active' and ${s.path ? sql`r.path like ${`${s.path}%`}` : sql`false`}`;
    case "distributor":
      return sql`select o.id from outlets o where o.org_id = ${orgId} and o.status = 'active' and o.distributor_id = ${s.id}`;
    case "outlet":
      return sql`select o.id from outlets o where o.org_id = ${orgId} and o.status = 'active' and o.id = ${s.id}`;
    case "rep":
      return sql`select o.id from outlets o
                 join (select distinct on (route_id) route_id, rep_user_id from route_assignments
                       where org_id = ${orgId} and effective_from <= ${onDate}
                       order by route_id, effective_from desc) a on a.route_id = o.route_id
                 where o.org_id = ${orgId} and o.status = 'active' and a.rep_user_id = ${s.id}`;
  }
}

export interface AchievementQuery {
  subject: SubjectRef;
  metric: TargetMetric;
  skuId: string | null;
  from: string;
  to: string;
}

/** The achieved figure of one subject, metric and period (units by metric: see contracts/targets.ts). */
export async function achieved(db: Executor, orgId: string, q: AchievementQuery): Promise<number> {
  const { subject, from, to } = q;
  const inPeriod = sql`o.org_id = ${orgId} and ${COUNTED} and o.order_date between ${from} and ${to}`;
  let r: { rows: { n: string | number | null }[] };
  switch (q.metric) {
    case "value":
      r = await sql<{ n: string }>`
        select coalesce(sum(${NET_POISHA}), 0)::bigint as n from secondary_orders o
        where ${inPeriod} and ${creditedTo(subject)}`.execute(db);
      break;
    case "volume":
    case "focus_sku":
      r = await sql<{ n: string }>`
        select coalesce(sum(${NET_QTY}), 0)::bigint as n
        from secondary_orders o join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
        where ${inPeriod} and ${creditedTo(subject)} ${q.metric === "focus_sku" ? sql`and l.sku_id = ${q.skuId}` : sql``}`.execute(
        db,
      );
      break;
    case "new_outlets":
      // Outlets that ordered within the subject in the period and whose first memo ever (anyone's) is in it too.
      r = await sql<{ n: string }>`
        select count(*)::bigint as n from (
          select o.outlet_id from secondary_orders o
          where o.org_id = ${orgId} and ${COUNTED}
            and o.outlet_id in (select o.outlet_id from secondary_orders o where ${inPeriod} and ${creditedTo(subject)})
          group by o.outlet_id having min(o.order_date) >= ${from}
        ) f`.execute(db);
      break;
    case "coverage":
      r = await sql<{ n: string }>`
        with active as (${activeOutletsOf(orgId, subject, to)}),
             ordered as (select distinct o.outlet_id from secondary_orders o
                         where ${inPeriod} and o.outlet_id in (select id from active))
        select case when (select count(*) from active) = 0 then 0
                    else ((select count(*) from ordered) * 20000 + (select count(*) from active))
                         / (2 * (select count(*) from active)) end::bigint as n`.execute(db);
      break;
  }
  return Number(r.rows[0]?.n ?? 0);
}

/** The memo column that credits a subject of these kinds: the figures of many subjects come from one query. */
const CREDIT_COLUMN = {
  rep: sql.ref("o.rep_user_id"),
  distributor: sql.ref("o.distributor_id"),
  outlet: sql.ref("o.outlet_id"),
};

/**
 * value, volume and focus_sku of many reps, distributors or outlets at once (a list of targets needs them all):
 * keyed by subject id, and for focus_sku by `${subjectId}|${skuId}`. Subjects without memos are missing (0).
 */
export async function achievedMany(
  db: Executor,
  orgId: string,
  q: {
    kind: "rep" | "distributor" | "outlet";
    ids: readonly string[];
    metric: "value" | "volume" | "focus_sku";
    skuIds?: readonly string[];
    from: string;
    to: string;
  },
): Promise<Map<string, number>> {
  if (q.ids.length === 0) return new Map();
  const col = CREDIT_COLUMN[q.kind];
  const where = sql`o.org_id = ${orgId} and ${COUNTED} and o.order_date between ${q.from} and ${q.to}
    and ${col} = any(${sql.val([...q.ids])}::uuid[])`;
  let r: { rows: { id: string; sku_id: string | null; n: string | number }[] };
  if (q.metric === "value")
    r = await sql<{ id: string; sku_id: null; n: string }>`
      select ${col} as id, null as sku_id, sum(${NET_POISHA})::bigint as n from secondary_orders o
      where ${where} group by ${col}`.execute(db);
  else
    r = await sql<{ id: string; sku_id: string | null; n: string }>`
      select ${col} as id, ${q.metric === "focus_sku" ? sql`l.sku_id` : sql`null`} as sku_id, sum(${NET_QTY})::bigint as n
      from secondary_orders o join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
      where ${where} ${q.metric === "focus_sku" ? sql`and l.sku_id = any(${sql.val([...(q.skuIds ?? [])])}::uuid[])` : sql``}
      group by 1, 2`.execute(db);
  return new Map(r.rows.map((row) => [row.sku_id ? `${row.id}|${row.sku_id}` : row.id, Number(row.n)]));
}
