// UUIDv7: time-ordered, so new rows append to the index, and made by whoever creates the record (the
// server, or a phone offline) so a record keeps its identity when it syncs.
import { uuidv7 } from "uuidv7";

export const newId = (): string => uuidv7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Strict UUID shape: anything else must never reach a uuid column, where it would be a database error. */
export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);
