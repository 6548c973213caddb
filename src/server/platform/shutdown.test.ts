import { describe, expect, it } from "vitest";
import { runShutdown } from "./shutdown.ts";

describe("runShutdown", () => {
  it("runs every step in order, even after one fails, and names the failures", async () => {
    const ran: string[] = [];
    const logged: { step: string; message: string }[] = [];
    const log = {
      error: (obj: { step: string; err: Error }) => logged.push({ step: obj.step, message: obj.err.message }),
    };
    const failed = await runShutdown(
      [
        { name: "http", run: () => void ran.push("http") },
        {
          name: "jobs",
          run: async () => {
            ran.push("jobs");
            throw new Error("queue did not drain");
          },
        },
        { name: "database", run: async () => void ran.push("database") },
      ],
      log as never,
    );
    expect(ran).toEqual(["http", "jobs", "database"]);
    expect(failed).toEqual(["jobs"]);
    expect(logged).toEqual([{ step: "jobs", message: "queue did not drain" }]);
  });

  it("a clean stop reports no failures", async () => {
    expect(await runShutdown([{ name: "http", run: () => {} }], { error: () => {} } as never)).toEqual([]);
  });
});
