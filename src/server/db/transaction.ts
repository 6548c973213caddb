// Services open transactions through here, so that they never build SQL themselves.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./database.ts";

export type Db = Kysely<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

type BeforeCommit = (tx: Transaction<Database>) => Promise<void>;
const beforeCommitHooks = new WeakMap<Db, BeforeCommit>();

/**
 * Runs `work` in a transaction and commits it. A transaction that fails as a serialization failure (40001) is run
 * again from the start, a few times: the database raises it when a concurrent transaction took what this one counted
 * on (the last of a scheme's budget, charged at commit), and a fresh run reads the new state and decides again.
 * `work` must therefore keep its effects inside the transaction, which every use case does.
 */
export async function withTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  // Already in a transaction: the use case joins it and commits or rolls back with it. A field-app command runs
  // another module's use case (place an order) in the same transaction as the record that it was applied.
  if (db.isTransaction) return work(db as Transaction<Database>);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(db, attempt > 1 ? retrying(work) : work);
    } catch (e) {
      if (attempt >= SERIALIZATION_ATTEMPTS || !isSerializationFailure(e)) throw e;
    }
  }
}

export const SERIALIZATION_ATTEMPTS = 8;

/** Transactions run again after a serialization failure: they read nothing from a process's caches. */
const reruns = new WeakSet<object>();
const retrying =
  <T>(work: (tx: Transaction<Database>) => Promise<T>) =>
  (tx: Transaction<Database>) => {
    reruns.add(tx);
    return work(tx);
  };

/**
 * Whether this is a transaction run again because a concurrent one took what it counted on: a cache that may lag
 * (the schemes in force and their budgets) must be read afresh, or it would decide the same way and fail again.
 */
export const isRerun = (db: Executor): boolean => reruns.has(db);

export function isSerializationFailure(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "40001";
}

function runOnce<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
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
