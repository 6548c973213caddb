// UUIDv7: time-ordered, so new rows append to the index, and made by whoever creates the record (the
// server, or a phone offline) so a record keeps its identity when it syncs.
import { uuidv7 } from "uuidv7";
import { z } from "zod";

export const newId = (): string => uuidv7();

export const Id = z.uuid();
