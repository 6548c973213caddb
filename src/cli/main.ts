// `bikri` — operations from the shell: migrate, seed, check. Reads configuration like the server does.
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/connection.ts";
import { listMigrations, migrate } from "../server/db/migrate.ts";
import { DEFAULT_DEMO, DEMO_PASSWORD, demoExists, seedDemo } from "../server/demo/demo-seed.ts";

const HELP = `bikri <command>

  migrate                 apply pending database migrations
  seed demo [options]     create the demo company (skipped when it exists)
      --seed <text>                 random seed (default ${DEFAULT_DEMO.seed})
      --slug <slug>                 organisation slug (default ${DEFAULT_DEMO.slug})
      --email-domain <domain>       domain of the demo users' emails (default ${DEFAULT_DEMO.emailDomain})
      --routes-per-territory <n>    beats under each territory (default ${DEFAULT_DEMO.routesPerTerritory})
      --extra-users <n>             managers and reps beyond one per role (default ${DEFAULT_DEMO.extraUsers})
  check                   validate configuration and reach the database

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
      await migrate(database);
      console.log(`configuration ok; database ${database.engine} reachable`);
      return 0;
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
        },
      });
      await migrate(database);
      const slug = values.slug ?? DEFAULT_DEMO.slug;
      if (await demoExists(database.db, slug)) {
        console.log(`The demo company "${slug}" already exists; nothing to do.`);
        return 0;
      }
      const count = (v: string | undefined, d: number, name: string) => {
        const n = v === undefined ? d : Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 10_000) throw new Error(`--${name} must be a whole number 0-10000`);
        return n;
      };
      const summary = await seedDemo(database.db, {
        seed: values.seed ?? DEFAULT_DEMO.seed,
        slug,
        emailDomain: values["email-domain"] ?? DEFAULT_DEMO.emailDomain,
        routesPerTerritory: count(
          values["routes-per-territory"],
          DEFAULT_DEMO.routesPerTerritory,
          "routes-per-territory",
        ),
        extraUsers: count(values["extra-users"], DEFAULT_DEMO.extraUsers, "extra-users"),
      });
      console.log(
        `Demo company created: ${summary.territories} territories, ${summary.users} users.\n` +
          `Sign in as <role>@${values["email-domain"] ?? DEFAULT_DEMO.emailDomain} with password "${DEMO_PASSWORD}" (demo data only).`,
      );
      return 0;
    }
    console.error(`unknown command: ${argv.join(" ")}\n\n${HELP}`);
    return 2;
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
