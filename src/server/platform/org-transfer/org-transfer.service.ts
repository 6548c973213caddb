// `bikri export --org <slug> --out <dir>` and `bikri import --from <dir>`: one organisation, every record,
// out of one database and into another (moving a tenant to its own server, a copy for support, an archive).
// The export is a folder: manifest.json, and per table <table>.jsonl (the exact rows, restorable) and
// <table>.csv (the same for a spreadsheet). The import runs in one transaction into a database at the same
// schema version where the org does not exist yet: all of it or nothing.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Db, Executor } from "../../db/transaction.ts";
import { withTransaction } from "../../db/transaction.ts";
import { csvLine } from "../csv.ts";
import * as repo from "./org-transfer.repository.ts";

const FORMAT = "bikri-org-export";
const VERSION = 1;
const PAGE = 5000;
const INSERT_BATCH = 2000;

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  exportedAt: string;
  org: { id: string; slug: string };
  /** The schema the rows fit: the importing database must be at exactly these migrations. */
  migrations: string[];
  /** Rows per table, in an order that satisfies the foreign keys. */
  tables: { name: string; rows: number }[];
  lastOrderNumber: number | null;
}

export class TransferError extends Error {}

/** Tables ordered so that every table comes after the tables it references (self-references aside). */
export function insertOrder(tables: repo.TenantTable[]): repo.TenantTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: repo.TenantTable[] = [];
  const visit = (t: repo.TenantTable, path: string[]) => {
    if (done.has(t.name)) return;
    if (path.includes(t.name)) throw new TransferError(`foreign keys form a cycle: ${[...path, t.name].join(" -> ")}`);
    for (const ref of t.references) {
      const r = byName.get(ref);
      if (r && r.name !== t.name) visit(r, [...path, t.name]);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, []);
  return out;
}

/** Writes with back-pressure: waits for the stream to drain when its buffer is full. */
const write = (stream: NodeJS.WritableStream, text: string) =>
  new Promise<void>((resolve, reject) => {
    if (stream.write(text)) return resolve();
    const onError = (e: Error) => {
      stream.off("drain", onDrain);
      reject(e);
    };
    const onDrain = () => {
      stream.off("error", onError);
      resolve();
    };
    stream.once("drain", onDrain);
    stream.once("error", onError);
  });
const finish = (stream: NodeJS.WritableStream) => new Promise<void>((resolve) => stream.end(resolve));

export async function exportOrg(db: Db, slug: string, dir: string): Promise<Manifest> {
  const org = await repo.findOrg(db, slug);
  if (!org) throw new TransferError(`no organisation with the slug "${slug}"`);
  mkdirSync(dir, { recursive: true });
  // One snapshot for the whole export: rows written meanwhile are either all in or all out.
  return withTransaction(db, async (tx) => {
    const tables = insertOrder(await repo.tenantTables(tx));
    writeFileSync(path.join(dir, "orgs.jsonl"), `${org.json}\n`);
    const counts: Manifest["tables"] = [];
    for (const table of tables) {
      const jsonl = createWriteStream(path.join(dir, `${table.name}.jsonl`));
      const csv = createWriteStream(path.join(dir, `${table.name}.csv`));
      await write(csv, `\uFEFF${csvLine(table.columns)}\r\n`);
      let rows = 0;
      let after: string[] | null = null;
      for (;;) {
        const page = await repo.pageOfRows(tx, table, org.id, after, PAGE);
        for (const r of page) {
          await write(jsonl, `${r.json}\n`);
          await write(csv, `${csvLine(r.cells)}\r\n`);
        }
        rows += page.length;
        if (page.length < PAGE) break;
        after = page[page.length - 1]?.key ?? null;
      }
      await finish(jsonl);
      await finish(csv);
      counts.push({ name: table.name, rows });
    }
    const manifest: Manifest = {
      format: FORMAT,
      version: VERSION,
      exportedAt: new Date().toISOString(),
      org: { id: org.id, slug: org.slug },
      migrations: await repo.appliedMigrations(tx),
      tables: counts,
      lastOrderNumber: await repo.lastOrderNumber(tx, org.id),
    };
    writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  });
}

function readManifest(dir: string): Manifest {
  const file = path.join(dir, "manifest.json");
  if (!existsSync(file)) throw new TransferError(`${dir} holds no manifest.json: not a Bikri export`);
  const m = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  if (m.format !== FORMAT || m.version !== VERSION)
    throw new TransferError(`${dir} is not a Bikri export of version ${VERSION}`);
  return m;
}

/** Rows of a .jsonl file in batches, as JSON array texts (values never pass through JS numbers). */
async function* batches(file: string, size: number): AsyncGenerator<{ json: string; rows: number }> {
  let lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line.trim()) continue;
    lines.push(line);
    if (lines.length >= size) {
      yield { json: `[${lines.join(",")}]`, rows: lines.length };
      lines = [];
    }
  }
  if (lines.length) yield { json: `[${lines.join(",")}]`, rows: lines.length };
}

export async function importOrg(db: Db, dir: string): Promise<Manifest> {
  const m = readManifest(dir);
  return withTransaction(db, async (tx) => {
    const here = await repo.appliedMigrations(tx);
    if (here.join() !== m.migrations.join())
      throw new TransferError(
        "this database is at another schema version than the export; migrate both to the same version first",
      );
    if (await repo.orgExists(tx, m.org.id, m.org.slug))
      throw new TransferError(`the organisation "${m.org.slug}" already exists in this database`);
    await repo.insertOrgRow(tx, readFileSync(path.join(dir, "orgs.jsonl"), "utf8").trim());
    const tables = new Map((await repo.tenantTables(tx)).map((t) => [t.name, t]));
    for (const { name, rows } of m.tables) {
      const table = tables.get(name);
      if (!table) throw new TransferError(`the export has a table this database lacks: ${name}`);
      // A table that references itself goes in one statement: foreign keys are checked at its end.
      const size = table.references.includes(name) ? Number.POSITIVE_INFINITY : INSERT_BATCH;
      let inserted = 0;
      for await (const b of batches(path.join(dir, `${name}.jsonl`), size))
        inserted += await repo.insertRows(tx, table, b.json);
      if (inserted !== rows)
        throw new TransferError(`${name}: the manifest says ${rows} rows, the file has ${inserted}`);
    }
    if (m.lastOrderNumber !== null) await repo.setLastOrderNumber(tx as Executor, m.org.id, m.lastOrderNumber);
    return m;
  });
}
