// Distributors: the businesses that buy from the company and serve outlets. Admins manage all of them;
// managers those based in their subtree; a distributor's own users see only their own record.
import type {
  CreateDistributorRequest,
  DistributorExportQuery,
  DistributorListQuery,
  UpdateDistributorRequest,
} from "../../shared/contracts/network.ts";
import { isUuid, newId } from "../../shared/ids.ts";
import { searchCondition } from "../db/text-search.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { writeCsv } from "../platform/csv.ts";
import { decodeCursor, encodeCursor, PaginationErrors } from "../platform/pagination.ts";
import type { DistributorRow } from "./distributors.repository.ts";
import * as repo from "./distributors.repository.ts";
import { NetworkErrors } from "./network.errors.ts";
import { distributorSearchText } from "./network-search-text.ts";

type CoverageRow = Awaited<ReturnType<typeof repo.coverageOf>>[number];

const ref = (t: { id: string; level: string; code: string; name: string; name_bn: string }) => ({
  id: t.id,
  level: t.level as "national" | "region" | "area" | "territory" | "route",
  code: t.code,
  name: t.name,
  nameBn: t.name_bn,
});

function distributorResponse(d: DistributorRow, coverage: CoverageRow[]) {
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    nameBn: d.name_bn,
    tradeLicence: d.trade_licence,
    bin: d.bin,
    ownerName: d.owner_name,
    phone: d.phone,
    email: d.email,
    address: d.address,
    territory: ref({
      id: d.territory_id,
      level: d.territory_level,
      code: d.territory_code,
      name: d.territory_name,
      name_bn: d.territory_name_bn,
    }),
    coverage: coverage.filter((c) => c.distributor_id === d.id).map(ref),
    creditLimitPoisha: d.credit_limit_poisha === null ? null : Number(d.credit_limit_poisha),
    creditDays: d.credit_days,
    status: d.archived_at ? ("archived" as const) : ("active" as const),
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

const auditView = (d: ReturnType<typeof distributorResponse>) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = d;
  return { ...rest, territory: rest.territory.code, coverage: rest.coverage.map((c) => c.code) };
};

async function loadVisible(db: Executor, ctx: Ctx, id: string) {
  const d = await repo.findDistributor(db, ctx.actor.orgId, ctx.actor.scope, id);
  if (!d) throw NetworkErrors.distributorNotFound();
  return d;
}

async function responseOf(db: Executor, ctx: Ctx, d: DistributorRow) {
  return distributorResponse(d, await repo.coverageOf(db, ctx.actor.orgId, [d.id]));
}

/**
 * The home and coverage territories of a write: they must exist and lie in the actor's subtree (a manager
 * cannot put a distributor where they cannot see it).
 */
async function checkTerritories(db: Executor, ctx: Ctx, home: string, coverage: readonly string[]) {
  const ids = [...new Set([home, ...coverage])];
  const found = await repo.findTerritoriesById(db, ctx.actor.orgId, ids);
  if (found.length !== ids.length) throw NetworkErrors.territoryNotFound();
  if (!found.every((t) => territoryInScope(ctx.actor.scope, t.path))) throw NetworkErrors.territoryOutOfScope();
}

function searchTextOf(v: { code: string; name: string; name_bn: string; owner_name: string; phone: string }) {
  return distributorSearchText(v);
}

function listFilter(query: DistributorExportQuery & { cursor?: string | undefined }, limit: number) {
  let after: { key: string; id: string } | undefined;
  if (query.cursor) {
    const [key, id] = decodeCursor(query.cursor);
    if (typeof key !== "string" || !isUuid(id)) throw PaginationErrors.badCursor();
    after = { key, id };
  }
  return { ...query, after, limit };
}

const sortKey = (d: DistributorRow, sort: DistributorListQuery["sort"]) =>
  sort === "name" ? d.name : sort === "code" ? d.code : d.id;

export async function listDistributors(ctx: Ctx, query: DistributorListQuery) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const rows = await repo.listDistributors(
    ctx.db,
    ctx.actor.orgId,
    ctx.actor.scope,
    listFilter(query, query.limit),
    query.q ? searchCondition("d.search_text", query.q) : null,
  );
  const page = rows.slice(0, query.limit);
  const coverage = await repo.coverageOf(
    ctx.db,
    ctx.actor.orgId,
    page.map((d) => d.id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((d) => distributorResponse(d, coverage)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([sortKey(last, query.sort), last.id]) : null,
  };
}

const EXPORT_LIMIT = 50_000;

/** The list as CSV (every page, up to 50,000 rows), with names in both scripts. */
export async function exportDistributorsCsv(ctx: Ctx, query: DistributorExportQuery) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const rows = await repo.listDistributors(
    ctx.db,
    ctx.actor.orgId,
    ctx.actor.scope,
    listFilter(query, EXPORT_LIMIT - 1),
    query.q ? searchCondition("d.search_text", query.q) : null,
  );
  const coverage = await repo.coverageOf(
    ctx.db,
    ctx.actor.orgId,
    rows.map((d) => d.id),
  );
  const header = [
    "code",
    "name",
    "name_bn",
    "owner_name",
    "phone",
    "email",
    "address",
    "trade_licence",
    "bin",
    "territory_code",
    "territory_name",
    "coverage_codes",
    "credit_limit_taka",
    "credit_days",
    "status",
  ];
  return writeCsv(
    header,
    rows.map((d) => [
      d.code,
      d.name,
      d.name_bn,
      d.owner_name,
      d.phone,
      d.email,
      d.address,
      d.trade_licence,
      d.bin,
      d.territory_code,
      d.territory_name,
      coverage
        .filter((c) => c.distributor_id === d.id)
        .map((c) => c.code)
        .join(" "),
      d.credit_limit_poisha === null ? null : (Number(d.credit_limit_poisha) / 100).toFixed(2),
      d.credit_days,
      d.archived_at ? "archived" : "active",
    ]),
  );
}

export async function getDistributor(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const d = await loadVisible(ctx.db, ctx, id);
  const [response, outletCount] = await Promise.all([
    responseOf(ctx.db, ctx, d),
    repo.countActiveOutlets(ctx.db, ctx.actor.orgId, id),
  ]);
  return { ...response, outletCount };
}

export async function createDistributor(ctx: Ctx, input: CreateDistributorRequest) {
  if (!can(ctx.actor, "network.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    await checkTerritories(tx, ctx, input.territoryId, input.coverageTerritoryIds);
    const id = newId();
    const values = {
      code: input.code,
      name: input.name,
      name_bn: input.nameBn,
      trade_licence: input.tradeLicence ?? null,
      bin: input.bin ?? null,
      owner_name: input.ownerName,
      phone: input.phone,
      email: input.email ?? null,
      address: input.address,
      territory_id: input.territoryId,
      credit_limit_poisha: input.creditLimitPoisha ?? null,
      credit_days: input.creditDays,
    };
    const ok = await repo.insertDistributor(tx, ctx.actor.orgId, id, { ...values, search_text: searchTextOf(values) });
    if (!ok) throw NetworkErrors.distributorCodeTaken({ code: input.code });
    await repo.replaceCoverage(tx, ctx.actor.orgId, id, [...new Set(input.coverageTerritoryIds)]);
    const created = await responseOf(tx, ctx, await loadVisible(tx, ctx, id));
    await recordAudit(tx, ctx, { entity: "distributor", entityId: id, action: "create", after: auditView(created) });
    return created;
  });
}

export async function updateDistributor(ctx: Ctx, id: string, input: UpdateDistributorRequest) {
  if (!can(ctx.actor, "network.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const beforeRow = await loadVisible(tx, ctx, id);
    const before = await responseOf(tx, ctx, beforeRow);
    // A manager edits only distributors based in their subtree, not ones that merely cover part of it.
    if (!territoryInScope(ctx.actor.scope, beforeRow.territory_path)) throw NetworkErrors.territoryOutOfScope();
    if (input.territoryId !== undefined || input.coverageTerritoryIds !== undefined)
      await checkTerritories(
        tx,
        ctx,
        input.territoryId ?? beforeRow.territory_id,
        input.coverageTerritoryIds ?? before.coverage.map((c) => c.id),
      );
    if (input.code !== undefined && input.code !== beforeRow.code) {
      if (await repo.distributorCodeTaken(tx, ctx.actor.orgId, input.code, id))
        throw NetworkErrors.distributorCodeTaken({ code: input.code });
    }
    const next = {
      code: input.code ?? beforeRow.code,
      name: input.name ?? beforeRow.name,
      name_bn: input.nameBn ?? beforeRow.name_bn,
      owner_name: input.ownerName ?? beforeRow.owner_name,
      phone: input.phone ?? beforeRow.phone,
    };
    await repo.updateDistributor(tx, ctx.actor.orgId, id, {
      ...next,
      ...(input.tradeLicence !== undefined && { trade_licence: input.tradeLicence }),
      ...(input.bin !== undefined && { bin: input.bin }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.territoryId !== undefined && { territory_id: input.territoryId }),
      ...(input.creditLimitPoisha !== undefined && { credit_limit_poisha: input.creditLimitPoisha }),
      ...(input.creditDays !== undefined && { credit_days: input.creditDays }),
      search_text: searchTextOf(next),
    });
    if (input.coverageTerritoryIds !== undefined)
      await repo.replaceCoverage(tx, ctx.actor.orgId, id, [...new Set(input.coverageTerritoryIds)]);
    const after = await responseOf(tx, ctx, await loadVisible(tx, ctx, id));
    await recordAudit(tx, ctx, {
      entity: "distributor",
      entityId: id,
      action: "update",
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function archiveDistributor(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "network.write")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const row = await loadVisible(tx, ctx, id);
    if (!territoryInScope(ctx.actor.scope, row.territory_path)) throw NetworkErrors.territoryOutOfScope();
    const before = await responseOf(tx, ctx, row);
    if (row.archived_at) return before;
    const count = await repo.countActiveOutlets(tx, ctx.actor.orgId, id);
    if (count > 0) throw NetworkErrors.distributorHasOutlets({ count });
    await repo.updateDistributor(tx, ctx.actor.orgId, id, { archived_at: new Date() });
    const after = await responseOf(tx, ctx, await loadVisible(tx, ctx, id));
    await recordAudit(tx, ctx, {
      entity: "distributor",
      entityId: id,
      action: "archive",
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** For other modules (users, orders, stock): a distributor the actor may see, or null (not found for them). */
export async function visibleDistributor(db: Executor, ctx: Pick<Ctx, "actor">, id: string) {
  const d = await repo.findDistributor(db, ctx.actor.orgId, ctx.actor.scope, id);
  return d ?? null;
}

/** For the CRM (a distributor's account page, its account row): one distributor, unscoped, or null. */
export async function distributorById(db: Executor, orgId: string, id: string) {
  const d = await repo.findDistributor(db, orgId, { kind: "org" }, id);
  return d ? distributorResponse(d, await repo.coverageOf(db, orgId, [d.id])) : null;
}
