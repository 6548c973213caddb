// The audit page names every action and record type in the reader's language. The codes are written by
// the server's recordAudit calls; this reads them out of the server's source, so a new module's codes
// cannot reach the audit page without their Bengali and English labels.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRIMARY_ACTIONS } from "../../../shared/contracts/inventory.ts";
import { SECONDARY_ACTIONS } from "../../../shared/contracts/orders.ts";
import { bn, en } from "../../i18n/resources.ts";

function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return serverSources(p);
    return e.name.endsWith(".ts") && !e.name.includes(".test.") ? [p] : [];
  });
}

/** String literals on `entity:` and `action:` lines of files that record audit entries. */
function codesInSource() {
  const entities = new Set<string>();
  const actions = new Set<string>([...SECONDARY_ACTIONS, ...PRIMARY_ACTIONS]);
  for (const file of serverSources(path.resolve("src/server"))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("recordAudit(")) continue;
    for (const line of text.split("\n")) {
      if (line.includes("Errors.")) continue;
      // Each `entity: …` or `action: …` up to the next comma or brace: a literal, or a ternary of literals (the
      // literals it yields, not those it compares with: `status === "fulfilled" ? "fulfil" : "cancel"`).
      for (const m of line.matchAll(/\b(entity|action):\s*([^,}]*)/g))
        for (const lit of (m[2] ?? "").matchAll(/(?<![=!]==\s*)"([a-z][a-z_]*)"(?!\s*[=!]==)/g))
          (m[1] === "entity" ? entities : actions).add(lit[1] ?? "");
    }
  }
  return { entities, actions };
}

describe("audit labels", () => {
  const { entities, actions } = codesInSource();

  it("finds the codes the server writes (so the check below is not empty by mistake)", () => {
    expect([...entities]).toEqual(expect.arrayContaining(["user", "outlet", "secondary_order", "webhook_endpoint"]));
    expect([...actions]).toEqual(expect.arrayContaining(["create", "confirm", "deliver", "approve", "rotate_secret"]));
  });

  it.each(["en", "bn"] as const)("has a %s label for every record type and action", (lang) => {
    const audit = (lang === "en" ? en : bn).audit as {
      entities: Record<string, string>;
      actions: Record<string, string>;
    };
    expect([...entities].filter((c) => !audit.entities[c])).toEqual([]);
    expect([...actions].filter((c) => !audit.actions[c])).toEqual([]);
  });
});
