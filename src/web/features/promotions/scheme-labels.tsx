// How a scheme reads to a person: its status badge and a one-line summary of its rule ("buy 12 get 1 SHMP-200
// free, each time"; "from ৳1,000: 5 % off"). Quantities and money are shown in the user's locale and digits.
import { Badge } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale.ts";
import type { SchemeBenefit, SchemeRule } from "../../../shared/pricing/scheme-types.ts";
import { formattersFor } from "../../ui/use-format.ts";

export type SchemeStatus = "draft" | "active" | "paused" | "ended";

const STATUS_COLORS: Record<SchemeStatus, string> = { draft: "gray", active: "teal", paused: "yellow", ended: "dark" };

export function SchemeStatusBadge({ status }: { status: SchemeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      // A status is one word: never cut to "Acti…" in a narrow column.
      styles={{ root: { overflow: "visible", flexShrink: 0 }, label: { overflow: "visible" } }}
      data-testid="scheme-status"
    >
      {t(`promotions.status.${status}`)}
    </Badge>
  );
}

/** A SKU's code for a summary; the id itself when it is not known here. */
export type SkuCodeOf = (skuId: string) => string;

export function benefitText(b: SchemeBenefit, t: TFunction, locale: Locale, codeOf: SkuCodeOf = (id) => id): string {
  const fmt = formattersFor(locale, locale === "bn");
  if (b.type === "percent") return t("promotions.benefit.percent", { value: fmt.number(b.bp / 100) });
  if (b.type === "flat") return t("promotions.benefit.flat", { amount: fmt.money(b.poisha) });
  return t("promotions.benefit.free", { qty: fmt.number(b.qty), sku: codeOf(b.skuId) });
}

export function ruleSummary(rule: SchemeRule, t: TFunction, locale: Locale, codeOf: SkuCodeOf = (id) => id): string {
  const fmt = formattersFor(locale, locale === "bn");
  if (rule.kind === "bundle") {
    const parts = rule.components.map((c) => `${fmt.number(c.qty)} × ${codeOf(c.skuId)}`).join(" + ");
    return t("promotions.summary.bundle", { parts, benefit: benefitText(rule.benefit, t, locale, codeOf) });
  }
  const threshold = (min: number) =>
    rule.measure === "value" ? fmt.money(min) : t("promotions.summary.units", { qty: fmt.number(min) });
  const slabs = rule.slabs
    .map((s) =>
      t("promotions.summary.slab", { min: threshold(s.min), benefit: benefitText(s.benefit, t, locale, codeOf) }),
    )
    .join("; ");
  const scope =
    rule.skuIds.length === 0 ? t("promotions.summary.memo") : rule.skuIds.map((id) => codeOf(id)).join(", ");
  return `${scope}: ${slabs}${rule.mode === "repeating" ? ` ${t("promotions.summary.repeating")}` : ""}`;
}
