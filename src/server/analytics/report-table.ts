import type { Locale } from "../../shared/locale.ts";
export type ReportCellKind = "text" | "integer" | "money" | "basis_points" | "date" | "decimal";
export interface ReportColumn {
  key: string;
  label: string;
  kind: ReportCellKind;
}
/** A table as a person reads it, already in one language: the same object feeds the screen's export, CSV, XLSX and email. */
export interface ReportTable {
  title: string; // e.g. "Secondary sales by area, 1–24 Nov 2026"
  subtitle: string | null; // the filters applied, human-readable
  locale: Locale;
  columns: ReportColumn[];
  rows: Array<Record<string, string | number | null>>; // money in integer poisha, basis points as integers
  totals: Record<string, string | number | null> | null; // a totals row, or null
}
