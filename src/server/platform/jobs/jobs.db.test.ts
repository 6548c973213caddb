// pg-boss runs on the test database of either engine: on PGlite it shares the one embedded connection
// through our pool adapter, so the embedded mode runs background jobs without any other service.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { type Jobs, startJobs } from "./jobs.ts";

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe("background jobs (pg-boss)", () => {
  let database: TestDatabase;
  let jobs: Jobs | null = null;
  const received: object[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const log = pino({ level: "silent" });
    jobs = await startJobs(database.handle, log, [
      {
        name: "test-record",
        handler: async (data) => {
          received.push(data);
        },
      },
      { name: "test-scheduled", schedule: "17 3 * * *", handler: async () => {} },
      {
        name: "test-fails-once",
        handler: async (data) => {
          errors.push(data);
          throw new Error("handler failure is the job's, not the process's");
        },
      },
    ]);
  }, 60_000);

  afterAll(async () => {
    await jobs?.stop();
    await database?.drop();
  }, 60_000);

  it("runs a sent job's handler with its data", async () => {
    if (!jobs) throw new Error("jobs did not start");
    const data = { orderId: "0194b7e2-0000-7000-8000-000000000001", note: "বিক্রি ✓" };
    const id = await jobs.send("test-record", data);
    expect(id).toEqual(expect.any(String));
    const ran = await waitFor(() => received.length > 0, 20_000);
    expect(ran, `handler did not run within 20 s on ${database.engine}`).toBe(true);
    expect(received).toEqual([data]);
  }, 30_000);

  it("stores the job in the pgboss schema of the same database", async () => {
    const r = await database.handle.executeSql("select name, state from pgboss.job where name = $1", ["test-record"]);
    expect(r.rows).toEqual([expect.objectContaining({ name: "test-record" })]);
  });

  it("a failing handler does not stop the worker, and the failure is recorded", async () => {
    if (!jobs) throw new Error("jobs did not start");
    await jobs.send("test-fails-once", { n: 1 });
    expect(await waitFor(() => errors.length > 0, 20_000)).toBe(true);
    await jobs.send("test-record", { n: 2 });
    expect(await waitFor(() => received.length > 1, 20_000)).toBe(true);
    expect(received[1]).toEqual({ n: 2 });
    const failed = await database.handle.executeSql("select state from pgboss.job where name = $1", [
      "test-fails-once",
    ]);
    expect(failed.rows).toEqual([{ state: expect.stringMatching(/^(retry|failed|active|created)$/) }]);
    expect((failed.rows[0] as { state: string }).state).not.toBe("completed");
  }, 45_000);

  it("registers a scheduled job with its cron in Asia/Dhaka time", async () => {
    const r = await database.handle.executeSql("select name, cron, timezone from pgboss.schedule");
    expect(r.rows).toEqual([{ name: "test-scheduled", cron: "17 3 * * *", timezone: "Asia/Dhaka" }]);
  });

  it("the app's own queries still run while the worker polls", async () => {
    const orgs = await database.handle.db.selectFrom("orgs").select("id").execute();
    expect(orgs).toEqual([]);
  });
});
