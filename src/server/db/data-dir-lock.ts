// PGlite is a database inside this process: two processes on one data directory would corrupt it. A
// lock file with the owner's pid keeps a second server (or a CLI command) out while the first runs, and
// is taken over when its owner is gone.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "bikri.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner))
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop that Bikri first, or use another BIKRI_DATA_DIR.`,
        );
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}
