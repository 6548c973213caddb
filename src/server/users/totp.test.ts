import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  hotp,
  newTotpSecret,
  otpauthUri,
  TOTP_DEFAULTS,
  type TotpAlgorithm,
  totp,
  totpStep,
  verifyTotp,
} from "./totp.ts";

const ascii = (s: string) => Buffer.from(s, "ascii");

describe("base32 (RFC 4648 section 10 test vectors)", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "MY======"],
    ["fo", "MZXQ===="],
    ["foo", "MZXW6==="],
    ["foob", "MZXW6YQ="],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI======"],
  ];

  it.each(vectors)("encodes %j as %s", (plain, encoded) => {
    expect(base32Encode(ascii(plain), { padding: true })).toBe(encoded);
    expect(base32Encode(ascii(plain))).toBe(encoded.replace(/=+$/, ""));
  });

  it.each(vectors)("decodes %j from %s, with or without padding", (plain, encoded) => {
    expect(base32Decode(encoded).toString("ascii")).toBe(plain);
    expect(base32Decode(encoded.replace(/=+$/, "")).toString("ascii")).toBe(plain);
  });

  it("decodes what people copy: lower case, spaces and dashes between groups", () => {
    expect(base32Decode("mzxw 6ytb-oi").toString("ascii")).toBe("foobar");
  });

  it("refuses characters outside the alphabet and lengths no encoder makes", () => {
    expect(() => base32Decode("MZXW1")).toThrow(/invalid character/);
    expect(() => base32Decode("MZXW8YTB")).toThrow(/invalid character/);
    expect(() => base32Decode("M")).toThrow(/length/);
    expect(() => base32Decode("MZX")).toThrow(/length/);
  });

  it("round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes)).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it("makes 160-bit secrets, 32 base32 characters", () => {
    const secret = newTotpSecret();
    expect(secret).toHaveLength(20);
    expect(base32Encode(secret)).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret().equals(secret)).toBe(false);
  });
});

describe("HOTP (RFC 4226 appendix D test values)", () => {
  const secret = ascii("12345678901234567890");
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(expected.map((code, count) => [count, code] as const))("count %i gives %s", (count, code) => {
    expect(hotp(secret, count)).toBe(code);
  });
});

describe("TOTP (RFC 6238 appendix B test vectors: 8 digits, 30 s steps)", () => {
  const seeds: Record<TotpAlgorithm, Buffer> = {
    sha1: ascii("12345678901234567890"),
    sha256: ascii("12345678901234567890123456789012"),
    sha512: ascii("1234567890123456789012345678901234567890123456789012345678901234"),
  };
  const table: [number, string, string, string][] = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  const cases = table.flatMap(([t, sha1, sha256, sha512]) => [
    [t, "sha1", sha1] as const,
    [t, "sha256", sha256] as const,
    [t, "sha512", sha512] as const,
  ]);

  it.each(cases)("at %i s with %s gives %s", (seconds, algorithm, code) => {
    expect(totp(seeds[algorithm], seconds * 1000, { algorithm, digits: 8, periodSeconds: 30 })).toBe(code);
  });

  it("issues SHA-1, 6 digits, 30 s by default: the last 6 digits of the 8-digit vectors", () => {
    expect(TOTP_DEFAULTS).toEqual({ algorithm: "sha1", digits: 6, periodSeconds: 30 });
    expect(totp(seeds.sha1, 59_000)).toBe("287082");
    expect(totp(seeds.sha1, 1111111109_000)).toBe("081804");
  });

  it("counts steps of 30 seconds from the Unix epoch", () => {
    expect(totpStep(0)).toBe(0);
    expect(totpStep(29_999)).toBe(0);
    expect(totpStep(30_000)).toBe(1);
    expect(totpStep(1111111109_000)).toBe(0x23523ec);
  });
});

describe("verifyTotp", () => {
  const secret = ascii("12345678901234567890");
  const now = 1_700_000_015_000; // inside step 56 666 667
  const step = totpStep(now);
  const codeAt = (s: number) => hotp(secret, s);

  it("accepts the current code and returns its step", () => {
    expect(verifyTotp(secret, codeAt(step), { atMs: now, lastUsedStep: null })).toBe(step);
  });

  it("accepts one step either side (clock drift), and no further", () => {
    expect(verifyTotp(secret, codeAt(step - 1), { atMs: now, lastUsedStep: null })).toBe(step - 1);
    expect(verifyTotp(secret, codeAt(step + 1), { atMs: now, lastUsedStep: null })).toBe(step + 1);
    expect(verifyTotp(secret, codeAt(step - 2), { atMs: now, lastUsedStep: null })).toBeNull();
    expect(verifyTotp(secret, codeAt(step + 2), { atMs: now, lastUsedStep: null })).toBeNull();
  });

  it("refuses a code once its step is used: the same code twice, or an older one after a newer", () => {
    expect(verifyTotp(secret, codeAt(step), { atMs: now, lastUsedStep: step })).toBeNull();
    expect(verifyTotp(secret, codeAt(step - 1), { atMs: now, lastUsedStep: step })).toBeNull();
    expect(verifyTotp(secret, codeAt(step), { atMs: now + 10_000, lastUsedStep: step })).toBeNull();
    // The next step's code is still good: it was never used.
    expect(verifyTotp(secret, codeAt(step + 1), { atMs: now, lastUsedStep: step })).toBe(step + 1);
  });

  it("refuses a wrong code, another secret's code, and anything that is not six digits", () => {
    const other = ascii("abcdefghijabcdefghij");
    const right = codeAt(step);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    for (const code of [wrong, hotp(other, step), "", "12345", "1234567", `${right} `, "abcdef", "১২৩৪৫৬"])
      expect(verifyTotp(secret, code, { atMs: now, lastUsedStep: null }), code).toBeNull();
  });

  it("accepts, for any secret and time, exactly the codes of the window", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 32 }), fc.integer({ min: 0, max: 4e12 }), (bytes, at) => {
        const s = totpStep(at);
        for (const d of [-1, 0, 1].filter((x) => s + x >= 0))
          expect(verifyTotp(bytes, hotp(bytes, s + d), { atMs: at, lastUsedStep: null })).not.toBeNull();
        expect(verifyTotp(bytes, hotp(bytes, s), { atMs: at, lastUsedStep: s + 1 })).toBeNull();
      }),
      { numRuns: 50 },
    );
  });
});

describe("otpauthUri", () => {
  it("names issuer and account, carries the secret in base32 and the parameters apps need", () => {
    const uri = otpauthUri({ secret: ascii("12345678901234567890"), issuer: "Bikri", account: "admin@demo.bikri.app" });
    expect(uri).toBe(
      "otpauth://totp/Bikri:admin%40demo.bikri.app?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bikri&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("escapes spaces and Bengali in the label and issuer", () => {
    const uri = otpauthUri({ secret: ascii("x"), issuer: "Bikri Demo", account: "রহিম@x.bd" });
    expect(uri).toContain("otpauth://totp/Bikri%20Demo:%E0%A6%B0");
    expect(uri).toContain("issuer=Bikri%20Demo");
    expect(uri).not.toContain("+");
    expect(decodeURIComponent(new URL(uri).pathname)).toContain("রহিম@x.bd");
  });
});
