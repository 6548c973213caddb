import { describe, expect, it } from "vitest";
import { dataUrlBytes } from "./pod-photo.ts";

describe("proof-of-delivery photo size", () => {
  it("counts the bytes a base64 data URL holds, padding included", () => {
    const url = (bytes: number) => `data:image/jpeg;base64,${Buffer.alloc(bytes, 7).toString("base64")}`;
    expect(dataUrlBytes(url(3))).toBe(3);
    expect(dataUrlBytes(url(4))).toBe(4);
    expect(dataUrlBytes(url(5))).toBe(5);
    expect(dataUrlBytes(url(600 * 1024))).toBe(600 * 1024);
  });
});
