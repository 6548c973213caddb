import { describe, expect, it } from "vitest";
import {
  newRecoveryCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeHash,
} from "./recovery-codes.ts";

describe("recovery codes", () => {
  it("come ten at a time, all different, as xxxxx-xxxxx in Crockford's base32", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it("are read back however they are typed: case, spaces, dashes, and i/l/o for 1/1/0", () => {
    const code = newRecoveryCode();
    const canonical = code.replace("-", "");
    expect(normalizeRecoveryCode(code)).toBe(canonical);
    expect(normalizeRecoveryCode(` ${code.toUpperCase()} `)).toBe(canonical);
    expect(normalizeRecoveryCode(canonical.replace(/(.{5})/, "$1 "))).toBe(canonical);
    expect(normalizeRecoveryCode("O1IL0-abcde")).toBe("01110abcde");
  });

  it("refuses what cannot be a code", () => {
    for (const bad of ["", "abcd", "abcde-abcdef", "abcde-abcdu", "১২৩৪৫-৬৭৮৯০", "abcde_abcde"])
      expect(normalizeRecoveryCode(bad), bad).toBeNull();
  });

  it("hash differently for two users, so one user's code says nothing about another's", () => {
    const a = recoveryCodeHash("00000000-0000-7000-8000-000000000001", "abcdeabcde");
    const b = recoveryCodeHash("00000000-0000-7000-8000-000000000002", "abcdeabcde");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});
