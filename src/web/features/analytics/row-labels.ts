// A dashboard row's name in the UI language: rows carry the name in both scripts where the subject has both.
import type { Locale } from "../../../shared/locale.ts";

export const rowLabel = (row: { label: string; labelBn: string | null }, locale: Locale): string =>
  locale === "bn" && row.labelBn ? row.labelBn : row.label;
