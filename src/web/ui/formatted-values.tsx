// Money, numbers and dates on screen, always through useFormat(): the UI language and the user's digits.
import { Text, type TextProps } from "@mantine/core";
import { useFormat } from "./use-format.ts";

export function Money({ poisha, ...rest }: TextProps & { poisha: number }) {
  const fmt = useFormat();
  return (
    <Text component="span" inherit {...rest} style={{ fontVariantNumeric: "tabular-nums" }}>
      {fmt.money(poisha)}
    </Text>
  );
}

export function NumberText({ value }: { value: number }) {
  return <>{useFormat().number(value)}</>;
}

export function DateText({ value }: { value: string | Date }) {
  return <>{useFormat().date(value)}</>;
}

/** An instant in Asia/Dhaka time; the full ISO value is in the title for precision. */
/** The clock time of an instant (Dhaka), with the full instant on hover: for a day's events. */
export function TimeText({ value }: { value: string | Date }) {
  const fmt = useFormat();
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} title={fmt.dateTime(value)}>
      {fmt.time(value)}
    </time>
  );
}

export function DateTimeText({ value }: { value: string | Date }) {
  const fmt = useFormat();
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {fmt.dateTime(value)}
    </time>
  );
}
