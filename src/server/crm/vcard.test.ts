import { describe, expect, it } from "vitest";
import { parseVCards } from "./vcard.ts";

describe("parseVCards", () => {
  it("reads a vCard 3.0 with the fields a lead needs", () => {
    const { cards, problems } = parseVCards(
      [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Hossain;Karim;;Md.;",
        "FN:Md. Karim Hossain",
        "ORG:Meghna Traders;Sales",
        "TITLE:Purchase Manager",
        "TEL;TYPE=CELL:01712-345678",
        "TEL;TYPE=WORK:+880 2 9123456",
        "EMAIL;TYPE=INTERNET:karim@meghna.com.bd",
        "NOTE:Met at the Dhaka trade fair\\, wants a price list\\nCall after 5pm",
        "END:VCARD",
      ].join("\r\n"),
    );
    expect(problems).toEqual([]);
    expect(cards).toEqual([
      {
        line: 1,
        name: "Md. Karim Hossain",
        phones: ["01712-345678", "+880 2 9123456"],
        emails: ["karim@meghna.com.bd"],
        org: "Meghna Traders, Sales",
        title: "Purchase Manager",
        note: "Met at the Dhaka trade fair, wants a price list\nCall after 5pm",
      },
    ]);
  });

  it("reads vCard 4.0: tel: and mailto: URIs, groups, quoted parameters", () => {
    const { cards } = parseVCards(
      [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Nasrin Akter",
        'item1.TEL;VALUE=uri;TYPE="cell,voice":tel:+8801812345678',
        "EMAIL:mailto:nasrin@example.com",
        "END:VCARD",
      ].join("\n"),
    );
    expect(cards[0]).toMatchObject({
      name: "Nasrin Akter",
      phones: ["+8801812345678"],
      emails: ["nasrin@example.com"],
    });
  });

  it("unfolds long lines and keeps Bengali text", () => {
    const { cards } = parseVCards(
      ["BEGIN:VCARD", "VERSION:3.0", "FN:রহিম উদ্দিন", "NOTE:এটি একটি দীর্ঘ নো", " ট যা ভাঁজ করা", "END:VCARD"].join("\n"),
    );
    expect(cards[0]?.name).toBe("রহিম উদ্দিন");
    expect(cards[0]?.note).toBe("এটি একটি দীর্ঘ নোট যা ভাঁজ করা");
  });

  it("reads several cards and takes the name from N when FN is missing", () => {
    const { cards } = parseVCards(
      [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:One",
        "END:VCARD",
        "",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Begum;Salma;;;",
        "TEL:01912345678",
        "END:VCARD",
      ].join("\n"),
    );
    expect(cards.map((c) => [c.line, c.name])).toEqual([
      [1, "One"],
      [6, "Salma Begum"],
    ]);
  });

  it("decodes quoted-printable UTF-8 from old phone exports", () => {
    const { cards } = parseVCards(
      [
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E0=A6=B0=E0=A6=B9=E0=A6=BF=",
        "=E0=A6=AE",
        "TEL;CELL:01512345678",
        "END:VCARD",
      ].join("\n"),
    );
    expect(cards[0]?.name).toBe("রহিম");
    expect(cards[0]?.phones).toEqual(["01512345678"]);
  });

  it("reports a card that never ends and lines outside any card", () => {
    const { cards, problems } = parseVCards(["FN:Stray", "BEGIN:VCARD", "FN:Open"].join("\n"));
    expect(cards).toEqual([]);
    expect(problems).toEqual([
      { line: 1, code: "outside_card" },
      { line: 2, code: "unterminated" },
    ]);
  });
});
