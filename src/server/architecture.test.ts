// The layering rules of docs/architecture.md, checked on the source: who may import Kysely and Fastify,
// that the web never imports the server, and that only config.ts reads the environment.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const imports = (file: string, pkg: string) =>
  new RegExp(`from "${pkg}"`).test(readFileSync(path.join(ROOT, file), "utf8"));

const server = sources("server").filter((f) => !f.startsWith("server/testing/"));

describe("architecture rules", () => {
  it("only repositories and db/ import Kysely", () => {
    // The scan must see the code it judges, or every rule below would pass on nothing.
    expect(server.length).toBeGreaterThan(30);
    expect(server.filter((f) => imports(f, "kysely")).length).toBeGreaterThan(5);
    const offenders = server.filter(
      (f) => imports(f, "kysely") && !f.endsWith(".repository.ts") && !f.startsWith("server/db/"),
    );
    expect(offenders).toEqual([]);
  });

  it("only routes, platform/, app.ts and the session cookies import Fastify", () => {
    const allowed = (f: string) =>
      f.endsWith(".routes.ts") ||
      f.startsWith("server/platform/") ||
      f === "server/app.ts" ||
      f === "server/users/session-cookies.ts";
    expect(server.filter((f) => imports(f, "fastify") && !allowed(f))).toEqual([]);
  });

  it("services never mention HTTP status codes or reply objects", () => {
    const offenders = server.filter((f) => {
      if (!f.endsWith(".service.ts")) return false;
      const text = readFileSync(path.join(ROOT, f), "utf8");
      return /\breply\.|statusCode|\.code\(\d{3}\)/.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it("the web app never imports server code", () => {
    const offenders = sources("web").filter((f) =>
      /from "(\.\.\/)+server\//.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("only config.ts reads process.env", () => {
    const offenders = [...server, ...sources("cli")].filter(
      (f) => f !== "server/config.ts" && /process\.env\b/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
