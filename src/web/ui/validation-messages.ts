// Zod issues from the shared contracts, in the UI language. A contract message written as
// "English|বাংলা" carries both languages; other issues are worded here by their code.
import type { TFunction } from "i18next";
import type { z } from "zod";
import type { Formatters } from "./use-format.ts";

/** What wording an issue needs: the language, and numbers in the user's digits (from useFormat()). */
type IssueFormat = Pick<Formatters, "locale" | "number">;

export function issueMessage(issue: z.core.$ZodIssue, t: TFunction, fmt: IssueFormat): string {
  if (issue.message.includes("|")) {
    const [en = "", bn = ""] = issue.message.split("|");
    return fmt.locale === "bn" ? bn : en;
  }
  const i = issue as unknown as {
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    format?: string;
  };
  switch (issue.code) {
    case "too_small":
      if (i.origin === "string" && Number(i.minimum) <= 1) return t("validation.required");
      if (i.origin === "string") return t("validation.minLength", { min: fmt.number(Number(i.minimum)) });
      return t("validation.min", { min: fmt.number(Number(i.minimum)) });
    case "too_big":
      if (i.origin === "string") return t("validation.maxLength", { max: fmt.number(Number(i.maximum)) });
      return t("validation.max", { max: fmt.number(Number(i.maximum)) });
    case "invalid_format":
      return i.format === "email" ? t("validation.email") : t("validation.format");
    case "invalid_type":
      return t("validation.required");
    default:
      return t("validation.invalid");
  }
}

/** Field errors keyed by the first path segment, first issue per field wins. */
export function fieldErrors(error: z.ZodError, t: TFunction, fmt: IssueFormat): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    out[key] ??= issueMessage(issue, t, fmt);
  }
  return out;
}
