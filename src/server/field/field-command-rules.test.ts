import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.ts";
import { fieldWarning } from "./field.errors.ts";
import {
  checkCommandTime,
  checkInDistance,
  decodeFieldPhoto,
  gpsColumns,
  MAX_PHOTO_BYTES,
  minutesBetween,
  sniffImageType,
  weekdayOf,
} from "./field-command-rules.ts";

/** A real 1×1 grey baseline JPEG (141 bytes, made with libjpeg, optimised Huffman tables). */
const TINY_JPEG = Buffer.from(
  "ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc0000b080001000101011100ffc40014000100000000000000000000000000000000ffc40014100100000000000000000000000000000000ffda0008010100003f003fffd9",
  "hex",
);
/** A real 1×1 lossless WebP. */
const TINY_WEBP = Buffer.concat([
  Buffer.from("RIFF"),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from("WEBPVP8L"),
  Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]),
]);

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return null;
};

describe("command time", () => {
  const now = new Date("2026-11-24T06:00:00Z");
  it("accepts the past month and a phone clock a little ahead", () => {
    expect(codeOf(() => checkCommandTime(new Date("2026-11-24T06:09:00Z"), now))).toBeNull();
    expect(codeOf(() => checkCommandTime(new Date("2026-10-26T06:00:00Z"), now))).toBeNull();
  });
  it("refuses a clock more than ten minutes ahead, and work older than 30 days", () => {
    expect(codeOf(() => checkCommandTime(new Date("2026-11-24T06:11:00Z"), now))).toBe("field.time_in_future");
    expect(codeOf(() => checkCommandTime(new Date("2026-10-24T06:00:00Z"), now))).toBe("field.time_too_old");
  });
});

describe("business dates and durations", () => {
  it("counts weekdays as beat_days does (0 = Sunday)", () => {
    expect(weekdayOf("2026-11-24")).toBe(2); // a Tuesday
    expect(weekdayOf("2026-11-27")).toBe(5); // a Friday
    expect(weekdayOf("2026-11-29")).toBe(0);
  });
  it("rounds minutes spent", () => {
    expect(minutesBetween(new Date("2026-11-24T04:00:00Z"), new Date("2026-11-24T04:12:40Z"))).toBe(13);
  });
});

describe("check-in distance", () => {
  const shop = { lat: 23.8103, lng: 90.4125 };
  it("measures from the outlet's point and flags beyond the radius", () => {
    expect(checkInDistance(shop, shop, 100)).toEqual({ distanceM: 0, outsideRadius: false });
    // 0.01° of latitude is about 1.1 km.
    const far = checkInDistance({ lat: 23.8203, lng: 90.4125 }, shop, 100);
    expect(far.distanceM).toBeGreaterThan(1100);
    expect(far.distanceM).toBeLessThan(1115);
    expect(far.outsideRadius).toBe(true);
    expect(checkInDistance({ lat: 23.8203, lng: 90.4125 }, shop, 2000).outsideRadius).toBe(false);
  });
  it("is unknown and unflagged without a fix or without the outlet's point", () => {
    expect(checkInDistance(null, shop, 100)).toEqual({ distanceM: null, outsideRadius: false });
    expect(checkInDistance(shop, { lat: null, lng: null }, 100)).toEqual({ distanceM: null, outsideRadius: false });
  });
  it("stores accuracy in whole metres", () => {
    expect(gpsColumns({ lat: 1, lng: 2, accuracyM: 12.6 })).toEqual({ lat: 1, lng: 2, accuracyM: 13 });
    expect(gpsColumns({ lat: 1, lng: 2 })).toEqual({ lat: 1, lng: 2, accuracyM: null });
    expect(gpsColumns(null)).toEqual({ lat: null, lng: null, accuracyM: null });
  });
});

describe("field photos", () => {
  it("knows JPEG and WebP by their bytes", () => {
    expect(sniffImageType(TINY_JPEG)).toBe("image/jpeg");
    expect(sniffImageType(TINY_WEBP)).toBe("image/webp");
    expect(sniffImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
  it("decodes what it claims to be", () => {
    expect(decodeFieldPhoto({ contentType: "image/jpeg", base64: TINY_JPEG.toString("base64") })).toEqual(TINY_JPEG);
    expect(decodeFieldPhoto({ contentType: "image/webp", base64: TINY_WEBP.toString("base64") })).toEqual(TINY_WEBP);
  });
  it("refuses another type under an image's name, broken base64 and more than 1 MB", () => {
    const bad = (contentType: "image/jpeg" | "image/webp", base64: string) =>
      codeOf(() => decodeFieldPhoto({ contentType, base64 }));
    expect(bad("image/webp", TINY_JPEG.toString("base64"))).toBe("field.bad_photo");
    expect(bad("image/jpeg", Buffer.from("%PDF-1.7 not a photo").toString("base64"))).toBe("field.bad_photo");
    expect(bad("image/jpeg", "/9j/4AAQ*@!")).toBe("field.bad_photo");
    expect(bad("image/jpeg", "")).toBe("field.bad_photo");
    const huge = Buffer.concat([TINY_JPEG, Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect(bad("image/jpeg", huge.toString("base64"))).toBe("field.bad_photo");
  });
});

describe("warnings", () => {
  it("speak the caller's language, with amounts as written for the reader and raw numbers in details", () => {
    const en = fieldWarning(
      "field.price_changed",
      "en",
      { expected: 100, actual: 120 },
      {
        expectedText: "৳1.00",
        actualText: "৳1.20",
      },
    );
    expect(en).toEqual({
      code: "field.price_changed",
      message: "Prices or schemes changed: the order total is ৳1.20, not ৳1.00 as the phone showed.",
      details: { expected: 100, actual: 120 },
    });
    expect(fieldWarning("field.far_from_outlet", "bn", { distanceM: 250, radiusM: 100 }).message).toBe(
      "দোকান থেকে ২৫০ মিটার দূরে চেক-ইন, অনুমোদিত ১০০ মিটারের বেশি।",
    );
  });
});
