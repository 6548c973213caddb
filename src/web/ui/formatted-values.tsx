// Money, numbers and dates on screen, always through src/shared/format.ts in the current UI language.
import { Text, type TextProps } from "@mantine/core";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../../shared/format.ts";
import { useLocale } from "../i18n/i18n.ts";

export function Money({ poisha, ...rest }: TextProps & { poisha: number }) {
  const locale = useLocale();
  return (
    <Text component="span" inherit {...rest} style={{ fontVariantNumeric: "tabular-nums" }}>
      {formatMoney(poisha, locale)}
    </Text>
  );
}

export function NumberText({ value }: { value: number }) {
  const locale = useLocale();
  return <>{formatNumber(value, locale)}</>;
}

export function DateText({ value }: { value: string | Date }) {
  const locale = useLocale();
  return <>{formatDate(value, locale)}</>;
}

/** An instant in Asia/Dhaka time; the full ISO value is in the title for precision. */
export function DateTimeText({ value }: { value: string | Date }) {
  const locale = useLocale();
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {formatDateTime(value, locale)}
    </time>
  );
}
