// What schemes did to a saved memo line (the orders contract's line `adjustments` and `freeOfSchemeId`), for the
// order detail and the printed memo: every scheme's label and amount, and whether the line is free goods.
import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { useFormat } from "../../ui/use-format.ts";

export interface SavedAdjustment {
  kind: "discount" | "free_goods";
  schemeId: string;
  code?: string;
  label: { en: string; bn: string };
  poisha: number;
}

/** The scheme fields of a memo line; absent on lines priced before promotions existed. */
export function lineSchemes(line: object): { adjustments: SavedAdjustment[]; freeOfSchemeId: string | null } {
  const l = line as { adjustments?: SavedAdjustment[] | null; freeOfSchemeId?: string | null };
  return { adjustments: l.adjustments ?? [], freeOfSchemeId: l.freeOfSchemeId ?? null };
}

/** One text per adjustment, e.g. "MEMO5: 5 % off −৳24.71"; a free line's own adjustment reads "Free: SOAP12: 1 free". */
export function adjustmentTexts(
  line: object,
  locale: Locale,
  money: (poisha: number) => string,
  freeOf: (label: string) => string,
): string[] {
  const { adjustments, freeOfSchemeId } = lineSchemes(line);
  return adjustments
    .filter((a) => a.poisha > 0)
    .map((a) =>
      a.kind === "free_goods" && freeOfSchemeId ? freeOf(a.label[locale]) : `${a.label[locale]} −${money(a.poisha)}`,
    );
}

export function LineSchemeBadges({ line }: { line: object }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const texts = adjustmentTexts(line, locale, fmt.money, (label) => t("promotions.memo.freeOf", { label }));
  if (texts.length === 0) return null;
  const free = lineSchemes(line).freeOfSchemeId !== null;
  return (
    <Group gap={4} mt={2}>
      {texts.map((text) => (
        <Badge
          key={text}
          size="sm"
          variant="light"
          color="grape"
          tt="none"
          data-testid={free ? "detail-free" : "detail-scheme"}
        >
          {text}
        </Badge>
      ))}
    </Group>
  );
}
