// Checking a record's custom values against the org's field definitions, without I/O. A value is kept in the form
// the filters compare: text and choice keys as trimmed strings, numbers as JSON numbers, dates as YYYY-MM-DD (which
// sort as text). A write names only the fields it changes; required fields are checked on the merged result.

export interface FieldDefinition {
  key: string;
  type: "text" | "number" | "date" | "choice";
  required: boolean;
  options: readonly { key: string }[];
  archived: boolean;
}

export type ValueProblemCode =
  | "unknown_field"
  | "archived_field"
  | "required"
  | "not_text"
  | "too_long"
  | "not_number"
  | "not_date"
  | "not_option";

export interface ValueProblem {
  key: string;
  code: ValueProblemCode;
}

export const TEXT_MAX = 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (no 2026-02-30, no year 0). */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** One value for one field: the stored form, or the problem. */
export function checkValue(
  def: FieldDefinition,
  value: unknown,
): { ok: true; value: string | number } | { ok: false; code: ValueProblemCode } {
  switch (def.type) {
    case "text": {
      if (typeof value !== "string") return { ok: false, code: "not_text" };
      const s = value.trim();
      return s.length > TEXT_MAX ? { ok: false, code: "too_long" } : { ok: true, value: s };
    }
    case "number": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value;
      return typeof n === "number" && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, code: "not_number" };
    }
    case "date":
      return typeof value === "string" && isIsoDate(value.trim())
        ? { ok: true, value: value.trim() }
        : { ok: false, code: "not_date" };
    case "choice":
      return typeof value === "string" && def.options.some((o) => o.key === value)
        ? { ok: true, value }
        : { ok: false, code: "not_option" };
  }
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * The record's custom values after a write: `current` (what is stored) with `changes` applied. Blank values clear a
 * field. Values stored for fields archived since stay as they are; a write may not set an archived or unknown field.
 */
export function applyCustomValues(
  defs: readonly FieldDefinition[],
  current: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>>,
): { values: Record<string, string | number>; problems: ValueProblem[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(current)) if (typeof v === "string" || typeof v === "number") values[k] = v;
  const problems: ValueProblem[] = [];
  for (const [key, raw] of Object.entries(changes)) {
    const def = byKey.get(key);
    if (!def) {
      problems.push({ key, code: "unknown_field" });
      continue;
    }
    if (def.archived) {
      if (!isBlank(raw)) problems.push({ key, code: "archived_field" });
      continue;
    }
    if (isBlank(raw)) {
      delete values[key];
      continue;
    }
    const checked = checkValue(def, raw);
    if (checked.ok) values[key] = checked.value;
    else problems.push({ key, code: checked.code });
  }
  for (const def of defs)
    if (def.required && !def.archived && !(def.key in values) && !problems.some((p) => p.key === def.key))
      problems.push({ key: def.key, code: "required" });
  return { values, problems };
}
