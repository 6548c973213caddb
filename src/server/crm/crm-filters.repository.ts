// A checked filter plan (crm-filters.ts) as one SQL condition on a list's table. Column names come only from the
// built-in field list; custom keys and every value travel as parameters. Custom numbers are compared as numeric
// only where the stored JSON value is a number (so an odd stored value cannot fail the query); custom dates are
// YYYY-MM-DD strings, which compare correctly as text.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { FilterScalar, PlannedCondition } from "./crm-filters.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function expressionOf(c: PlannedCondition, alias: string): RawBuilder<unknown> {
  const s = c.field.source;
  if ("column" in s) {
    const column = sql.ref(`${alias}.${s.column}`);
    // A record's creation date is its business date in Dhaka.
    if (c.field.type === "date") return sql`((${column}) at time zone 'Asia/Dhaka')::date`;
    return column;
  }
  const custom = sql.ref(`${alias}.custom`);
  if (c.field.type === "number")
    return sql`(case when jsonb_typeof(${custom} -> ${s.customKey}::text) = 'number' then (${custom} ->> ${s.customKey}::text)::numeric end)`;
  return sql`(${custom} ->> ${s.customKey}::text)`;
}

/** A value as a typed parameter, so that PostgreSQL compares it in the field's type. */
function param(c: PlannedCondition, v: FilterScalar): RawBuilder<unknown> {
  switch (c.field.type) {
    case "number":
      return sql`${v}::numeric`;
    case "date":
      return "column" in c.field.source ? sql`${v}::date` : sql`${v}::text`;
    case "ref":
      return sql`${v}::uuid`;
    default:
      return sql`${v}::text`;
  }
}

/** A territory reference matches the territory and everything under it. */
function inSubtree(e: RawBuilder<unknown>, alias: string, ids: readonly FilterScalar[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from territories crm_f_t join territories crm_f_root
      on crm_f_root.org_id = crm_f_t.org_id and crm_f_root.id in (${sql.join(ids.map((id) => sql`${id}::uuid`))})
    where crm_f_t.org_id = ${sql.ref(`${alias}.org_id`)} and crm_f_t.id = ${e}
      and left(crm_f_t.path, length(crm_f_root.path)) = crm_f_root.path)`;
}

function conditionOf(c: PlannedCondition, alias: string): RawBuilder<SqlBool> {
  const e = expressionOf(c, alias);
  const v = c.value;
  const one = () => param(c, v as FilterScalar);
  switch (c.op) {
    case "is_empty": {
      const empty = sql<SqlBool>`(${e} is null or (${e})::text = '')`;
      return v === false ? sql<SqlBool>`not ${empty}` : empty;
    }
    case "eq":
      return c.field.subtree ? inSubtree(e, alias, [v as FilterScalar]) : sql<SqlBool>`${e} = ${one()}`;
    case "neq":
      return c.field.subtree
        ? sql<SqlBool>`(${e} is null or not ${inSubtree(e, alias, [v as FilterScalar])})`
        : sql<SqlBool>`${e} is distinct from ${one()}`;
    case "contains":
      return sql<SqlBool>`(${e})::text ilike ${`%${escapeLike(String(v))}%`}`;
    case "gt":
      return sql<SqlBool>`${e} > ${one()}`;
    case "gte":
      return sql<SqlBool>`${e} >= ${one()}`;
    case "lt":
      return sql<SqlBool>`${e} < ${one()}`;
    case "lte":
      return sql<SqlBool>`${e} <= ${one()}`;
    case "between": {
      const [a, b] = v as FilterScalar[];
      return sql<SqlBool>`${e} between ${param(c, a as FilterScalar)} and ${param(c, b as FilterScalar)}`;
    }
    case "in": {
      const list = v as FilterScalar[];
      if (c.field.subtree) return inSubtree(e, alias, list);
      return sql<SqlBool>`${e} in (${sql.join(list.map((x) => param(c, x)))})`;
    }
  }
}

/** All conditions of the plan on the table aliased `alias`; `true` for an empty plan. */
export function filterCondition(plan: readonly PlannedCondition[], alias: string): RawBuilder<SqlBool> {
  if (plan.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(
    plan.map((c) => conditionOf(c, alias)),
    sql` and `,
  )})`;
}
