import type { TerritoryLevel } from "../../db/database.ts";
import type { Ctx } from "../context.ts";
import { defineErrors } from "../errors.ts";
import { findTerritoriesOnPath, listTerritories } from "./territories.repository.ts";

export const TerritoryErrors = defineErrors({
  notFound: {
    code: "territory.not_found",
    status: 404,
    en: "The territory was not found.",
    bn: "এলাকাটি পাওয়া যায়নি।",
  },
});

/** Path of ids from the root: '/a/b/'. A subtree is every path with that prefix. */
export const childPath = (parentPath: string | null, id: string) => `${parentPath ?? "/"}${id}/`;

const depthOf = (path: string) => path.split("/").filter(Boolean).length - 1;

function visiblePath(ctx: Ctx): string | undefined | null {
  const s = ctx.actor.scope;
  if (s.kind === "org") return undefined;
  if (s.kind === "territory") return s.path;
  return null; // distributor / outlet / none: no territory browsing yet
}

type TerritoryRow = Awaited<ReturnType<typeof listTerritories>>[number];

const territoryResponse = (r: TerritoryRow) => ({
  id: r.id,
  parentId: r.parent_id,
  level: r.level,
  code: r.code,
  name: r.name,
  nameBn: r.name_bn,
  depth: depthOf(r.path),
  childCount: Number(r.child_count ?? 0),
});

export async function browseTerritories(
  ctx: Ctx,
  query: { parentId?: string | undefined; level?: TerritoryLevel | undefined; q?: string | undefined; limit: number },
) {
  const within = visiblePath(ctx);
  if (within === null) return { items: [] };
  const rows = await listTerritories(ctx.db, ctx.actor.orgId, {
    ...query,
    withinPath: within,
    rootsOnly: !query.level && !query.q,
  });
  return { items: rows.map(territoryResponse) };
}

export async function getTerritory(ctx: Ctx, id: string) {
  const within = visiblePath(ctx);
  if (within === null) throw TerritoryErrors.notFound();
  const [t] = await listTerritories(ctx.db, ctx.actor.orgId, { id, withinPath: within, rootsOnly: false, limit: 1 });
  if (!t) throw TerritoryErrors.notFound();
  const chain = await findTerritoriesOnPath(ctx.db, ctx.actor.orgId, t.path);
  return {
    ...territoryResponse(t),
    ancestors: chain
      .filter((a) => a.id !== t.id && (within === undefined || a.path.startsWith(within)))
      .map((a) => ({ id: a.id, level: a.level, name: a.name, nameBn: a.name_bn })),
  };
}
