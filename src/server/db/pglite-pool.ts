// PGlite is one connection in one process. This adapter gives it the shape of a `pg` pool so that
// Kysely's PostgresDialect (and pg-boss) run on it unchanged. A mutex hands the single connection to one
// borrower at a time: a transaction holds it from BEGIN to COMMIT, so statements never interleave.
import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";

type Command = PostgresQueryResult<unknown>["command"];

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => {
      release = r;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

const DML = new Set(["UPDATE", "DELETE", "INSERT", "MERGE"]);

/**
 * The statement's command, which Kysely needs to report affected rows. Skips comments, and for a WITH
 * query finds the first top-level verb after the CTEs (parentheses and quotes tracked), since the
 * CTEs themselves may select.
 */
export function commandOf(sql: string): Command {
  let depth = 0;
  let sawWith = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      i = end < 0 ? sql.length : end;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && c && /[a-z]/i.test(c) && (i === 0 || !/\w/.test(sql[i - 1] ?? ""))) {
      const word = /^\w+/.exec(sql.slice(i))?.[0].toUpperCase() ?? "";
      if (word === "WITH" && !sawWith) sawWith = true;
      else if (DML.has(word)) return word as Command;
      else if (word === "SELECT" || word === "VALUES" || word === "TABLE") return "SELECT";
      else if (!sawWith) return "SELECT";
      i += word.length - 1;
    }
  }
  return "SELECT";
}

export class PGlitePool implements PostgresPool {
  readonly #db: PGlite;
  readonly #mutex = new Mutex();

  constructor(db: PGlite) {
    this.#db = db;
  }

  async connect(): Promise<PostgresPoolClient> {
    const release = await this.#mutex.acquire();
    const db = this.#db;
    let released = false;
    return {
      // biome-ignore lint/suspicious/noExplicitAny: the pool interface is overloaded for cursors we do not use
      query: (async (sql: string, parameters: readonly unknown[]) => runQuery(db, sql, parameters)) as any,
      release: () => {
        if (!released) {
          released = true;
          release();
        }
      },
    };
  }

  /** One statement (or script) outside any transaction, for callers such as pg-boss. */
  async query(sql: string, parameters: readonly unknown[] = []) {
    const client = await this.connect();
    try {
      return await client.query(sql, parameters);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    const release = await this.#mutex.acquire();
    try {
      if (!this.#db.closed) await this.#db.close();
    } finally {
      release();
    }
  }
}

async function runQuery(db: PGlite, sql: string, parameters: readonly unknown[]) {
  if (parameters.length === 0) {
    // The simple protocol accepts several statements (migrations, pg-boss's schema); answer with the last.
    const results = await db.exec(sql);
    const last = results[results.length - 1];
    return { command: commandOf(sql), rowCount: last?.affectedRows ?? last?.rows.length ?? 0, rows: last?.rows ?? [] };
  }
  const result = await db.query(sql, parameters as unknown[]);
  return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
}
