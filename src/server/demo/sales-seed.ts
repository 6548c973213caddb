// The demo company's secondary sales: its catalogue and price lists, its distributors and their coverage,
// the outlets on every beat, the reps who walk the beats, and (sales-history.ts) months of stock and order
// history. Deterministic: each part draws from its own fork of the seed, so the same seed, sizes and as-of
// date give the same ids, names and numbers on every machine.
import { priceFromMargin } from "../../shared/pricing/order-pricing.ts";
import { skuSearchText } from "../catalog/sku-search-text.ts";
import type { Db } from "../db/transaction.ts";
import { distributorSearchText, outletSearchText } from "../network/network-search-text.ts";
import type { NewTerritory } from "../platform/territories/territories.repository.ts";
import { insertUser } from "../users/users.repository.ts";
import { DISTRICTS, DIVISIONS } from "./bangladesh-geography.ts";
import { companyName, type OutletChannel, outletName, personName, phoneNumber } from "./bangladeshi-names.ts";
import { addMonths, beatWeekday, dateOf, dayNumber, dhakaAt } from "./demo-calendar.ts";
import { BRANDS, CATEGORIES, type CatalogSku, pickCatalogSkus } from "./sales-catalog.ts";
import { type HistorySummary, type SeedProgress, seedHistory } from "./sales-history.ts";
import { insertSeedRows, linkDemoUser, type SeedRow, skipReferenceChecks } from "./sales-seed.repository.ts";
import type { Rng } from "./seeded-random.ts";

export interface SalesSize {
  distributors: number;
  outlets: number;
  /** At most the 150 of the catalogue. */
  skus: number;
  historyMonths: number;
  /** Roughly how many historical order lines to make; sets the strike rate of the weekly visits. */
  orderLines: number;
}

export interface SeededUser {
  id: string;
  role: string;
  territoryId: string | null;
}

export interface SalesSeedInput {
  orgId: string;
  rng: Rng;
  territories: readonly NewTerritory[];
  users: readonly SeededUser[];
  /** The fixed demo users: rep@, distributor@, retailer@ get linked to the network. */
  repUserId: string;
  distributorUserId: string;
  retailerUserId: string;
  emailDomain: string;
  passwordHash: string;
  /** The business date the history runs up to ("today" of the demo). */
  asOf: string;
  /** Keep the foreign-key checks on while loading (slower; the generator's own test does). */
  checkReferences: boolean;
  size: SalesSize;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SalesSummary extends HistorySummary {
  distributors: number;
  outlets: number;
  skus: number;
  priceLists: number;
  newReps: number;
}

export interface SkuInfo {
  id: string;
  cat: CatalogSku;
  caseFactor: number;
  packFactor: number | null;
}

export interface DistributorInfo {
  id: string;
  code: string;
  creditDays: number;
  territoryIds: string[];
}

export interface OutletInfo {
  id: string;
  distributor: number;
  route: number;
  channel: OutletChannel;
  cls: "A" | "B" | "C";
  /** How the outlet pays: most at once, some within weeks, a few fall behind. */
  payer: "prompt" | "weekly" | "slow";
  creditLimit: number;
}

export interface RouteInfo {
  id: string;
  path: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  repUserId: string;
  distributor: number;
  outlets: number[];
}

export interface PriceListInfo {
  id: string;
  channel: string | null;
  tier: string | null;
  territoryPath: string | null;
  distributorId: string | null;
  validFrom: number;
  /** Retailer and distributor price per base unit, by SKU index; absent SKUs are not on the list. */
  prices: Map<number, { retailer: number; distributor: number }>;
}

const SEED_EPOCH = new Date("2026-01-01T00:00:00Z");

const CHANNEL_MIX: readonly (readonly [OutletChannel, number])[] = [
  ["grocery", 62],
  ["confectionery", 12],
  ["pharmacy", 10],
  ["cosmetics", 8],
  ["wholesale", 8],
];

export async function seedSales(db: Db, input: SalesSeedInput): Promise<SalesSummary> {
  const { orgId, rng, size } = input;
  const historyStart = addMonths(input.asOf, -size.historyMonths);
  const startDay = dayNumber(historyStart);
  const createdAt = dhakaAt(startDay, 8 * 60);
  if (!input.checkReferences) await skipReferenceChecks(db);

  // --- catalogue
  const catRng = rng.fork("catalog");
  const brandIds = new Map(BRANDS.map((b) => [b.code, catRng.uuidv7At(SEED_EPOCH)]));
  const categoryIds = new Map(CATEGORIES.map((c) => [c.code, catRng.uuidv7At(SEED_EPOCH)]));
  const chosen = pickCatalogSkus(size.skus);
  const skus: SkuInfo[] = chosen.map((cat) => ({
    id: catRng.uuidv7At(SEED_EPOCH),
    cat,
    caseFactor: cat.units.find((u) => u.unit === "case")?.factor ?? 1,
    packFactor: cat.units.find((u) => u.unit === "pack")?.factor ?? null,
  }));
  await insertSeedRows(
    db,
    "brands",
    BRANDS.map((b) => ({ org_id: orgId, id: brandIds.get(b.code) as string, code: b.code, name: b.en, name_bn: b.bn })),
  );
  await insertSeedRows(
    db,
    "categories",
    CATEGORIES.map((c) => ({
      org_id: orgId,
      id: categoryIds.get(c.code) as string,
      parent_id: c.parent ? (categoryIds.get(c.parent) ?? null) : null,
      code: c.code,
      name: c.en,
      name_bn: c.bn,
    })),
  );
  await insertSeedRows(
    db,
    "skus",
    skus.map(({ id, cat }) => ({
      org_id: orgId,
      id,
      code: cat.code,
      name: cat.en,
      name_bn: cat.bn,
      brand_id: brandIds.get(cat.brand) as string,
      category_id: categoryIds.get(cat.category) as string,
      barcode: cat.barcode,
      base_unit: "piece",
      vat_rate_bp: cat.vatBp,
      sell_by_unit: cat.sellByUnit,
      weight_g: cat.weightG,
      volume_cm3: cat.volumeCm3,
      search_text: skuSearchText({ code: cat.code, name: cat.en, name_bn: cat.bn, barcode: cat.barcode }),
    })),
  );
  await insertSeedRows(
    db,
    "sku_units",
    skus.flatMap(({ id, cat }) =>
      cat.units.map((u) => ({
        org_id: orgId,
        sku_id: id,
        unit: u.unit,
        name: u.name,
        name_bn: u.nameBn,
        factor: u.factor,
      })),
    ),
  );

  // --- distributors: the territories split into runs of neighbours (the tree lists them district by district)
  const territories = input.territories.filter((t) => t.level === "territory");
  const routesByTerritory = new Map<string, NewTerritory[]>();
  for (const t of input.territories) {
    if (t.level !== "route" || !t.parentId) continue;
    const list = routesByTerritory.get(t.parentId) ?? [];
    list.push(t);
    routesByTerritory.set(t.parentId, list);
  }
  const repUser = input.users.find((u) => u.id === input.repUserId);
  const repTerritoryIndex = Math.max(
    0,
    territories.findIndex((t) => t.id === repUser?.territoryId),
  );
  const coverage = planCoverage(
    territories.length,
    Math.max(1, size.distributors),
    repTerritoryIndex,
    rng.fork("coverage"),
  );
  const distRng = rng.fork("distributors");
  const districtOf = (code: string) => DISTRICTS.find((d) => code.startsWith(`${d.code}-`));
  const distributors: DistributorInfo[] = [];
  const distributorRows: SeedRow<"distributors">[] = [];
  for (const [i, chunk] of coverage.entries()) {
    const home = territories[chunk[0] as number] as NewTerritory;
    const district = districtOf(home.code);
    const name = companyName(distRng);
    const owner = personName(distRng, { gender: distRng.chance(0.85) ? "male" : "female" });
    const code = `D${String(i + 1).padStart(3, "0")}`;
    const phone = phoneNumber(distRng);
    const creditDays = distRng.pick([0, 7, 7, 15, 15, 15, 21, 30]);
    const row = {
      org_id: orgId,
      id: distRng.uuidv7At(SEED_EPOCH),
      code,
      name: name.en,
      name_bn: name.bn,
      trade_licence: `TRAD/${(district?.code ?? "BD").replace(/-/g, "")}/${String(distRng.int(1000, 99_999)).padStart(6, "0")}/${distRng.int(2015, 2025)}`,
      bin: distRng.chance(0.7)
        ? String(distRng.int(1, 999_999_999)).padStart(9, "0") + String(distRng.int(1000, 9999))
        : null,
      owner_name: owner.en,
      phone,
      address: `Holding ${distRng.int(1, 250)}, ${home.name} Bazar Road, ${district?.en ?? home.name}`,
      territory_id: home.id,
      credit_limit_poisha: distRng.int(5, 40) * 100_000 * 100,
      credit_days: creditDays,
      search_text: "",
    };
    row.search_text = distributorSearchText(row);
    distributorRows.push(row);
    distributors.push({
      id: row.id,
      code,
      creditDays,
      territoryIds: chunk.map((t) => (territories[t] as NewTerritory).id),
    });
  }
  await insertSeedRows(db, "distributors", distributorRows);
  await insertSeedRows(
    db,
    "distributor_territories",
    distributors.flatMap((d) => d.territoryIds.map((t) => ({ org_id: orgId, distributor_id: d.id, territory_id: t }))),
  );

  // --- reps: every covered territory's beats go to a rep based there; territories without one get a new rep
  const repRng = rng.fork("reps");
  const repByTerritory = new Map<string, string>();
  repByTerritory.set(repUser?.territoryId ?? "", input.repUserId);
  for (const u of input.users) {
    if (u.role === "rep" && u.territoryId && !repByTerritory.has(u.territoryId))
      repByTerritory.set(u.territoryId, u.id);
  }
  let newReps = 0;
  const coveredTerritories = distributors.flatMap((d, di) => d.territoryIds.map((t) => [t, di] as const));
  for (const [territoryId] of coveredTerritories) {
    if (repByTerritory.has(territoryId)) continue;
    const person = personName(repRng, { gender: repRng.chance(0.8) ? "male" : "female" });
    const id = repRng.uuidv7At(SEED_EPOCH);
    newReps++;
    const local = person.en.toLowerCase().replace(/[^a-z]+/g, ".");
    await insertUser(db, {
      org_id: orgId,
      id,
      email: `${local}.rep${newReps}@${input.emailDomain}`,
      name: person.en,
      phone: phoneNumber(repRng),
      role: "rep",
      territory_id: territoryId,
      locale: "bn",
      password_hash: input.passwordHash,
      password_changed_at: createdAt,
    });
    repByTerritory.set(territoryId, id);
  }

  // --- routes and outlets
  const routes: RouteInfo[] = [];
  const routeRows: NewTerritory[] = [];
  for (const [territoryId, di] of coveredTerritories) {
    for (const r of routesByTerritory.get(territoryId) ?? []) {
      routes.push({
        id: r.id,
        path: r.path,
        weekday: beatWeekday(r.name),
        repUserId: repByTerritory.get(territoryId) as string,
        distributor: di,
        outlets: [],
      });
      routeRows.push(r);
    }
  }
  await insertSeedRows(
    db,
    "route_assignments",
    routes.map((r) => ({
      org_id: orgId,
      id: repRng.uuidv7At(createdAt),
      route_id: r.id,
      rep_user_id: r.repUserId,
      effective_from: historyStart,
    })),
  );

  // Each beat is walked on the weekday its name gives (the field app's "today's beat").
  await insertSeedRows(
    db,
    "beat_days",
    routes.map((r) => ({ org_id: orgId, route_id: r.id, weekday: r.weekday })),
  );
  // A handful of the catalogue's SKUs make the must-sell list that stock audits highlight.
  await insertSeedRows(
    db,
    "must_sell_skus",
    skus.slice(0, Math.min(8, skus.length)).map(({ id }) => ({ org_id: orgId, sku_id: id })),
  );

  const outletRng = rng.fork("outlets");
  const perRoute = spreadCount(size.outlets, routes.length, outletRng);
  const outlets: OutletInfo[] = [];
  const outletRows: SeedRow<"outlets">[] = [];
  const phones = new Set<string>();
  const territoryById = new Map(input.territories.map((t) => [t.id, t]));
  for (const [ri, route] of routes.entries()) {
    const routeTerritory = territoryById.get(routeRows[ri]?.parentId ?? "");
    const district = districtOf(routeTerritory?.code ?? "");
    const division = DIVISIONS.find((d) => d.code === district?.divisionCode);
    for (let k = 0; k < (perRoute[ri] ?? 0); k++) {
      const channel = outletRng.weightedPick(CHANNEL_MIX);
      const name = outletName(outletRng, channel);
      const owner = personName(outletRng, { gender: outletRng.chance(0.85) ? "male" : "female" });
      let phone = phoneNumber(outletRng);
      while (phones.has(phone)) phone = phoneNumber(outletRng);
      phones.add(phone);
      const clsRoll = outletRng.next();
      const cls: "A" | "B" | "C" = clsRoll < 0.1 ? "A" : clsRoll < 0.4 ? "B" : "C";
      const code = `OT${String(outlets.length + 1).padStart(6, "0")}`;
      const row = {
        org_id: orgId,
        id: outletRng.uuidv7At(SEED_EPOCH),
        code,
        name: name.en,
        name_bn: name.bn,
        owner_name: owner.en,
        phone,
        address: `Shop ${outletRng.int(1, 120)}, ${routeTerritory?.name ?? ""} ${outletRng.pick(["Bazar", "Hat", "Main Road", "Bus Stand", "College Road", "Station Road"])}`,
        division: division?.en ?? null,
        district: district?.en ?? null,
        upazila: routeTerritory?.name ?? null,
        lat: round5((district?.lat ?? 23.8) + outletRng.float(-0.12, 0.12)),
        lng: round5((district?.lng ?? 90.4) + outletRng.float(-0.12, 0.12)),
        channel,
        class: cls,
        credit_limit_poisha:
          (cls === "A" ? outletRng.int(50, 100) : cls === "B" ? outletRng.int(20, 50) : outletRng.int(5, 20)) *
          1000 *
          100,
        distributor_id: (distributors[route.distributor] as DistributorInfo).id,
        route_id: route.id,
        search_text: "",
      };
      row.search_text = outletSearchText(row);
      outletRows.push(row);
      const payRoll = outletRng.next();
      route.outlets.push(outlets.length);
      outlets.push({
        id: row.id,
        distributor: route.distributor,
        route: ri,
        channel,
        cls,
        payer: payRoll < 0.6 ? "prompt" : payRoll < 0.9 ? "weekly" : "slow",
        creditLimit: row.credit_limit_poisha,
      });
    }
  }
  await insertSeedRows(db, "outlets", outletRows);
  await insertSeedRows(
    db,
    "outlet_assignments",
    outlets.map((o) => ({
      org_id: orgId,
      id: outletRng.uuidv7At(createdAt),
      outlet_id: o.id,
      distributor_id: (distributors[o.distributor] as DistributorInfo).id,
      route_id: (routes[o.route] as RouteInfo).id,
      effective_from: historyStart,
    })),
  );

  // --- the fixed demo users: the distributor serving the rep's territory, an outlet on the rep's first beat
  const repRoutes = routes.filter((r) => r.repUserId === input.repUserId && r.outlets.length > 0);
  const repRoute = repRoutes[0] ?? routes.find((r) => r.outlets.length > 0);
  if (repRoute) {
    const outlet = outlets[repRoute.outlets[0] as number] as OutletInfo;
    const outletRow = outletRows[repRoute.outlets[0] as number];
    await linkDemoUser(db, orgId, input.distributorUserId, {
      distributorId: (distributors[repRoute.distributor] as DistributorInfo).id,
    });
    await linkDemoUser(db, orgId, input.retailerUserId, { outletId: outlet.id, phone: outletRow?.phone ?? null });
  }

  // --- price lists
  const priceLists = buildPriceLists(rng.fork("prices"), {
    orgId,
    skus,
    startDay,
    asOfDay: dayNumber(input.asOf),
    regionPath: input.territories.find((t) => t.level === "region" && t.code === "CHA")?.path ?? null,
    regionId: input.territories.find((t) => t.level === "region" && t.code === "CHA")?.id ?? null,
    distributor: distributors[Math.min(1, distributors.length - 1)] as DistributorInfo,
    distributorName: distributorRows[Math.min(1, distributorRows.length - 1)] as SeedRow<"distributors">,
  });
  await insertSeedRows(
    db,
    "price_lists",
    priceLists.map((p) => p.row),
  );
  await insertSeedRows(
    db,
    "price_list_items",
    priceLists.flatMap((p) => p.items),
  );

  const history = await seedHistory(db, {
    orgId,
    rng,
    skus,
    distributors,
    outlets,
    routes,
    priceLists: priceLists.map((p) => p.info),
    startDay,
    asOfDay: dayNumber(input.asOf),
    orderLines: size.orderLines,
    onProgress: input.onProgress,
  });

  return {
    ...history,
    distributors: distributors.length,
    outlets: outlets.length,
    skus: skus.length,
    priceLists: priceLists.length,
    newReps,
  };
}

const round5 = (x: number) => Math.round(x * 100_000) / 100_000;

/**
 * Which territories (by index in tree order) each distributor covers. With enough distributors every
 * territory is covered by a run of neighbours; with few (the small test organisations) each covers one to
 * three territories spread over the country, the first one including the rep's territory.
 */
function planCoverage(territories: number, distributors: number, repIndex: number, rng: Rng): number[][] {
  if (territories === 0) return [];
  if (distributors * 4 >= territories) {
    const out: number[][] = [];
    const n = Math.min(distributors, territories);
    for (let i = 0; i < n; i++) {
      const from = Math.floor((i * territories) / n);
      const to = Math.floor(((i + 1) * territories) / n);
      out.push(Array.from({ length: to - from }, (_, k) => from + k));
    }
    return out;
  }
  const out: number[][] = [];
  const used = new Set<number>();
  for (let i = 0; i < distributors; i++) {
    let anchor = (repIndex + Math.floor((i * territories) / distributors)) % territories;
    while (used.has(anchor)) anchor = (anchor + 1) % territories;
    const run = [anchor];
    used.add(anchor);
    const extra = rng.int(0, 2);
    for (let k = 1; k <= extra; k++) {
      const t = anchor + k;
      if (t < territories && !used.has(t)) {
        run.push(t);
        used.add(t);
      }
    }
    out.push(run);
  }
  return out;
}

/** `total` split over `buckets`, unevenly (a beat has 0.6-1.4 times the average) but adding up exactly. */
function spreadCount(total: number, buckets: number, rng: Rng): number[] {
  if (buckets === 0) return [];
  const weights = Array.from({ length: buckets }, () => rng.float(0.6, 1.4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % buckets, rest--) counts[i] = (counts[i] ?? 0) + 1;
  return counts;
}

interface PriceListBuild {
  row: SeedRow<"price_lists">;
  items: SeedRow<"price_list_items">[];
  info: PriceListInfo;
}

/**
 * The national list (margins mostly, some flat prices), the wholesale channel's list, a Chattogram division
 * override, one distributor's special prices, and next price increase two weeks ahead.
 */
function buildPriceLists(
  rng: Rng,
  c: {
    orgId: string;
    skus: readonly SkuInfo[];
    startDay: number;
    asOfDay: number;
    regionPath: string | null;
    regionId: string | null;
    distributor: DistributorInfo;
    distributorName: { name: string; name_bn: string };
  },
): PriceListBuild[] {
  const at = dhakaAt(c.startDay - 1, 10 * 60);
  const out: PriceListBuild[] = [];
  const make = (
    head: Omit<SeedRow<"price_lists">, "org_id" | "id" | "valid_from" | "valid_to" | "prices_include_vat"> & {
      validFrom: number;
    },
    items: readonly {
      sku: number;
      mrp: number;
      retailerMarginBp: number;
      retailerFlat: boolean;
      distributorExtraBp: number;
      distributorFlat: boolean;
    }[],
  ) => {
    const id = rng.uuidv7At(at);
    const info: PriceListInfo = {
      id,
      channel: head.channel ?? null,
      tier: head.tier ?? null,
      territoryPath: head.territory_id ? c.regionPath : null,
      distributorId: head.distributor_id ?? null,
      validFrom: head.validFrom,
      prices: new Map(),
    };
    const rows: SeedRow<"price_list_items">[] = [];
    for (const it of items) {
      const retailer = priceFromMargin(it.mrp, it.retailerMarginBp);
      const distributorMarginBp = it.retailerMarginBp + it.distributorExtraBp;
      const distributor = priceFromMargin(it.mrp, distributorMarginBp);
      info.prices.set(it.sku, { retailer, distributor });
      rows.push({
        org_id: c.orgId,
        price_list_id: id,
        sku_id: (c.skus[it.sku] as SkuInfo).id,
        mrp_poisha: it.mrp,
        retailer_price_poisha: it.retailerFlat ? retailer : null,
        retailer_margin_bp: it.retailerFlat ? null : it.retailerMarginBp,
        distributor_price_poisha: it.distributorFlat ? distributor : null,
        distributor_margin_bp: it.distributorFlat ? null : distributorMarginBp,
      });
    }
    const { validFrom, ...rest } = head;
    out.push({
      row: { org_id: c.orgId, id, ...rest, valid_from: dateOf(validFrom), valid_to: null, prices_include_vat: false },
      items: rows,
      info,
    });
  };
  const base = c.skus.map((s, i) => ({
    sku: i,
    mrp: s.cat.mrpPoisha,
    retailerMarginBp: rng.int(16, 24) * 50,
    retailerFlat: rng.chance(0.2),
    distributorExtraBp: rng.int(8, 12) * 50,
    distributorFlat: rng.chance(0.3),
  }));
  make(
    {
      code: "PL-NATIONAL",
      name: "National trade prices",
      name_bn: "জাতীয় ট্রেড মূল্য",
      channel: null,
      tier: null,
      territory_id: null,
      distributor_id: null,
      validFrom: c.startDay,
    },
    base,
  );
  make(
    {
      code: "PL-WHOLESALE",
      name: "Wholesale channel prices",
      name_bn: "পাইকারি চ্যানেলের মূল্য",
      channel: "wholesale",
      tier: null,
      territory_id: null,
      distributor_id: null,
      validFrom: c.startDay,
    },
    base.map((b) => ({ ...b, retailerMarginBp: b.retailerMarginBp + 300 })),
  );
  if (c.regionId) {
    make(
      {
        code: "PL-CHATTOGRAM",
        name: "Chattogram division prices",
        name_bn: "চট্টগ্রাম বিভাগের মূল্য",
        channel: null,
        tier: null,
        territory_id: c.regionId,
        distributor_id: null,
        validFrom: c.startDay,
      },
      // Carriage to the hill districts and the coast costs more: a third of the range is a few taka dearer.
      base.filter((_, i) => i % 3 === 0).map((b) => ({ ...b, mrp: Math.round((b.mrp * 1.03) / 100) * 100 })),
    );
  }
  make(
    {
      code: `PL-${c.distributor.code}`,
      name: `${c.distributorName.name}: special prices`,
      name_bn: `${c.distributorName.name_bn}: বিশেষ মূল্য`,
      channel: null,
      tier: null,
      territory_id: null,
      distributor_id: c.distributor.id,
      validFrom: c.startDay,
    },
    base.filter((_, i) => i % 10 === 1).map((b) => ({ ...b, retailerMarginBp: b.retailerMarginBp + 100 })),
  );
  const increase = c.asOfDay + 14;
  make(
    {
      code: `PL-NATIONAL-${dateOf(increase)}`,
      name: `National trade prices from ${dateOf(increase)}`,
      name_bn: "জাতীয় ট্রেড মূল্য (নতুন দর)",
      channel: null,
      tier: null,
      territory_id: null,
      distributor_id: null,
      validFrom: increase,
    },
    base.map((b) => ({ ...b, mrp: Math.round((b.mrp * 1.05) / 100) * 100 })),
  );
  return out;
}
