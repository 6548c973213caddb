// What a user's data scope covers, in words: "Dhaka Division and everything under it" rather than a
// bare kind, so people see which part of the company their lists and reports are limited to.
import type { TFunction } from "i18next";
import type { MeResponse } from "../../../shared/contracts/auth.ts";
import type { Locale } from "../../../shared/locale.ts";
import { territoryName } from "../territories/use-territories.ts";

/** The organisation's name in the UI language, falling back to its English name. */
export function orgName(me: Pick<MeResponse, "orgName" | "orgNameBn">, locale: Locale): string {
  return locale === "bn" && me.orgNameBn ? me.orgNameBn : me.orgName;
}

export function scopeLabel(scope: MeResponse["scope"], t: TFunction, locale: Locale): string {
  switch (scope.kind) {
    case "territory": {
      const name = territoryName({ name: scope.territoryName, nameBn: scope.territoryNameBn }, locale);
      return name ? t("scope.territory", { territory: name }) : t("scope.territoryUnnamed");
    }
    case "org":
    case "distributor":
    case "outlet":
    case "none":
      return t(`scope.${scope.kind}`);
  }
}
