// A photo as proof of delivery (the signed challan, the goods at the counter): drawn at most 1600 px on its longer
// side and encoded as JPEG, stepping the quality down until it is under about 600 KB, so the request stays well
// inside the server's body limit and goes through on a weak network. The result is a data URL, as the API takes it.
import { fitWithin, type Size } from "../model/photo-size.ts";

export const POD_PHOTO_MAX_SIDE = 1600;
export const POD_PHOTO_MAX_BYTES = 600 * 1024;
const QUALITIES = [0.85, 0.75, 0.65, 0.5, 0.4] as const;

export interface PodPhoto {
  dataUrl: string;
  bytes: number;
  width: number;
  height: number;
}

/** Bytes of the file a base64 data URL holds. */
export const dataUrlBytes = (dataUrl: string): number => {
  const b64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);
};

export async function podPhoto(file: Blob): Promise<PodPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    const size: Size = fitWithin({ width: bitmap.width, height: bitmap.height }, POD_PHOTO_MAX_SIDE);
    const canvas = document.createElement("canvas");
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no canvas on this phone");
    // JPEG has no transparency: a transparent PNG would turn black without the white underneath.
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    let best: PodPhoto | undefined;
    for (const quality of QUALITIES) {
      const dataUrl = canvas.toDataURL("image/jpeg", quality);
      const bytes = dataUrlBytes(dataUrl);
      if (!best || bytes < best.bytes) best = { dataUrl, bytes, ...size };
      if (bytes <= POD_PHOTO_MAX_BYTES) break;
    }
    if (!best) throw new Error("the photo could not be encoded");
    return best;
  } finally {
    bitmap.close();
  }
}
