// What the CRM screens show and send, without React: a custom value as text, the operators a filter row offers for
// a field, and a filter row's typed value read from what was typed (a list from "a, b", a range from two inputs).
import type { CrmFilter, CustomFieldResponse, FilterCondition, FilterOp } from "../../../shared/contracts/crm.ts";
import type { Locale } from "../../../shared/locale.ts";
import type { Formatters } from "../../ui/use-format.ts";

export type FilterFieldType = "text" | "number" | "date" | "choice" | "ref";

/** Mirrors the server's OPS_BY_TYPE (crm-filters.ts): the operators each type of field takes. */
export const OPS_BY_TYPE: Record<FilterFieldType, readonly FilterOp[]> = {
  text: ["eq", "neq", "contains", "in", "is_empty"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "in", "is_empty"],
  date: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_empty"],
  choice: ["eq", "neq", "in", "is_empty"],
  ref: ["eq", "neq", "in", "is_empty"],
};

export interface FilterFieldOption {
  /** As sent: "name", "custom.region". */
  name: string;
  type: FilterFieldType;
  /** Built-in fields are labelled by i18n key; custom ones by their own labels. */
  labelKey?: string;
  label?: { en: string; bn: string };
  options?: { key: string; label: { en: string; bn: string } }[];
}

const BUILTIN: Record<"contact" | "account", FilterFieldOption[]> = {
  contact: [
    { name: "name", type: "text" },
    { name: "email", type: "text" },
    { name: "phone", type: "text" },
    { name: "source", type: "text" },
    {
      name: "locale",
      type: "choice",
      options: [
        { key: "bn", label: { en: "Bengali", bn: "বাংলা" } },
        { key: "en", label: { en: "English", bn: "ইংরেজি" } },
      ],
    },
    { name: "created_at", type: "date" },
    { name: "territory", type: "ref" },
    { name: "owner", type: "ref" },
    { name: "account", type: "ref" },
  ],
  account: [
    { name: "name", type: "text" },
    { name: "industry", type: "text" },
    {
      name: "kind",
      type: "choice",
      options: [
        { key: "company", label: { en: "Company", bn: "কোম্পানি" } },
        { key: "outlet", label: { en: "Outlet", bn: "আউটলেট" } },
        { key: "distributor", label: { en: "Distributor", bn: "ডিস্ট্রিবিউটর" } },
      ],
    },
    { name: "created_at", type: "date" },
    { name: "territory", type: "ref" },
    { name: "owner", type: "ref" },
  ],
};

/** The fields a filter over contacts or accounts offers: built-ins, then the org's active custom fields. */
export function filterFieldOptions(
  entity: "contact" | "account",
  custom: readonly CustomFieldResponse[],
): FilterFieldOption[] {
  return [
    ...BUILTIN[entity].map((f) => ({ ...f, labelKey: `crm.filters.builtin.${f.name}` })),
    ...custom
      .filter((f) => f.archivedAt === null)
      .map((f) => ({
        name: `custom.${f.key}`,
        type: f.type,
        label: { en: f.labelEn, bn: f.labelBn },
        options: f.options.map((o) => ({ key: o.key, label: { en: o.labelEn, bn: o.labelBn } })),
      })),
  ];
}

/** A filter row's value from the typed text: numbers for number fields, lists split on commas, ranges of two. */
export function conditionValue(
  type: FilterFieldType,
  op: FilterOp,
  text: string,
  textTo = "",
): FilterCondition["value"] {
  if (op === "is_empty") return true;
  const one = (s: string) => {
    const v = s.trim();
    return type === "number" && v !== "" && Number.isFinite(Number(v)) ? Number(v) : v;
  };
  if (op === "between") return [one(text), one(textTo)];
  if (op === "in")
    return text
      .split(/[,،]/)
      .map(one)
      .filter((v) => v !== "");
  return one(text);
}

/** Whether a filter row has what it needs to be sent. */
export function conditionComplete(c: FilterCondition): boolean {
  const v = c.value;
  if (c.op === "is_empty") return true;
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => x !== "");
  return v !== undefined && v !== null && v !== "";
}

/** The filter as sent: only complete rows. */
export const filterToSend = (rows: readonly FilterCondition[]): CrmFilter => ({ all: rows.filter(conditionComplete) });

/** A custom value as the user reads it: a choice by its label, a number and a date in the user's digits. */
export function customValueText(
  field: Pick<CustomFieldResponse, "type" | "options">,
  value: unknown,
  fmt: Pick<Formatters, "locale" | "number" | "date">,
): string {
  if (value === null || value === undefined || value === "") return "—";
  switch (field.type) {
    case "number":
      return typeof value === "number" ? fmt.number(value) : String(value);
    case "date":
      return typeof value === "string" ? fmt.date(value) : String(value);
    case "choice": {
      const o = field.options.find((x) => x.key === value);
      return o ? (fmt.locale === "bn" ? o.labelBn : o.labelEn) : String(value);
    }
    default:
      return String(value);
  }
}

export const localLabel = (l: { en: string; bn: string }, locale: Locale) => (locale === "bn" ? l.bn : l.en);

/** Custom values as a form edits them (strings), and back as sent: numbers as numbers, blanks as null (clear). */
export function customFormValues(
  fields: readonly CustomFieldResponse[],
  custom: Record<string, unknown>,
): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, custom[f.key] === undefined ? "" : String(custom[f.key])]));
}

export function customValuesToSend(
  fields: readonly CustomFieldResponse[],
  values: Record<string, string>,
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of fields) {
    if (f.archivedAt !== null) continue;
    const raw = (values[f.key] ?? "").trim();
    out[f.key] = raw === "" ? null : f.type === "number" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

/** The custom fields a 422 (crm.custom_values_invalid) names, to mark them in the form; the alert says why. */
export function problemKeys(error: unknown): Record<string, string> {
  const details = (error as { details?: { problems?: { key: string; code: string }[] } } | null)?.details;
  return Object.fromEntries((details?.problems ?? []).map((p) => [p.key, " "]));
}
