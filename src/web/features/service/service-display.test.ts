import { describe, expect, it } from "vitest";
import { articleTitle, parseHolidays } from "./service-display.ts";

describe("articleTitle", () => {
  it("prefers the reader's language and falls back to the other", () => {
    const both = { titleBn: "ফেরত নীতি", titleEn: "Returns" };
    expect(articleTitle(both, "bn")).toBe("ফেরত নীতি");
    expect(articleTitle(both, "en")).toBe("Returns");
    expect(articleTitle({ titleBn: "", titleEn: "Returns" }, "bn")).toBe("Returns");
    expect(articleTitle({ titleBn: "", titleEn: "" }, "en")).toBe("—");
  });
});

describe("parseHolidays", () => {
  it("keeps well-formed dates, sorted and once each", () => {
    expect(parseHolidays("2026-12-16\n2026-03-26, 2026-12-16  not-a-date\n\n2026-02-21")).toEqual([
      "2026-02-21",
      "2026-03-26",
      "2026-12-16",
    ]);
    expect(parseHolidays("")).toEqual([]);
  });
});
