// The demo company: the real 8 divisions and 64 districts of Bangladesh as the territory tree down to
// routes, and one user per role (<role>@demo.bikri.app, password "bikri-demo": demo data only).
// Deterministic: the same seed, sizes and as-of date give the same ids and names on every machine. The
// secondary-sales data (catalogue, prices, distributors, outlets, stock and order history) comes from
// sales-seed.ts, each part on its own rng fork.
import type { Logger } from "pino";
import { businessDate } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import { ROLES, type Role } from "../../shared/roles.ts";
import { rebuildSalesRollups } from "../analytics/sales-rollups.service.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import { systemCtx } from "../platform/context.ts";
import { countOrgs, findOrgBySlug, insertOrg } from "../platform/orgs/orgs.repository.ts";
import { insertTerritories, type NewTerritory } from "../platform/territories/territories.repository.ts";
import { childPath } from "../platform/territories/territories.service.ts";
import { seedDemandEvents } from "../replenishment/demand-events-seed.ts";
import { runForecasts } from "../replenishment/demand-forecasting.ts";
import { generateProposals } from "../replenishment/replenishment-proposals.service.ts";
import { refreshAlerts } from "../replenishment/stock-alerts.service.ts";
import { hashPassword } from "../users/passwords.ts";
import { insertUser } from "../users/users.repository.ts";
import { DISTRICTS, DIVISIONS } from "./bangladesh-geography.ts";
import { personName, phoneNumber } from "./bangladeshi-names.ts";
import { seedCrmDemo } from "./crm-seed.ts";
import { planDemoTrip, seedDeliveryFleet } from "./delivery-seed.ts";
import { BEAT_DAYS } from "./demo-calendar.ts";
import type { SeedProgress } from "./sales-history.ts";
import { refreshPlannerStatistics } from "./sales-seed.repository.ts";
import { type SalesSize, type SalesSummary, type SeededUser, seedSales } from "./sales-seed.ts";
import { createRng, type Rng } from "./seeded-random.ts";
import { seedTradeDemo } from "./trade-seed.ts";

export const DEMO_PASSWORD = "bikri-demo";
export const DEMO_DOMAIN = "demo.bikri.app";

export interface DemoOptions extends SalesSize {
  seed: string;
  slug: string;
  /** Beats (routes) under each territory. */
  routesPerTerritory: number;
  /** Extra managers and reps spread over the tree, beyond one user per role. */
  extraUsers: number;
  /** Email domain of the demo users; a second demo org needs its own. */
  emailDomain: string;
  /** The demo's "today" (YYYY-MM-DD): history ends here. Default: today in Dhaka. */
  asOf?: string;
  /** Keep foreign-key checks on during the bulk load (slower); the generator's own test sets it. */
  checkReferences?: boolean;
  /** Refresh planner statistics after the load (default); the tiny test orgs skip it. */
  refreshStatistics?: boolean;
  /**
   * Plan today's delivery trip of the demo distributor with a few invoiced orders (default), through the delivery
   * use cases; the test organisations skip it, so their tests start from orders on no trip and an audit log of the
   * seed alone.
   */
  deliveryTrip?: boolean;
  /**
   * This month's campaign and schemes, the reps' targets and commission plan (seedTradeDemo). On for the demo a
   * person opens (first start, `seed:demo`); off by default, since tests' and benchmarks' hand-worked order totals
   * assume no scheme in force.
   */
  tradeProgramme?: boolean;
  /**
   * The CRM, service desk and loyalty demo (seedCrmDemo): accounts, deals, leads, tickets, FAQ, a loyalty program.
   * On for the demo a person opens; off by default, so tests start from an empty CRM and an audit log of the seed.
   */
  crmDemo?: boolean;
  /** Called after each simulated day of the history, so that a long seed can report how far it is. */
  onProgress?: (progress: SeedProgress) => void;
}

/** A preset size: the secondary-sales data, and for the largest the beats per territory it needs. */
export interface DemoSize extends SalesSize {
  routesPerTerritory?: number;
}

/**
 * Sizes of the secondary-sales data. `full` is the demo of the issue: 20,000 outlets on weekly beats with
 * about a quarter to a third of visits ending in a memo, which over six months is about a million order
 * lines. `small` is what the first `npm start` creates on the embedded database, quick enough to wait for.
 * `tiny` is for the test organisations. `huge` is the analytics benchmark's national company: a distributor
 * in every upazila, a beat for every working day of the week (so a rep walks each beat weekly, about 70 outlets
 * a day), 80,000 outlets and a year of history, about ten million order lines.
 */
export const DEMO_SIZES = {
  tiny: { distributors: 3, outlets: 30, skus: 12, historyMonths: 1, orderLines: 250 },
  small: { distributors: 60, outlets: 2000, skus: 150, historyMonths: 2, orderLines: 25_000 },
  full: { distributors: 60, outlets: 20_000, skus: 150, historyMonths: 6, orderLines: 1_000_000 },
  huge: {
    distributors: 192,
    outlets: 80_000,
    skus: 150,
    historyMonths: 12,
    orderLines: 10_000_000,
    routesPerTerritory: 6,
  },
} as const satisfies Record<string, DemoSize>;
export type DemoSizeName = keyof typeof DEMO_SIZES;

export const DEFAULT_DEMO: DemoOptions = {
  seed: "bikri-demo",
  slug: "demo",
  routesPerTerritory: 3,
  extraUsers: 24,
  emailDomain: DEMO_DOMAIN,
  ...DEMO_SIZES.full,
};

export interface DemoSummary {
  orgId: string;
  territories: number;
  users: number;
  /** Ids by role of the fixed demo users, and the territory codes they are scoped to. */
  usersByRole: Record<Role, string>;
  territoryIdByCode: Map<string, string>;
  sales: SalesSummary;
}

/** Seeded ids are stamped at a fixed instant, so they do not change with the day the seed runs. */
const SEED_EPOCH = new Date("2026-01-01T00:00:00Z");

function buildTerritories(orgId: string, rng: Rng, routesPerTerritory: number): NewTerritory[] {
  const rows: NewTerritory[] = [];
  const add = (t: Omit<NewTerritory, "orgId" | "id" | "path">, parentPath: string | null) => {
    const id = rng.uuidv7At(SEED_EPOCH);
    const row = { ...t, orgId, id, path: childPath(parentPath, id) };
    rows.push(row);
    return row;
  };
  // Each territory's beats start on a different weekday, so that every working day has visits somewhere.
  let territoryIndex = 0;
  const nation = add({ parentId: null, level: "national", code: "BD", name: "Bangladesh", nameBn: "বাংলাদেশ" }, null);
  for (const div of DIVISIONS) {
    const region = add(
      { parentId: nation.id, level: "region", code: div.code, name: div.en, nameBn: div.bn },
      nation.path,
    );
    for (const dist of DISTRICTS.filter((d) => d.divisionCode === div.code)) {
      const area = add(
        { parentId: region.id, level: "area", code: dist.code, name: dist.en, nameBn: dist.bn },
        region.path,
      );
      for (const up of dist.upazilas) {
        const terr = add(
          { parentId: area.id, level: "territory", code: up.code, name: up.en, nameBn: up.bn },
          area.path,
        );
        for (let r = 0; r < routesPerTerritory; r++) {
          const day = BEAT_DAYS[(territoryIndex + r) % BEAT_DAYS.length];
          const dayEn = day?.[1] ?? "Route";
          const dayBn = day?.[2] ?? "রুট";
          const n = r + 1;
          add(
            {
              parentId: terr.id,
              level: "route",
              code: `${up.code}-R${n}`,
              name: `${up.en} ${dayEn} beat ${n}`,
              nameBn: `${up.bn} ${dayBn} বিট ${n.toLocaleString("bn-BD")}`,
            },
            terr.path,
          );
        }
        territoryIndex++;
      }
    }
  }
  return rows;
}

/** Where each fixed demo user works. Admin, marketing and service are org-wide. */
const DEMO_SCOPE: Partial<Record<Role, string>> = {
  manager: "DHA", // Dhaka division
  rep: "DHA-GAZ", // Gazipur district's first territory is chosen below
};

export async function seedDemo(db: Db, options: Partial<DemoOptions> = {}): Promise<DemoSummary> {
  const summary = await seedDemoRows(db, options);
  // The history went in by bulk insert, past the orders' use cases: the dashboards' rollups are computed once here.
  await rebuildSalesRollups(db, summary.orgId);
  // Fresh statistics after a bulk load: before autovacuum gets round to it, the planner would take the
  // million-line tables for empty and pick nested loops over whole tables (a 0.2 ms order read took 9 ms).
  if (options.refreshStatistics ?? true) await refreshPlannerStatistics(db);
  // The demand calendar, then the morning's forecast, proposals and stock alerts, as the daily job makes them.
  await seedDemandEvents(db, summary.orgId);
  await runForecasts(db, summary.orgId);
  await generateProposals(db, summary.orgId);
  await refreshAlerts(db, summary.orgId);
  if (options.tradeProgramme ?? false)
    await seedTradeDemo(db, { orgId: summary.orgId, asOf: options.asOf ?? businessDate() });
  if (options.deliveryTrip ?? true)
    await planDemoTrip(db, {
      orgId: summary.orgId,
      driverUserId: summary.usersByRole.driver,
      distributorUserId: summary.usersByRole.distributor,
    });
  if (options.crmDemo ?? false)
    await seedCrmDemo(db, {
      orgId: summary.orgId,
      seed: options.seed ?? DEFAULT_DEMO.seed,
      usersByRole: summary.usersByRole,
      asOf: options.asOf ? new Date(`${options.asOf}T12:00:00+06:00`) : new Date(),
    });
  return summary;
}

async function seedDemoRows(db: Db, options: Partial<DemoOptions>): Promise<DemoSummary> {
  const o = { ...DEFAULT_DEMO, ...options };
  const rng = createRng(o.seed);
  const orgId = rng.fork("org").uuidv7At(SEED_EPOCH);
  const territories = buildTerritories(orgId, rng.fork("territories"), o.routesPerTerritory);
  const byCode = new Map(territories.map((t) => [t.code, t]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return withTransaction(db, async (tx) => {
    await insertOrg(tx, {
      id: orgId,
      slug: o.slug,
      name: "Padma Consumer Products Ltd.",
      nameBn: "পদ্মা কনজিউমার প্রোডাক্টস লিমিটেড",
      defaultLocale: "bn",
    });
    await insertTerritories(tx, territories);

    const userRng = rng.fork("users");
    const usersByRole = {} as Record<Role, string>;
    const territoryFor = (role: Role): string | null => {
      const code = DEMO_SCOPE[role];
      if (!code) return null;
      if (role === "rep")
        return territories.find((t) => t.level === "territory" && t.code.startsWith(`${code}-`))?.id ?? null;
      return byCode.get(code)?.id ?? null;
    };
    let count = 0;
    const seededUsers: SeededUser[] = [];
    const addUser = async (u: {
      email: string;
      name: string;
      role: Role;
      territoryId: string | null;
      locale: Locale;
    }) => {
      const id = userRng.uuidv7At(SEED_EPOCH);
      const inserted = await insertUser(tx, {
        org_id: orgId,
        id,
        email: u.email,
        name: u.name,
        phone: phoneNumber(userRng),
        role: u.role,
        territory_id: u.territoryId,
        locale: u.locale,
        password_hash: passwordHash,
        password_changed_at: new Date(),
      });
      if (!inserted) throw new Error(`${u.email} exists already: give this demo organisation its own --email-domain`);
      count++;
      seededUsers.push({ id, role: u.role, territoryId: u.territoryId });
      return id;
    };
    for (const role of ROLES) {
      const person = personName(userRng);
      usersByRole[role] = await addUser({
        email: `${role}@${o.emailDomain}`,
        name: person.en,
        role,
        territoryId: territoryFor(role),
        // Field roles use the app in Bengali; head office in English, each can switch.
        locale: role === "admin" || role === "marketing" ? "en" : "bn",
      });
    }
    const regions = territories.filter((t) => t.level === "region");
    const fieldTerritories = territories.filter((t) => t.level === "territory");
    for (let i = 0; i < o.extraUsers; i++) {
      const person = personName(userRng);
      const isManager = i % 4 === 0;
      const where = isManager ? regions[(i / 4) % regions.length] : userRng.pick(fieldTerritories);
      const local = person.en.toLowerCase().replace(/[^a-z]+/g, ".");
      await addUser({
        email: `${local}.${i + 1}@${o.emailDomain}`,
        name: person.en,
        role: isManager ? "manager" : "rep",
        territoryId: where?.id ?? null,
        locale: "bn",
      });
    }
    const sales = await seedSales(tx as unknown as Db, {
      orgId,
      rng,
      territories,
      users: seededUsers,
      repUserId: usersByRole.rep,
      distributorUserId: usersByRole.distributor,
      retailerUserId: usersByRole.retailer,
      emailDomain: o.emailDomain,
      passwordHash,
      asOf: o.asOf ?? businessDate(),
      checkReferences: o.checkReferences ?? false,
      size: o,
      onProgress: o.onProgress,
    });
    count += sales.newReps;
    const fleet = await seedDeliveryFleet(tx, {
      orgId,
      rng: rng.fork("delivery"),
      epoch: SEED_EPOCH,
      driverUserId: usersByRole.driver,
      distributorUserId: usersByRole.distributor,
    });
    await recordAudit(tx as Executor, systemCtx(db, orgId), {
      entity: "org",
      entityId: orgId,
      action: "seed_demo",
      after: {
        seed: o.seed,
        asOf: o.asOf ?? null,
        size: {
          distributors: o.distributors,
          outlets: o.outlets,
          skus: o.skus,
          historyMonths: o.historyMonths,
          orderLines: o.orderLines,
        },
        territories: territories.length,
        users: count,
        ...sales,
        ...fleet,
      },
    });
    return {
      orgId,
      territories: territories.length,
      users: count,
      usersByRole,
      territoryIdByCode: new Map(territories.map((t) => [t.code, t.id])),
      sales,
    };
  });
}

/** First start of an empty database: create the demo company so a newcomer can sign in at once. */
export async function seedDemoIfEmpty(db: Db, log: Logger): Promise<DemoSummary | null> {
  if ((await countOrgs(db)) > 0) return null;
  const t0 = Date.now();
  const summary = await seedDemo(db, { ...DEMO_SIZES.small, tradeProgramme: true, crmDemo: true });
  log.info(
    {
      territories: summary.territories,
      users: summary.users,
      outlets: summary.sales.outlets,
      orders: summary.sales.orders,
      orderLines: summary.sales.orderLines,
      ms: Date.now() - t0,
    },
    "demo company created",
  );
  return summary;
}

export async function demoExists(db: Db, slug = DEFAULT_DEMO.slug): Promise<boolean> {
  return (await findOrgBySlug(db, slug)) !== undefined;
}
