// Filters over the contact and account lists (and saved segments): `{ all: [{ field, op, value }] }`. This file checks
// a filter against the fields an entity has (built-in ones and the org's custom fields) and normalises each value
// for its type, without I/O; crm-filters.repository.ts turns the checked plan into SQL. Anything not understood is
// refused here (400), so that only known columns and typed values reach the database.
import type { CrmFilter, CustomFieldResponse, FilterOp } from "../../shared/contracts/crm.ts";
import { isUuid } from "../../shared/ids.ts";
import { FilterErrors } from "./crm-filters.errors.ts";
import { isIsoDate } from "./custom-fields-values.ts";

export type FilterFieldType = "text" | "number" | "date" | "choice" | "ref";

export interface FilterField {
  /** As written in a filter: "territory", "custom.region". */
  name: string;
  type: FilterFieldType;
  /** A built-in column of the list's table, or a key of its `custom` object. */
  source: { column: string } | { customKey: string };
  /** The allowed values of a choice field (null: any text). */
  options: readonly string[] | null;
  /** A territory reference matches the territory's whole subtree. */
  subtree?: boolean;
}

export type FilterScalar = string | number;
export type PlannedValue = FilterScalar | FilterScalar[] | boolean;

export interface PlannedCondition {
  field: FilterField;
  op: FilterOp;
  value: PlannedValue;
}

export const OPS_BY_TYPE: Record<FilterFieldType, readonly FilterOp[]> = {
  text: ["eq", "neq", "contains", "in", "is_empty"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "in", "is_empty"],
  date: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_empty"],
  choice: ["eq", "neq", "in", "is_empty"],
  ref: ["eq", "neq", "in", "is_empty"],
};

const col = (column: string) => ({ column });
const ref = (name: string, column: string, subtree = false): FilterField => ({
  name,
  type: "ref",
  source: col(column),
  options: null,
  subtree,
});

export const CONTACT_FIELDS: readonly FilterField[] = [
  { name: "name", type: "text", source: col("name"), options: null },
  { name: "email", type: "text", source: col("email_lower"), options: null },
  { name: "phone", type: "text", source: col("phone_e164"), options: null },
  { name: "source", type: "text", source: col("source"), options: null },
  { name: "locale", type: "choice", source: col("locale"), options: ["bn", "en"] },
  { name: "created_at", type: "date", source: col("created_at"), options: null },
  ref("territory", "territory_id", true),
  ref("owner", "owner_user_id"),
  ref("account", "account_id"),
];

export const ACCOUNT_FIELDS: readonly FilterField[] = [
  { name: "name", type: "text", source: col("name"), options: null },
  { name: "industry", type: "text", source: col("industry"), options: null },
  { name: "kind", type: "choice", source: col("kind"), options: ["company", "outlet", "distributor"] },
  { name: "created_at", type: "date", source: col("created_at"), options: null },
  ref("territory", "territory_id", true),
  ref("owner", "owner_user_id"),
];

/** The fields a filter over an entity may name: its built-ins, then custom.<key> for each custom field. */
export function filterFields(entity: "contact" | "account", custom: readonly CustomFieldResponse[]): FilterField[] {
  return [
    ...(entity === "contact" ? CONTACT_FIELDS : ACCOUNT_FIELDS),
    ...custom.map(
      (f): FilterField => ({
        name: `custom.${f.key}`,
        type: f.type,
        source: { customKey: f.key },
        options: f.type === "choice" ? f.options.map((o) => o.key) : null,
      }),
    ),
  ];
}

/** One value for a field of this type, normalised; undefined when it does not fit. */
function scalarFor(field: FilterField, v: unknown): FilterScalar | undefined {
  switch (field.type) {
    case "text":
      return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
    case "number": {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      return typeof n === "number" && Number.isFinite(n) ? n : undefined;
    }
    case "date":
      return typeof v === "string" && isIsoDate(v) ? v : undefined;
    case "choice":
      return typeof v === "string" && (field.options === null || field.options.includes(v)) ? v : undefined;
    case "ref":
      return typeof v === "string" && isUuid(v) ? v : undefined;
  }
}

function valueFor(field: FilterField, op: FilterOp, raw: unknown): PlannedValue | undefined {
  if (op === "is_empty") {
    if (raw === undefined || raw === null) return true;
    return typeof raw === "boolean" ? raw : undefined;
  }
  if (op === "between") {
    if (!Array.isArray(raw) || raw.length !== 2) return undefined;
    const [a, b] = [scalarFor(field, raw[0]), scalarFor(field, raw[1])];
    return a === undefined || b === undefined ? undefined : [a, b];
  }
  if (op === "in") {
    if (!Array.isArray(raw) || raw.length === 0) return undefined;
    const out = raw.map((v) => scalarFor(field, v));
    return out.every((v) => v !== undefined) ? (out as FilterScalar[]) : undefined;
  }
  if (op === "contains") {
    const s = scalarFor(field, raw);
    return typeof s === "string" && s.trim() !== "" ? s.trim() : undefined;
  }
  return Array.isArray(raw) ? undefined : scalarFor(field, raw);
}

/** The checked conditions of a filter (all must hold); 400 naming the first field that is wrong. */
export function planFilter(filter: CrmFilter, fields: readonly FilterField[]): PlannedCondition[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return filter.all.map((c) => {
    const field = byName.get(c.field);
    if (!field) throw FilterErrors.unknownField({ field: c.field });
    if (!OPS_BY_TYPE[field.type].includes(c.op)) throw FilterErrors.badOperator({ field: c.field, op: c.op });
    const value = valueFor(field, c.op, c.value);
    if (value === undefined) throw FilterErrors.badValue({ field: c.field, op: c.op });
    return { field, op: c.op, value };
  });
}
