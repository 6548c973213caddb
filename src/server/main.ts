// Start: parse config, open the database, run migrations, seed the demo company into an empty database,
// start jobs, listen. Stops cleanly on SIGINT/SIGTERM.
import pino from "pino";
import { analyticsJobs } from "./analytics/analytics-jobs.ts";
import { type SalesRollupWorker, startSalesRollupWorker } from "./analytics/sales-rollup-worker.ts";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { crmJobs } from "./crm/crm-jobs.ts";
import { openDatabase } from "./db/connection.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { migrate } from "./db/migrate.ts";
import { seedDemoIfEmpty } from "./demo/demo-seed.ts";
import { loyaltyJobs } from "./loyalty/loyalty-jobs.ts";
import { networkJobs } from "./network/network-jobs.ts";
import { type Jobs, startJobs } from "./platform/jobs/jobs.ts";
import { createMailer } from "./platform/mail/mailer.ts";
import { platformJobs } from "./platform/platform-jobs.ts";
import { runShutdown } from "./platform/shutdown.ts";
import { replenishmentJobs } from "./replenishment/replenishment-jobs.ts";
import { serviceJobs } from "./service/service-jobs.ts";
import { startWebhookDispatcher, type WebhookDispatcher } from "./webhooks/webhook-dispatcher.ts";
import { webhookJobs } from "./webhooks/webhook-jobs.ts";

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = pino({ level: config.log.level });
  const t0 = Date.now();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config.database);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const applied = await migrate(database);
  log.info(
    {
      engine: database.engine,
      applied: applied.length,
      ...(config.database.kind === "pglite" && { dataDir: config.database.dataDir }),
    },
    "database ready",
  );
  const seeded = config.seedDemo === "auto" ? await seedDemoIfEmpty(database.db, log) : null;

  // One SMTP transport for the process: scheduled reports, warning digests (the routes' "send now" too).
  const mailer = createMailer(config.mail);
  let jobs: Jobs | null = null;
  let webhooks: WebhookDispatcher | null = null;
  let rollups: SalesRollupWorker | null = null;
  if (config.jobs.enabled) {
    jobs = await startJobs(database, log, [
      ...platformJobs(database.db, log),
      ...networkJobs(database.db, log),
      ...webhookJobs(database.db, log),
      ...analyticsJobs(database.db, log, mailer),
      ...replenishmentJobs(database.db, log, mailer),
      // Survey links in emails point at the address people reach this server at (PUBLIC_URL).
      ...loyaltyJobs(database.db, log, mailer, config.http.publicUrl),
      ...serviceJobs(database.db, log),
      ...crmJobs(database.db, log),
    ]);
    webhooks = startWebhookDispatcher(database.db, log, { ...config.webhooks, secretKey: config.auth.secretKey });
    rollups = startSalesRollupWorker(database.db, log);
  }

  const app = await buildApp({ config, database, logger: log, mailer });
  try {
    await app.listen({ port: config.http.port, host: config.http.host });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      console.error(`Port ${config.http.port} is already in use. Start Bikri on another one, e.g. PORT=3001 npm start`);
      process.exit(2);
    }
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.http.port;
  const url = `http://localhost:${port}`;
  log.info({ ms: Date.now() - t0 }, "started");
  console.log(
    [
      "",
      `  Bikri is running at ${url}`,
      `  API docs: ${url}/api/docs`,
      `  Database: ${database.engine === "pglite" ? `embedded (PGlite) in ${config.database.kind === "pglite" ? config.database.dataDir : ""}` : "PostgreSQL"}`,
      seeded ? "  Demo company created." : "",
      "  Demo sign-in (demo data only): admin@demo.bikri.app / bikri-demo",
      "  (also manager@, rep@, distributor@, retailer@, marketing@, service@demo.bikri.app)",
      "",
    ]
      .filter((l) => l !== "")
      .join("\n"),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    // Work still in flight may fail once its connections close; the process is leaving anyway, so say what
    // happened instead of dying on it with a different exit code.
    process.on("unhandledRejection", (err) => log.warn({ err }, "unfinished work failed during shutdown"));
    const failed = await runShutdown(
      [
        { name: "http", run: () => app.close() },
        { name: "webhooks", run: () => webhooks?.stop() },
        { name: "rollups", run: () => rollups?.stop() },
        { name: "jobs", run: () => jobs?.stop() },
        { name: "mail", run: () => mailer.close() },
        { name: "database", run: () => database.close() },
      ],
      log,
    );
    // Exit 1 only when a step itself failed: the supervisor should hear that this stop was not clean.
    log.info({ failed }, failed.length === 0 ? "stopped" : "stopped with failures");
    process.exit(failed.length === 0 ? 0 : 1);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
