// The proof of delivery's image: a signature drawn on the phone (PNG from a canvas) or a photo (JPEG / WebP), sent
// as a data URL or bare base64. What it is is decided by its bytes; a declared type must agree with them.
import { MAX_POD_BYTES } from "../../shared/contracts/delivery.ts";
import { DeliveryErrors } from "./delivery.errors.ts";

export type PodMime = "image/png" | "image/jpeg" | "image/webp";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)(?:;[a-z0-9=.-]+)*;base64,/i;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What the bytes are, by their magic numbers. */
export function sniffPodType(bytes: Uint8Array): PodMime | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** The image's bytes and type, when it is a PNG, JPEG or WebP of at most 2 MB; otherwise delivery.bad_pod. */
export function decodePodImage(image: string): { bytes: Buffer; mime: PodMime } {
  const header = DATA_URL.exec(image);
  const declared = header?.[1]?.toLowerCase() ?? null;
  const text = (header ? image.slice(header[0].length) : image).replace(/\s+/g, "");
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) throw DeliveryErrors.badPod();
  const bytes = Buffer.from(text, "base64");
  const mime = sniffPodType(bytes);
  if (bytes.length > MAX_POD_BYTES || mime === null) throw DeliveryErrors.badPod();
  if (declared !== null && declared !== mime && !(declared === "image/jpg" && mime === "image/jpeg"))
    throw DeliveryErrors.badPod();
  return { bytes, mime };
}
