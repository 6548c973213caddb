import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMe, useUpdateMe } from "../features/auth/use-session.ts";

/**
 * Bengali digits (১২৩) or English digits (123) in Bengali text, saved on the profile. Each option shows
 * its own digits, whatever the current choice, so the difference is visible before choosing.
 * Compact (for the user menu) shows only the digits, with the full wording as a tooltip.
 */
export function DigitsSwitch({ size = "xs", compact = false }: { size?: "xs" | "sm"; compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const update = useUpdateMe();
  // Show the choice at once; the session (and with it every number on screen) follows when saved.
  const pending = update.isPending ? update.variables?.bengaliDigits : undefined;
  const bengali = pending ?? me.bengaliDigits;
  const option = (value: "bn" | "latn", full: string, digits: string) => ({
    value,
    label: (
      <span data-testid={`digits-${value}`} title={compact ? full : undefined}>
        {compact ? digits : full}
      </span>
    ),
  });
  return (
    <SegmentedControl
      size={size}
      fullWidth={compact}
      value={bengali ? "bn" : "latn"}
      onChange={(v) => update.mutate({ bengaliDigits: v === "bn" })}
      aria-label={t("digits.label")}
      data-testid="digits-switch"
      data={[option("bn", t("digits.bengali"), "১২৩"), option("latn", t("digits.latin"), "123")]}
    />
  );
}
