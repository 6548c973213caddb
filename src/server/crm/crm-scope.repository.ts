// Who sees which CRM record (leads, contacts, accounts, deals, activities, tickets). Org-wide actors see all. A
// manager or rep (territory scope) sees a record in their territory subtree, or one they own; a record with no
// territory is seen by them only when they own it. Any other scope sees only what it owns.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Scope } from "../platform/access.ts";

/**
 * A where-condition for a table aliased `alias` that has org_id, territory_id and owner_user_id columns.
 * The caller still filters by org_id; this narrows within the org.
 */
export function crmScopeCondition(scope: Scope, actorUserId: string, alias: string): RawBuilder<SqlBool> {
  if (scope.kind === "org") return sql<SqlBool>`true`;
  const owned = sql<SqlBool>`${sql.ref(`${alias}.owner_user_id`)} = ${actorUserId}`;
  if (scope.kind !== "territory") return owned;
  return sql<SqlBool>`(${owned} or exists (
    select 1 from territories crm_scope_t
    where crm_scope_t.org_id = ${sql.ref(`${alias}.org_id`)} and crm_scope_t.id = ${sql.ref(`${alias}.territory_id`)}
      and crm_scope_t.path like ${`${scope.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}))`;
}
