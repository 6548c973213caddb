import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { BdPhone } from "../../shared/bd-phone.ts";
import { NewPassword } from "../../shared/contracts/auth.ts";
import { formattersFor } from "./use-format.ts";
import { issueMessage } from "./validation-messages.ts";

// A stand-in for i18next's t that shows which key and values were asked for.
const t = ((key: string, opts?: Record<string, unknown>) =>
  `${key}${opts ? JSON.stringify(opts) : ""}`) as unknown as TFunction;

describe("issueMessage", () => {
  it("picks the right half of a bilingual contract message", () => {
    const issue = BdPhone.safeParse("12345").error?.issues[0];
    if (!issue) throw new Error("expected an issue");
    expect(issueMessage(issue, t, formattersFor("bn", true))).toBe("বাংলাদেশি মোবাইল নম্বর নয় (০১XXXXXXXXX)");
    expect(issueMessage(issue, t, formattersFor("en", true))).toBe("Not a Bangladesh mobile number (01XXXXXXXXX)");
  });

  it("words a too-short password with the minimum in the user's digits", () => {
    const issue = NewPassword.safeParse("short").error?.issues[0];
    if (!issue) throw new Error("expected an issue");
    expect(issueMessage(issue, t, formattersFor("bn", true))).toBe('validation.minLength{"min":"১০"}');
    expect(issueMessage(issue, t, formattersFor("bn", false))).toBe('validation.minLength{"min":"10"}');
    expect(issueMessage(issue, t, formattersFor("en", true))).toBe('validation.minLength{"min":"10"}');
  });
});
