// `bikri` — operations from the shell: migrate, seed, check (configuration, database and the data's
// invariants). Reads configuration like the server does.
import { parseArgs } from "node:util";
import { z } from "zod";
import { rebuildSalesRollups, refreshRollupStatistics } from "../server/analytics/sales-rollups.service.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/connection.ts";
import { listMigrations, migrate } from "../server/db/migrate.ts";
import type { Db } from "../server/db/transaction.ts";
import { DEFAULT_DEMO, DEMO_PASSWORD, DEMO_SIZES, demoExists, seedDemo } from "../server/demo/demo-seed.ts";
import { AppError, localizedMessage } from "../server/platform/errors.ts";
import { CHECKS, checkIntegrity, orgsToCheck } from "../server/platform/integrity/integrity.service.ts";
import { exportOrg, importOrg } from "../server/platform/org-transfer/org-transfer.service.ts";
import { createOrganisation } from "../server/platform/orgs/orgs.service.ts";
import { Email, NewPassword } from "../shared/contracts/auth.ts";

const NewOrgArgs = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lowercase letters, digits and dashes, 2-63 long"),
  name: z.string().trim().min(1).max(200),
  "name-bn": z.string().trim().min(1).max(200).optional(),
  locale: z.enum(["bn", "en"]).default("bn"),
  "admin-email": Email,
  "admin-name": z.string().trim().min(1).max(120),
  "admin-password": NewPassword.optional(),
});

const HELP = `bikri <command>

  migrate                 apply pending database migrations
  seed demo [options]     create the demo company (skipped when it exists)
      --seed <text>                 random seed (default ${DEFAULT_DEMO.seed})
      --slug <slug>                 organisation slug (default ${DEFAULT_DEMO.slug})
      --email-domain <domain>       domain of the demo users' emails (default ${DEFAULT_DEMO.emailDomain})
      --routes-per-territory <n>    beats under each territory (default ${DEFAULT_DEMO.routesPerTerritory})
      --extra-users <n>             managers and reps beyond one per role (default ${DEFAULT_DEMO.extraUsers})
      --size <tiny|small|full|huge> preset of the sales data below (default full; small is the first start's)
      --distributors <n>            distributors (default ${DEFAULT_DEMO.distributors})
      --outlets <n>                 outlets on the beats (default ${DEFAULT_DEMO.outlets})
      --skus <n>                    SKUs of the 150 in the catalogue (default ${DEFAULT_DEMO.skus})
      --history-months <n>          months of order and stock history (default ${DEFAULT_DEMO.historyMonths})
      --order-lines <n>             about this many historical order lines (default ${DEFAULT_DEMO.orderLines})
      --as-of <YYYY-MM-DD>          the demo's "today", where history ends (default today in Dhaka)
  org create [options]    create an organisation with its first administrator
      --slug <slug>                 short name: lowercase letters, digits, dashes
      --name <name>                 legal name
      --name-bn <name>              name in Bengali (optional)
      --locale <bn|en>              default language (default bn)
      --admin-email <email>         the first administrator's email
      --admin-name <name>           their name
      --admin-password <password>   optional; without it an invitation link is printed
  check [--org <slug>]    validate configuration, reach the database (applying pending migrations), then check
                          the data's invariants: ledgers against their balances, reservations against open
                          orders, dues against invoices, payments and returns, references within each
                          organisation, document numbering. Prints one line per check; exit code 1 when any
                          check finds a problem (see docs/operations.md, "Checking the data")
      --org <slug>                  check only this organisation
  analytics rebuild [--org <slug>]   recompute the dashboards' sales rollups from the orders (all organisations,
                          or one); safe while the app runs: changes made meanwhile are kept for the worker
  export --org <slug> --out <dir>   write every record of one organisation: manifest.json, and per table
                          <table>.jsonl (exact, restorable) and <table>.csv
  import --from <dir>     restore an export into this database (same schema version, organisation not
                          present yet), in one transaction: all of it or nothing

Storage: PostgreSQL when DATABASE_URL is set, else the embedded database in BIKRI_DATA_DIR (./data).`;

async function run(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    if (command === "migrate") {
      const applied = await migrate(database);
      console.log(
        applied.length ? `applied: ${applied.join(", ")}` : `up to date (${listMigrations().length} migrations)`,
      );
      return 0;
    }
    if (command === "check") {
      const { values } = parseArgs({ args: argv.slice(1), options: { org: { type: "string" } } });
      await migrate(database);
      console.log(`configuration ok; database ${database.engine} reachable`);
      return await checkData(database.db, values.org);
    }
    if (command === "seed" && sub === "demo") {
      const { values } = parseArgs({
        args: rest,
        options: {
          seed: { type: "string" },
          slug: { type: "string" },
          "email-domain": { type: "string" },
          "routes-per-territory": { type: "string" },
          "extra-users": { type: "string" },
          size: { type: "string" },
          distributors: { type: "string" },
          outlets: { type: "string" },
          skus: { type: "string" },
          "history-months": { type: "string" },
          "order-lines": { type: "string" },
          "as-of": { type: "string" },
        },
      });
      const sizeName = values.size ?? "full";
      if (!(sizeName in DEMO_SIZES)) throw new Error(`--size must be one of ${Object.keys(DEMO_SIZES).join(", ")}`);
      const preset = DEMO_SIZES[sizeName as keyof typeof DEMO_SIZES];
      if (values["as-of"] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values["as-of"])) {
        throw new Error("--as-of must be a date YYYY-MM-DD");
      }
      await migrate(database);
      const slug = values.slug ?? DEFAULT_DEMO.slug;
      if (await demoExists(database.db, slug)) {
        console.log(`The demo company "${slug}" already exists; nothing to do.`);
        return 0;
      }
      const count = (v: string | undefined, d: number, name: string, max = 10_000) => {
        const n = v === undefined ? d : Number(v);
        if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be a whole number 0-${max}`);
        return n;
      };
      const t0 = Date.now();
      const summary = await seedDemo(database.db, {
        seed: values.seed ?? DEFAULT_DEMO.seed,
        slug,
        emailDomain: values["email-domain"] ?? DEFAULT_DEMO.emailDomain,
        routesPerTerritory: count(
          values["routes-per-territory"],
          "routesPerTerritory" in preset ? preset.routesPerTerritory : DEFAULT_DEMO.routesPerTerritory,
          "routes-per-territory",
        ),
        extraUsers: count(values["extra-users"], DEFAULT_DEMO.extraUsers, "extra-users"),
        distributors: count(values.distributors, preset.distributors, "distributors", 1000),
        outlets: count(values.outlets, preset.outlets, "outlets", 2_000_000),
        skus: count(values.skus, preset.skus, "skus", 150),
        historyMonths: count(values["history-months"], preset.historyMonths, "history-months", 36),
        orderLines: count(values["order-lines"], preset.orderLines, "order-lines", 100_000_000),
        ...(values["as-of"] !== undefined && { asOf: values["as-of"] }),
        tradeProgramme: true,
        crmDemo: true,
      });
      const s = summary.sales;
      console.log(
        `Demo company created in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${summary.territories} territories, ` +
          `${summary.users} users, ${s.distributors} distributors, ${s.outlets} outlets, ${s.skus} SKUs, ` +
          `${s.orders} orders with ${s.orderLines} lines, ${s.stockMovements} stock movements, ${s.payments} payments.\n` +
          `Sign in as <role>@${values["email-domain"] ?? DEFAULT_DEMO.emailDomain} with password "${DEMO_PASSWORD}" (demo data only).`,
      );
      return 0;
    }
    if (command === "analytics" && sub === "rebuild") {
      await migrate(database);
      const { values } = parseArgs({ args: rest, options: { org: { type: "string" } } });
      const orgs = await orgsToCheck(database.db, values.org);
      if (values.org && orgs.length === 0) {
        console.error(`No organisation with the slug ${values.org}.`);
        return 2;
      }
      for (const org of orgs) {
        const r = await rebuildSalesRollups(database.db, org.id);
        console.log(
          `rebuilt ${org.slug}: ${r.rows.salesDaily} product-day rows, ${r.rows.outletDaily} outlet-day rows, ` +
            `${r.rows.territoryDaily} territory-day rows (${(r.ms / 1000).toFixed(1)} s)`,
        );
      }
      await refreshRollupStatistics(database.db);
      return 0;
    }
    if (command === "export") {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: { org: { type: "string" }, out: { type: "string" } },
      });
      if (!values.org || !values.out) {
        console.error("Usage: bikri export --org <slug> --out <dir>");
        return 2;
      }
      const t0 = Date.now();
      const m = await exportOrg(database.db, values.org, values.out);
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `exported ${values.org}: ${rows} rows in ${m.tables.length} tables to ${values.out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
      return 0;
    }
    if (command === "import") {
      const { values } = parseArgs({ args: argv.slice(1), options: { from: { type: "string" } } });
      if (!values.from) {
        console.error("Usage: bikri import --from <dir>");
        return 2;
      }
      await migrate(database);
      const t0 = Date.now();
      const m = await importOrg(database.db, values.from);
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `imported ${m.org.slug}: ${rows} rows (${((Date.now() - t0) / 1000).toFixed(1)} s); run \`bikri check --org ${m.org.slug}\` next`,
      );
      return 0;
    }
    if (command === "org" && sub === "create") {
      const { values } = parseArgs({
        args: rest,
        options: {
          slug: { type: "string" },
          name: { type: "string" },
          "name-bn": { type: "string" },
          locale: { type: "string" },
          "admin-email": { type: "string" },
          "admin-name": { type: "string" },
          "admin-password": { type: "string" },
        },
      });
      const input = NewOrgArgs.safeParse(values);
      if (!input.success) {
        console.error(input.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
        return 2;
      }
      const a = input.data;
      await migrate(database);
      const created = await createOrganisation(database.db, {
        slug: a.slug,
        name: a.name,
        nameBn: a["name-bn"],
        defaultLocale: a.locale,
        admin: { email: a["admin-email"], name: a["admin-name"], password: a["admin-password"] },
      });
      console.log(`Organisation "${a.slug}" created (${created.orgId}).`);
      console.log(
        created.invitePath
          ? `The administrator sets a password at <your Bikri address>${created.invitePath} (valid 7 days).`
          : `The administrator can sign in as ${a["admin-email"]}.`,
      );
      return 0;
    }
    console.error(`unknown command: ${argv.join(" ")}\n\n${HELP}`);
    return 2;
  } finally {
    await database.close();
  }
}

/** Runs the invariant checks and prints one line per check, with a few examples of each problem found. */
async function checkData(db: Db, orgSlug: string | undefined): Promise<number> {
  const orgs = await orgsToCheck(db, orgSlug);
  if (orgSlug !== undefined && orgs.length === 0) {
    console.error(`There is no organisation "${orgSlug}".`);
    return 2;
  }
  const t0 = Date.now();
  const only = orgSlug !== undefined ? orgs[0]?.id : undefined;
  const findings = await checkIntegrity(db, only !== undefined ? { orgId: only } : {});
  const slugs = new Map(orgs.map((o) => [o.id, o.slug]));
  console.log(
    `checked ${orgs.length} organisation${orgs.length === 1 ? "" : "s"} (${orgs.map((o) => o.slug).join(", ")})`,
  );
  const width = Math.max(...CHECKS.map((c) => c.name.length));
  let failed = 0;
  let problems = 0;
  for (const check of CHECKS) {
    const found = findings.filter((f) => f.check === check.name);
    const count = found.reduce((s, f) => s + (f.count ?? 1), 0);
    if (count === 0) {
      console.log(`  ok      ${check.name.padEnd(width)}  ${check.about}`);
      continue;
    }
    failed++;
    problems += count;
    console.log(`  FAILED  ${check.name.padEnd(width)}  ${count} problem${count === 1 ? "" : "s"}: ${check.about}`);
    for (const f of found)
      console.log(`          ${" ".repeat(width)}  [${slugs.get(f.orgId) ?? f.orgId}] ${f.detail}`);
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    failed === 0
      ? `all ${CHECKS.length} checks passed (${seconds} s)`
      : `${failed} of ${CHECKS.length} checks failed with ${problems} problem${problems === 1 ? "" : "s"} (${seconds} s)`,
  );
  return failed === 0 ? 0 : 1;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Our own errors carry a code; say it in English, the operator's language here.
    console.error(
      err instanceof AppError
        ? localizedMessage(err.code, "en", err.details)
        : err instanceof Error
          ? err.message
          : err,
    );
    process.exit(1);
  },
);
