// Services open transactions through here, so that they never build SQL themselves.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./database.ts";

export type Db = Kysely<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

export function withTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
