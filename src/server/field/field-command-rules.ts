// The small rules every synced command follows, kept pure so they are tested on their own: when a command's
// device time is believable, what a business date's weekday is, how long a visit took, how far a check-in
// was from the outlet, and what a field photo really is.
import { businessDate } from "../../shared/format.ts";
import { distanceMetres } from "../../shared/geo-distance.ts";
import { FieldErrors } from "./field.errors.ts";

/** A phone clock a little ahead of the server's is normal; more is a wrong clock, not a real time. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;
/** Work older than this is refused: past months are closed, and a phone that old holds stale prices. */
export const MAX_AGE_DAYS = 30;

/** The command's device time, if believable; otherwise a rejection the rep can act on. */
export function checkCommandTime(at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + MAX_CLOCK_AHEAD_MS) throw FieldErrors.clockAhead();
  if (at.getTime() < now.getTime() - MAX_AGE_DAYS * 24 * 60 * 60 * 1000)
    throw FieldErrors.tooOld({ date: businessDate(at), days: MAX_AGE_DAYS });
}

/** 0 = Sunday … 6 = Saturday, as beat_days counts, for a YYYY-MM-DD business date. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

export const minutesBetween = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / 60_000);

export interface CheckInDistance {
  distanceM: number | null;
  outsideRadius: boolean;
}

/** Distance of a check-in from the outlet's point; unknown (and never flagged) when either side has no point. */
export function checkInDistance(
  gps: { lat: number; lng: number } | null,
  outlet: { lat: number | null; lng: number | null },
  radiusM: number,
): CheckInDistance {
  if (!gps || outlet.lat === null || outlet.lng === null) return { distanceM: null, outsideRadius: false };
  const distanceM = distanceMetres(gps, { lat: outlet.lat, lng: outlet.lng });
  return { distanceM, outsideRadius: distanceM > radiusM };
}

/** A GPS fix as the columns store it (accuracy in whole metres); all null without a fix. */
export function gpsColumns(gps: { lat: number; lng: number; accuracyM?: number | undefined } | null) {
  return {
    lat: gps?.lat ?? null,
    lng: gps?.lng ?? null,
    accuracyM: gps?.accuracyM === undefined ? null : Math.round(gps.accuracyM),
  };
}

export const MAX_PHOTO_BYTES = 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** What the bytes are, by their magic numbers (the declared type is the phone's word only). */
export function sniffImageType(bytes: Uint8Array): "image/jpeg" | "image/webp" | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** The photo's bytes, when they are the JPEG or WebP image declared and at most 1 MB; otherwise a rejection. */
export function decodeFieldPhoto(photo: { contentType: "image/jpeg" | "image/webp"; base64: string }): Buffer {
  const text = photo.base64.replace(/\s+/g, "");
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) throw FieldErrors.badPhoto();
  const bytes = Buffer.from(text, "base64");
  if (bytes.length > MAX_PHOTO_BYTES || sniffImageType(bytes) !== photo.contentType) throw FieldErrors.badPhoto();
  return bytes;
}
