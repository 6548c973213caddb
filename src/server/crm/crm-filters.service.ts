// Filters and segments applied to a list: the request's filter and the chosen segment's saved filter, checked
// against the entity's fields (built-in and the org's custom ones), as one SQL condition for the list's query.
import type { CrmFilter } from "../../shared/contracts/crm.ts";
import type { Executor } from "../db/transaction.ts";
import type { Actor } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { filterCondition } from "./crm-filters.repository.ts";
import { filterFields, type PlannedCondition, planFilter } from "./crm-filters.ts";
import { fieldsOf } from "./custom-fields.service.ts";
import { SegmentErrors } from "./segments.errors.ts";
import { findSegment, type SegmentRow } from "./segments.repository.ts";

export type ListEntity = "contact" | "account";

/** A filter checked against the entity's fields; 400 (bn/en) for an unknown field, operator or value. */
export async function planFor(
  db: Executor,
  orgId: string,
  entity: ListEntity,
  filter: CrmFilter,
): Promise<PlannedCondition[]> {
  if (filter.all.length === 0) return [];
  return planFilter(filter, filterFields(entity, await fieldsOf(db, orgId, entity)));
}

/** A segment is the owner's, or shared with the org. */
export const segmentVisible = (s: Pick<SegmentRow, "shared" | "owner_user_id">, actor: Pick<Actor, "userId">) =>
  s.shared || s.owner_user_id === actor.userId;

/** A segment the caller may use, or 404. */
export async function visibleSegment(db: Executor, ctx: Ctx, id: string): Promise<SegmentRow> {
  const s = await findSegment(db, ctx.actor.orgId, id);
  if (!s || !segmentVisible(s, ctx.actor)) throw SegmentErrors.notFound();
  return s;
}

/** The condition a list applies for its filter and segment, on the list's table aliased `alias`. */
export async function crmListCondition(
  ctx: Ctx,
  entity: ListEntity,
  alias: string,
  q: { filter?: CrmFilter | undefined; segmentId?: string | undefined },
) {
  const all = [...(q.filter?.all ?? [])];
  if (q.segmentId) {
    const s = await visibleSegment(ctx.db, ctx, q.segmentId);
    if (s.entity !== entity) throw SegmentErrors.wrongEntity({ entity: s.entity });
    all.push(...(s.filter as CrmFilter).all);
  }
  return filterCondition(await planFor(ctx.db, ctx.actor.orgId, entity, { all }), alias);
}
