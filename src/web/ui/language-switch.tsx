import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isLocale } from "../../shared/locale.ts";
import { useChangeLanguage } from "../features/auth/use-session.ts";
import { useLocale } from "../i18n/i18n.ts";

/** বাংলা / English. Each language name is written in itself, so anyone can find their own. */
export function LanguageSwitch({ size = "xs" }: { size?: "xs" | "sm" }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  return (
    <SegmentedControl
      size={size}
      value={locale}
      onChange={(v) => isLocale(v) && changeLanguage(v)}
      aria-label={t("language.label")}
      data-testid="lang-switch"
      data={[
        { value: "bn", label: <span data-testid="lang-bn" lang="bn">বাংলা</span> },
        { value: "en", label: <span data-testid="lang-en" lang="en">English</span> },
      ]}
    />
  );
}
