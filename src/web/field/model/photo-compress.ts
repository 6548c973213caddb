// Shrink a camera photo on the phone before it goes in the outbox: drawn on a canvas at most 1024 px on its
// longer side, encoded as WebP (JPEG where the browser cannot encode WebP) at falling qualities and sizes until
// it is about 100 KB. A 4 MB camera picture would otherwise take minutes to sync on a weak network.
import { type Attempt, compressionAttempts, fitsTarget, type Size } from "./photo-size.ts";

export interface CompressedPhoto {
  contentType: "image/webp" | "image/jpeg";
  base64: string;
  bytes: number;
  width: number;
  height: number;
  /** An object URL for the preview; revoke it when done. */
  previewUrl: string;
}

async function decode(file: Blob): Promise<{ source: CanvasImageSource; size: Size; close: () => void }> {
  if (typeof createImageBitmap === "function") {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    return { source: bitmap, size: { width: bitmap.width, height: bitmap.height }, close: () => bitmap.close() };
  }
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  await img.decode();
  return {
    source: img,
    size: { width: img.naturalWidth, height: img.naturalHeight },
    close: () => URL.revokeObjectURL(url),
  };
}

function encode(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the photo could not be encoded"))), type, quality),
  );
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
  const image = await decode(file);
  try {
    const canvas = document.createElement("canvas");
    let type: "image/webp" | "image/jpeg" = "image/webp";
    let best: { blob: Blob; attempt: Attempt } | undefined;
    let drawn = "";
    for (const attempt of compressionAttempts(image.size)) {
      if (drawn !== `${attempt.width}x${attempt.height}`) {
        canvas.width = attempt.width;
        canvas.height = attempt.height;
        const ctx = canvas.getContext("2d");
        if (!ctx) throw new Error("no canvas on this phone");
        ctx.drawImage(image.source, 0, 0, attempt.width, attempt.height);
        drawn = `${attempt.width}x${attempt.height}`;
      }
      let blob = await encode(canvas, type, attempt.quality);
      // A browser that cannot encode WebP hands back a PNG: use JPEG from here on.
      if (blob.type !== type) {
        type = "image/jpeg";
        blob = await encode(canvas, type, attempt.quality);
      }
      if (!best || blob.size < best.blob.size) best = { blob, attempt };
      if (fitsTarget(blob.size)) break;
    }
    if (!best) throw new Error("the photo could not be encoded");
    return {
      contentType: best.blob.type === "image/webp" ? "image/webp" : "image/jpeg",
      base64: await toBase64(best.blob),
      bytes: best.blob.size,
      width: best.attempt.width,
      height: best.attempt.height,
      previewUrl: URL.createObjectURL(best.blob),
    };
  } finally {
    image.close();
  }
}
