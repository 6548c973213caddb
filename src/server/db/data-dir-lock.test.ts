import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.ts";

describe("the embedded data directory lock", () => {
  it("keeps a second owner out while the first holds it, and lets it in after release", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bikri-lock-"));
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "bikri.lock"), "utf8")).toBe(String(process.pid));
    // Another live process owns it: pretend by writing our parent's pid, which is alive.
    writeFileSync(path.join(dir, "bikri.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    const again = lockDataDir(dir);
    again();
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bikri-lock-"));
    const child = spawn(process.execPath, ["-e", "0"]);
    const pid = child.pid;
    await new Promise((r) => child.on("exit", r));
    writeFileSync(path.join(dir, "bikri.lock"), String(pid));
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "bikri.lock"), "utf8")).toBe(String(process.pid));
    release();
  });
});
