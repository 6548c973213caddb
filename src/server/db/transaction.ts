// Services open transactions through here, so that they never build SQL themselves.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./database.ts";

export type Db = Kysely<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

type BeforeCommit = (tx: Transaction<Database>) => Promise<void>;
const beforeCommitHooks = new WeakMap<Db, BeforeCommit>();

export function withTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  // Already in a transaction: the use case joins it and commits or rolls back with it. A field-app command runs
  // another module's use case (place an order) in the same transaction as the record that it was applied.
  if (db.isTransaction) return work(db as Transaction<Database>);
  const hook = beforeCommitHooks.get(db);
  if (!hook) return db.transaction().execute(work);
  return db.transaction().execute(async (tx) => {
    const result = await work(tx);
    await hook(tx);
    return result;
  });
}

/**
 * The same database, but every transaction opened through it with withTransaction runs `hook` as its last
 * statement before commit (the Idempotency-Key fence uses it). Everything else passes straight through.
 */
export function withBeforeCommit(db: Db, hook: BeforeCommit): Db {
  const fenced = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  beforeCommitHooks.set(fenced, hook);
  return fenced;
}
