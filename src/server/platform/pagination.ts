// Opaque cursors for keyset pagination: the sort key values of the last row, base64url-encoded JSON.
import { isUuid } from "../../shared/ids.ts";
import { defineErrors } from "./errors.ts";

export const PaginationErrors = defineErrors({
  badCursor: {
    code: "request.bad_cursor",
    status: 400,
    en: "The page cursor is not valid; start again from the first page.",
    bn: "পাতার কার্সর সঠিক নয়; প্রথম পাতা থেকে আবার শুরু করুন।",
  },
});

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === "string" || typeof v === "number")) return parsed;
  } catch {
    // fall through to the error below
  }
  throw PaginationErrors.badCursor();
}

/** A cursor that holds one record id (lists sorted by id, newest first). */
export function decodeIdCursor(cursor: string): string {
  const [id, ...rest] = decodeCursor(cursor);
  if (!isUuid(id) || rest.length) throw PaginationErrors.badCursor();
  return id;
}

/**
 * A cursor that holds a text sort key and the record id (lists sorted by name or code, then id), as the object a
 * repository's keyset condition takes: `decodeSortCursor(q.cursor, "name")` is `{ name, id }`.
 */
export function decodeSortCursor<K extends string>(
  cursor: string | undefined,
  key: K,
): ({ [k in K]: string } & { id: string }) | undefined {
  if (!cursor) return undefined;
  const [value, id, ...rest] = decodeCursor(cursor);
  if (typeof value !== "string" || !isUuid(id) || rest.length) throw PaginationErrors.badCursor();
  return { [key]: value, id } as { [k in K]: string } & { id: string };
}
