// Before `npm start`: build the web app when dist/web is missing or older than its sources, so a fresh
// clone serves pages without a separate build step and a rebuilt tree never serves a stale app.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const built = path.join(root, "dist/web/index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ["src/web", "src/shared"].map((d) => path.join(root, d)).filter(existsSync);
const stale =
  !existsSync(built) ||
  Math.max(...sources.map(newestMtime), statSync(path.join(root, "vite.config.ts")).mtimeMs) > statSync(built).mtimeMs;

if (stale) {
  console.log("Building the web app (first start or changed sources)…");
  execSync("npx vite build --logLevel warn", { cwd: root, stdio: "inherit" });
}
