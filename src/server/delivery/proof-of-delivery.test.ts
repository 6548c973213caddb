import { describe, expect, it } from "vitest";
import { MAX_POD_BYTES } from "../../shared/contracts/delivery.ts";
import { decodePodImage, sniffPodType } from "./proof-of-delivery.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return "accepted";
};

describe("the proof of delivery's image", () => {
  it("is known by its bytes: PNG, JPEG, WebP", () => {
    expect(sniffPodType(PNG)).toBe("image/png");
    expect(sniffPodType(JPEG)).toBe("image/jpeg");
    expect(sniffPodType(WEBP)).toBe("image/webp");
    expect(sniffPodType(Buffer.from("GIF89a......"))).toBeNull();
  });

  it("comes as a data URL or bare base64", () => {
    expect(decodePodImage(`data:image/png;base64,${PNG.toString("base64")}`)).toMatchObject({ mime: "image/png" });
    expect(decodePodImage(JPEG.toString("base64")).bytes.equals(JPEG)).toBe(true);
    expect(decodePodImage(`data:image/jpg;base64,${JPEG.toString("base64")}`).mime).toBe("image/jpeg");
  });

  it("is refused when the data URL says one type and the bytes another, or are no image", () => {
    expect(code(() => decodePodImage(`data:image/png;base64,${JPEG.toString("base64")}`))).toBe("delivery.bad_pod");
    expect(code(() => decodePodImage(Buffer.from("%PDF-1.7 not an image").toString("base64")))).toBe(
      "delivery.bad_pod",
    );
    expect(code(() => decodePodImage("this is not base64!"))).toBe("delivery.bad_pod");
  });

  it("is at most 2 MB", () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_POD_BYTES - PNG.length + 3)]);
    const edge = big.subarray(0, MAX_POD_BYTES - (MAX_POD_BYTES % 3));
    expect(code(() => decodePodImage(edge.toString("base64")))).toBe("accepted");
    expect(code(() => decodePodImage(big.toString("base64")))).toBe("delivery.bad_pod");
  });
});
