import { describe, expect, it } from "vitest";
import { embedScript, thanksPage } from "./lead-forms-embed.ts";

const form = {
  key: "abcdefghijklmnopqrstuvwx",
  kind: "form" as const,
  defaultLocale: "bn" as const,
  fields: { phone: "required" as const, email: "optional" as const, company: "hidden" as const },
  magnet: { titleEn: "</script><script>alert(1)</script>", titleBn: null, descriptionEn: null, descriptionBn: null },
};

describe("embedScript", () => {
  it("is plain JavaScript that parses, with the form's key and both languages' labels", () => {
    const js = embedScript(form);
    expect(() => new Function(js)).not.toThrow();
    expect(js).toContain(form.key);
    expect(js).toContain("মোবাইল নম্বর");
    expect(js).toContain("Mobile number");
    expect(js).toContain('name: "website"');
  });

  it("cannot be broken out of by text an admin typed", () => {
    expect(embedScript(form)).not.toContain("</script>");
  });
});

describe("thanksPage", () => {
  it("escapes the message and shows the download link", () => {
    const html = thanksPage("<b>ধন্যবাদ</b>", "https://example.com/a.pdf?x=1&y=2", "bn");
    expect(html).toContain("&lt;b&gt;ধন্যবাদ&lt;/b&gt;");
    expect(html).toContain('href="https://example.com/a.pdf?x=1&amp;y=2"');
    expect(html).toContain("ডাউনলোড করুন");
  });
});
