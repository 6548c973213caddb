import { describe, expect, it } from "vitest";
import { embedSnippet, isOpenLead, magnetPageUrl, plainHtmlForm, utmLine, visibleFields } from "./lead-display.ts";

describe("lead display", () => {
  it("writes the UTM parts that are there", () => {
    expect(utmLine({ source: "facebook", medium: null, campaign: "eid", term: null, content: null })).toBe(
      "facebook / eid",
    );
    expect(utmLine({ source: null, medium: null, campaign: null, term: "x", content: null })).toBeNull();
  });

  it("knows closed leads", () => {
    expect(isOpenLead({ status: "qualified" })).toBe(true);
    expect(isOpenLead({ status: "converted" })).toBe(false);
    expect(isOpenLead({ status: "merged" })).toBe(false);
  });

  it("builds the embed snippet, the plain form and the magnet page address", () => {
    expect(embedSnippet("https://bikri.example.com/", "KEY")).toBe(
      '<div data-bikri-form="KEY"></div>\n<script src="https://bikri.example.com/forms/KEY/embed.js" async></script>',
    );
    const html = plainHtmlForm("https://b.example", "KEY", { phone: "required", email: "hidden", message: "optional" });
    expect(html).toContain('action="https://b.example/api/v1/public/forms/KEY/submissions"');
    expect(html).toContain('<input name="phone" required');
    expect(html).not.toContain('name="email"');
    expect(html).toContain('<textarea name="message">');
    expect(html).toContain('name="website"');
    expect(magnetPageUrl("https://b.example", "KEY")).toBe("https://b.example/m/KEY");
  });

  it("draws name first, then the fields shown", () => {
    expect(visibleFields({ phone: "required", email: "hidden", company: "optional" })).toEqual([
      { name: "name", mode: "required" },
      { name: "phone", mode: "required" },
      { name: "company", mode: "optional" },
    ]);
  });
});
