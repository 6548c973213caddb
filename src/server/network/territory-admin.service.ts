// Territory administration: the tree editor and its CSV import. Admins edit the whole tree; managers only
// inside their own subtree. The tree keeps its levels (national > region > area > territory > route): a node
// always sits exactly one level below its parent, on creation, on a move and on import.
import type { CreateTerritoryRequest, UpdateTerritoryRequest } from "../../shared/contracts/network.ts";
import { newId } from "../../shared/ids.ts";
import type { TerritoryLevel } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { childPath } from "../platform/territories/territories.service.ts";
import { NetworkErrors } from "./network.errors.ts";
import { codeCell, ImportReport, readImportFile, requiredText } from "./network-import.ts";
import type { TerritoryAdminRow } from "./territory-admin.repository.ts";
import * as repo from "./territory-admin.repository.ts";

export const LEVELS: readonly TerritoryLevel[] = ["national", "region", "area", "territory", "route"];

/** The level a child of `parent` must have; null under a route (a beat has no children). */
export function childLevel(parent: TerritoryLevel): TerritoryLevel | null {
  return LEVELS[LEVELS.indexOf(parent) + 1] ?? null;
}

export function adminTerritoryResponse(t: TerritoryAdminRow) {
  return {
    id: t.id,
    parentId: t.parent_id,
    level: t.level,
    code: t.code,
    name: t.name,
    nameBn: t.name_bn,
    path: t.path,
    archived: t.archived_at !== null,
  };
}

const auditView = (t: TerritoryAdminRow) => adminTerritoryResponse(t);

function requireWrite(ctx: Ctx) {
  if (!can(ctx.actor, "network.write")) throw AccessErrors.forbidden();
}

/** A territory the actor may administer: in their org and subtree; otherwise it does not exist for them. */
async function loadEditable(db: Executor, ctx: Ctx, id: string): Promise<TerritoryAdminRow> {
  const t = await repo.findTerritoryForAdmin(db, ctx.actor.orgId, id);
  if (!t || !territoryInScope(ctx.actor.scope, t.path)) throw NetworkErrors.territoryNotFound();
  return t;
}

/** A parent named in a request body: it must exist, be active and lie in the actor's subtree. */
async function loadParent(db: Executor, ctx: Ctx, id: string): Promise<TerritoryAdminRow> {
  const p = await repo.findTerritoryForAdmin(db, ctx.actor.orgId, id);
  if (!p || !territoryInScope(ctx.actor.scope, p.path)) throw NetworkErrors.territoryNotFound();
  if (p.archived_at) throw NetworkErrors.territoryArchived();
  return p;
}

function checkLevel(parentLevel: TerritoryLevel, level: TerritoryLevel) {
  const expected = childLevel(parentLevel);
  if (expected !== level) throw NetworkErrors.wrongLevel({ parentLevel, expected: expected ?? "-", level });
}

export async function createTerritory(ctx: Ctx, input: CreateTerritoryRequest) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    let parent: TerritoryAdminRow | null = null;
    if (input.parentId === null) {
      if (ctx.actor.scope.kind !== "org" || input.level !== "national") throw NetworkErrors.rootNotAllowed();
    } else {
      parent = await loadParent(tx, ctx, input.parentId);
      checkLevel(parent.level, input.level);
    }
    const id = newId();
    const ok = await repo.insertTerritoryRows(tx, ctx.actor.orgId, [
      {
        id,
        parentId: parent?.id ?? null,
        level: input.level,
        code: input.code,
        name: input.name,
        nameBn: input.nameBn,
        path: childPath(parent?.path ?? null, id),
      },
    ]);
    if (!ok) throw NetworkErrors.territoryCodeTaken({ code: input.code });
    const created = await loadEditable(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: "territory", entityId: id, action: "create", after: auditView(created) });
    return adminTerritoryResponse(created);
  });
}

export async function updateTerritory(ctx: Ctx, id: string, input: UpdateTerritoryRequest) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadEditable(tx, ctx, id);
    if (input.code !== undefined && input.code !== before.code) {
      if (await repo.territoryCodeTaken(tx, ctx.actor.orgId, input.code, id))
        throw NetworkErrors.territoryCodeTaken({ code: input.code });
    }
    await repo.updateTerritoryFields(tx, ctx.actor.orgId, id, {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.nameBn !== undefined && { name_bn: input.nameBn }),
    });
    const after = await loadEditable(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "territory",
      entityId: id,
      action: "update",
      before: auditView(before),
      after: auditView(after),
    });
    return adminTerritoryResponse(after);
  });
}

export async function moveTerritory(ctx: Ctx, id: string, input: { parentId: string }) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadEditable(tx, ctx, id);
    // A manager's own territory is the root of what they may see; moving it would move it out of view.
    if (ctx.actor.scope.kind === "territory" && ctx.actor.scope.territoryId === id)
      throw NetworkErrors.territoryOutOfScope();
    const parent = await loadParent(tx, ctx, input.parentId);
    if (parent.path.startsWith(before.path)) throw NetworkErrors.moveIntoOwnSubtree();
    checkLevel(parent.level, before.level);
    const newPath = childPath(parent.path, id);
    const moved =
      before.parent_id === parent.id
        ? 0
        : await repo.moveSubtree(tx, ctx.actor.orgId, id, parent.id, before.path, newPath);
    const after = await loadEditable(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "territory",
      entityId: id,
      action: "move",
      before: { parentId: before.parent_id, path: before.path },
      after: { parentId: after.parent_id, path: after.path, subtreeSize: moved },
    });
    return adminTerritoryResponse(after);
  });
}

export async function archiveTerritory(ctx: Ctx, id: string) {
  requireWrite(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const before = await loadEditable(tx, ctx, id);
    if (before.archived_at) return adminTerritoryResponse(before);
    if (ctx.actor.scope.kind === "territory" && ctx.actor.scope.territoryId === id)
      throw NetworkErrors.territoryOutOfScope();
    const usage = await repo.territoryUsage(tx, ctx.actor.orgId, id);
    if (usage.children > 0 || usage.outlets > 0 || usage.distributors > 0) throw NetworkErrors.territoryInUse(usage);
    await repo.setTerritoryArchived(tx, ctx.actor.orgId, id, true);
    const after = await loadEditable(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "territory",
      entityId: id,
      action: "archive",
      before: auditView(before),
      after: auditView(after),
    });
    return adminTerritoryResponse(after);
  });
}

const TERRITORY_COLUMNS = ["code", "name", "name_bn", "level", "parent_code"] as const;

/**
 * Imports territories from CSV (code,name,name_bn,level,parent_code). Every row is checked first, against
 * the database and the rows above it (a parent may come earlier in the same file); with any problem the
 * whole report is returned and nothing is written.
 */
export async function importTerritories(ctx: Ctx, body: { csv: string }) {
  requireWrite(ctx);
  const report = new ImportReport(ctx.locale);
  const rows = readImportFile(body.csv, TERRITORY_COLUMNS, report);
  report.throwIfAny();
  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const codes = new Set<string>();
    for (const r of rows) {
      if (r.values.code) codes.add(r.values.code);
      if (r.values.parent_code) codes.add(r.values.parent_code);
    }
    const existing = new Map((await repo.findTerritoriesByCode(tx, orgId, [...codes])).map((t) => [t.code, t]));
    const fromFile = new Map<string, { id: string; level: TerritoryLevel; path: string }>();
    const inserts: repo.TerritoryInsert[] = [];
    for (const { row, values } of rows) {
      const code = codeCell(report, row, values, "code");
      const name = requiredText(report, row, values, "name", 160);
      const nameBn = requiredText(report, row, values, "name_bn", 160);
      const levelText = (values.level ?? "").toLowerCase();
      const level = LEVELS.includes(levelText as TerritoryLevel) ? (levelText as TerritoryLevel) : null;
      if (!level) report.add(row, "level", "badLevel");
      if (code !== null) {
        if (fromFile.has(code)) report.add(row, "code", "duplicateInFile", { value: code });
        else if (existing.has(code)) report.add(row, "code", "codeTaken", { value: code });
      }
      const parentCode = values.parent_code ?? "";
      let parent: { id: string; level: TerritoryLevel; path: string } | null = null;
      if (parentCode === "") {
        if (level !== "national" || ctx.actor.scope.kind !== "org") report.add(row, "parent_code", "rootNotAllowed");
      } else {
        const p = fromFile.get(parentCode) ?? existing.get(parentCode);
        if (!p || ("archived_at" in p && p.archived_at))
          report.add(row, "parent_code", "unknownParent", { value: parentCode });
        else if (!territoryInScope(ctx.actor.scope, p.path))
          report.add(row, "parent_code", "outOfScope", { value: parentCode });
        else {
          parent = p;
          const expected = childLevel(p.level);
          if (level && expected !== level)
            report.add(row, "level", "wrongLevel", { parentLevel: p.level, expected: expected ?? "-" });
        }
      }
      if (code === null || name === null || nameBn === null || level === null) continue;
      const id = newId();
      const path = childPath(parent?.path ?? null, id);
      if (!fromFile.has(code)) fromFile.set(code, { id, level, path });
      inserts.push({ id, parentId: parent?.id ?? null, level, code, name, nameBn, path });
    }
    report.throwIfAny();
    // The unique key decides between concurrent imports of the same codes: a lost race is a conflict.
    if (!(await repo.insertTerritoryRows(tx, orgId, inserts)))
      throw NetworkErrors.territoryCodeTaken({
        code: inserts
          .map((i) => i.code)
          .join(", ")
          .slice(0, 200),
      });
    await recordAudit(tx, ctx, {
      entity: "territory",
      entityId: null,
      action: "import",
      after: { count: inserts.length, codes: inserts.slice(0, 100).map((i) => i.code) },
    });
    return { imported: inserts.length };
  });
}
