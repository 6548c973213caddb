// The photo maths, pure: what size to draw the picture at and which qualities to try so that an outlet photo
// leaves the phone at about 100 KB (the compressing itself, with a canvas, is in photo-compress.ts).

export const PHOTO_MAX_SIDE = 1024;
export const PHOTO_TARGET_BYTES = 100 * 1024;
/** Tried in order at each size, best first. */
export const PHOTO_QUALITIES = [0.8, 0.65, 0.5, 0.4] as const;
/** Each smaller size is this share of the fitted one, when no quality was small enough. */
export const PHOTO_SCALES = [1, 0.75, 0.5] as const;

export interface Size {
  width: number;
  height: number;
}

/** The size within `maxSide` on the longer side, keeping the aspect ratio; never enlarges. */
export function fitWithin(size: Size, maxSide = PHOTO_MAX_SIDE): Size {
  const longer = Math.max(size.width, size.height);
  if (longer <= maxSide)
    return { width: Math.max(1, Math.round(size.width)), height: Math.max(1, Math.round(size.height)) };
  const k = maxSide / longer;
  return { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) };
}

export interface Attempt extends Size {
  quality: number;
}

/** Every (size, quality) to try, largest and best first, until one fits the target. */
export function compressionAttempts(original: Size, maxSide = PHOTO_MAX_SIDE): Attempt[] {
  const fitted = fitWithin(original, maxSide);
  return PHOTO_SCALES.flatMap((scale) => {
    const size = fitWithin(fitted, Math.round(Math.max(fitted.width, fitted.height) * scale));
    return PHOTO_QUALITIES.map((quality) => ({ ...size, quality }));
  });
}

/** Characters of base64 for `bytes` bytes (with padding): what the photo adds to the sync request. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

export const fitsTarget = (bytes: number, target = PHOTO_TARGET_BYTES): boolean => bytes <= target;
