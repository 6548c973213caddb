import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isLocale } from "../../shared/locale.ts";
import { markLocaleChosenWhileSignedOut, useChangeLanguage, useSession } from "../features/auth/use-session.ts";
import { useLocale } from "../i18n/i18n.ts";

/** বাংলা / English. Each language name is written in itself, so anyone can find their own. */
export function LanguageSwitch({ size = "xs" }: { size?: "xs" | "sm" }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  const { data: session } = useSession();
  // Clicking the language already shown is still a choice: before sign-in it should win over the
  // language saved on the profile (onChange does not fire for the selected option).
  const chose = () => {
    if (!session) markLocaleChosenWhileSignedOut();
  };
  return (
    <SegmentedControl
      size={size}
      value={locale}
      onChange={(v) => isLocale(v) && changeLanguage(v)}
      aria-label={t("language.label")}
      data-testid="lang-switch"
      data={[
        {
          value: "bn",
          label: (
            <span data-testid="lang-bn" lang="bn" onClickCapture={chose}>
              বাংলা
            </span>
          ),
        },
        {
          value: "en",
          label: (
            <span data-testid="lang-en" lang="en" onClickCapture={chose}>
              English
            </span>
          ),
        },
      ]}
    />
  );
}
