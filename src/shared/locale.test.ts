import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLocale, LOCALES, localeFromAcceptLanguage } from "./locale.ts";

describe("localeFromAcceptLanguage", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["bn", "bn"],
    ["en", "en"],
    ["BN", "bn"],
    ["bn-BD", "bn"],
    ["en-GB,en;q=0.9", "en"],
    ["en-US,bn;q=0.8", "en"],
    ["bn;q=0.5, en;q=0.9", "en"],
    ["en;q=0.1,bn", "bn"], // no q means 1
    ["fr-FR,fr;q=0.9,bn;q=0.8,en;q=0.7", "bn"], // skips languages we do not have
    ["fr,de", undefined],
    ["*", undefined],
    ["en;q=0, bn;q=0.2", "bn"], // q=0 means "not this one"
    ["en;q=0", undefined],
    ["bn;q=0.5,en;q=0.5", "bn"], // a tie keeps the header's order
    ["en;q=0.5,bn;q=0.5", "en"],
    [" en ; q=0.3 , bn ; q=0.2 ", "en"],
    ["en;level=1;q=0.2,bn;q=0.9", "bn"],
    ["zh-Hant-TW, en-IN;q=0.4", "en"],
  ])("%j prefers %j", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("never throws and answers a supported locale or nothing, for any header", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (header) => {
        const locale = localeFromAcceptLanguage(header);
        expect(locale === undefined || LOCALES.includes(locale)).toBe(true);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("picks the supported language with the highest q, whatever the order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 999 }),
        fc.boolean(),
        (qBn, qEn, bnFirst) => {
          fc.pre(qBn !== qEn);
          const parts = [`bn;q=0.${String(qBn).padStart(3, "0")}`, `en;q=0.${String(qEn).padStart(3, "0")}`];
          const header = (bnFirst ? parts : parts.reverse()).join(", ");
          expect(localeFromAcceptLanguage(header)).toBe(qBn > qEn ? "bn" : "en");
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe("isLocale", () => {
  it("accepts exactly bn and en", () => {
    expect(LOCALES).toEqual(["bn", "en"]);
    expect(isLocale("bn")).toBe(true);
    expect(isLocale("en")).toBe(true);
    for (const v of ["BN", "en-US", "fr", "", null, undefined, 1]) expect(isLocale(v)).toBe(false);
  });
});
