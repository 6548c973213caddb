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

function commandOf(sql: string): Command {
  const verb = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  return (["UPDATE", "DELETE", "INSERT", "MERGE"].includes(verb ?? "") ? verb : "SELECT") as Command;
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
