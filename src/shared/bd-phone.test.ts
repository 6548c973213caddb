import { describe, expect, it } from "vitest";
import { BdPhone, formatBdPhone, isBdPhone, normalizeBdPhone } from "./bd-phone.ts";

describe("normalizeBdPhone", () => {
  it.each([
    ["01712345678", "+8801712345678"],
    ["+8801712345678", "+8801712345678"],
    ["8801712345678", "+8801712345678"],
    ["01712-345678", "+8801712345678"],
    ["+880 1712 345 678", "+8801712345678"],
    ["  017 1234 5678 ", "+8801712345678"],
    ["০১৭১২৩৪৫৬৭৮", "+8801712345678"],
    ["+৮৮০ ১৯১২-৩৪৫৬৭৮", "+8801912345678"],
    ["01312345678", "+8801312345678"],
    ["(017) 12345678", "+8801712345678"],
    ["008801712345678", "+8801712345678"],
    ["(+880) 1712-345678", "+8801712345678"],
    ["017.1234.5678", "+8801712345678"],
    ["01612345678", "+8801612345678"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeBdPhone(input)).toBe(expected);
  });

  it.each([
    "01212345678", // 012 is not an operator prefix
    "01112345678",
    "0171234567", // one digit short
    "017123456789", // one digit long
    "1712345678", // no 0 / 880 in front
    "+911712345678",
    "0008801712345678", // too many zeros
    "+008801712345678",
    "02-9123456", // a Dhaka landline
    "abc",
    "",
  ])("refuses %s", (input) => {
    expect(normalizeBdPhone(input)).toBeNull();
    expect(isBdPhone(input)).toBe(false);
  });

  it("BdPhone parses to the normal form and refuses with a message in both languages", () => {
    expect(BdPhone.parse("01812-345678")).toBe("+8801812345678");
    const bad = BdPhone.safeParse("12345");
    expect(bad.success).toBe(false);
    const message = bad.error?.issues[0]?.message ?? "";
    expect(message).toMatch(/^Not a Bangladesh mobile number.*\|.*[\u0980-\u09FF]/);
  });
});

describe("formatBdPhone", () => {
  it("writes the national form with a dash after the operator code", () => {
    expect(formatBdPhone("+8801712345678")).toBe("01712-345678");
    expect(formatBdPhone("01912345678")).toBe("01912-345678");
  });
  it("leaves anything that is not a Bangladesh mobile number as it is", () => {
    expect(formatBdPhone("+44 20 7946 0958")).toBe("+44 20 7946 0958");
  });
});
