import { describe, expect, it } from "vitest";
import { base64Length, compressionAttempts, fitsTarget, fitWithin, PHOTO_TARGET_BYTES } from "./photo-size.ts";

describe("photo size maths", () => {
  it("fits a camera photo within 1024 px on its longer side, keeping the aspect ratio", () => {
    expect(fitWithin({ width: 4000, height: 3000 })).toEqual({ width: 1024, height: 768 });
    expect(fitWithin({ width: 3000, height: 4000 })).toEqual({ width: 768, height: 1024 });
    expect(fitWithin({ width: 1080, height: 1920 })).toEqual({ width: 576, height: 1024 });
  });

  it("never enlarges a small picture", () => {
    expect(fitWithin({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  it("tries falling qualities at full size before smaller sizes, never above 1024 px", () => {
    const attempts = compressionAttempts({ width: 4000, height: 3000 });
    expect(attempts[0]).toEqual({ width: 1024, height: 768, quality: 0.8 });
    expect(attempts.slice(0, 4).every((a) => a.width === 1024)).toBe(true);
    expect(attempts.map((a) => a.quality).slice(0, 4)).toEqual([0.8, 0.65, 0.5, 0.4]);
    expect(attempts[4]).toEqual({ width: 768, height: 576, quality: 0.8 });
    expect(attempts.at(-1)).toEqual({ width: 512, height: 384, quality: 0.4 });
    expect(Math.max(...attempts.map((a) => Math.max(a.width, a.height)))).toBe(1024);
  });

  it("knows what the target is and what base64 adds", () => {
    expect(fitsTarget(PHOTO_TARGET_BYTES)).toBe(true);
    expect(fitsTarget(PHOTO_TARGET_BYTES + 1)).toBe(false);
    expect(base64Length(3)).toBe(4);
    expect(base64Length(4)).toBe(8);
    // A 100 KB photo stays far under the contract's 1.4 MB base64 limit.
    expect(base64Length(PHOTO_TARGET_BYTES)).toBeLessThan(1_400_000);
  });
});
