// `bikri` — operations from the shell: migrate, seed, check. Reads configuration like the server does.
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/connection.ts";
import { listMigrations, migrate } from "../server/db/migrate.ts";
import { DEFAULT_DEMO, DEMO_PASSWORD, demoExists, seedDemo } from "../server/demo/demo-seed.ts";
import { AppError, localizedMessage } from "../server/platform/errors.ts";
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
  org create [options]    create an organisation with its first administrator
      --slug <slug>                 short name: lowercase letters, digits, dashes
      --name <name>                 legal name
      --name-bn <name>              name in Bengali (optional)
      --locale <bn|en>              default language (default bn)
      --admin-email <email>         the first administrator's email
      --admin-name <name>           their name
      --admin-password <password>   optional; without it an invitation link is printed
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
