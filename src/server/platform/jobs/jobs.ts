// Background jobs and schedules live in PostgreSQL (pg-boss), in both storage modes: no extra broker.
// pg-boss talks through our own handle, so on PGlite it shares the one embedded connection.
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../../db/connection.ts";

export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron in Asia/Dhaka time, for recurring jobs. */
  schedule?: string;
  handler: (data: T) => Promise<void>;
}

export interface Jobs {
  send(name: string, data: object): Promise<string | null>;
  stop(): Promise<void>;
}

export async function startJobs(handle: DatabaseHandle, log: Logger, definitions: JobDefinition[]): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => handle.executeSql(text, values) },
    schema: "pgboss",
    // Embedded mode is one process on one connection: poll gently.
    ...(handle.engine === "pglite" && { monitorStateIntervalSeconds: 60, maintenanceIntervalSeconds: 300 }),
  });
  boss.on("error", (err) => log.error({ err }, "job queue error"));
  await boss.start();
  for (const def of definitions) {
    await boss.createQueue(def.name);
    await boss.work<object>(def.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) {
        log.info({ job: def.name, id: job.id }, "job started");
        await def.handler(job.data as never);
      }
    });
    if (def.schedule) await boss.schedule(def.name, def.schedule, {}, { tz: "Asia/Dhaka" });
  }
  return {
    send: (name, data) => boss.send(name, data),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5_000 }),
  };
}
