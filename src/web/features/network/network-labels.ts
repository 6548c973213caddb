import type { Channel } from "../../../shared/contracts/network.ts";
import type { Locale } from "../../../shared/locale.ts";

/** One colour per channel, on the list badges and the map markers alike. */
export const CHANNEL_COLORS: Record<Channel, string> = {
  grocery: "#2f9e44",
  pharmacy: "#1971c2",
  confectionery: "#e8590c",
  wholesale: "#7048e8",
  cosmetics: "#d6336c",
  horeca: "#0c8599",
  other: "#868e96",
};

export const STATUS_COLORS = { active: "teal", pending: "yellow", archived: "gray" } as const;

/** The name in the UI language, falling back to the other script when one is missing. */
export const localName = (o: { name: string; nameBn: string }, locale: Locale) =>
  locale === "bn" ? o.nameBn || o.name : o.name || o.nameBn;

/** Taka typed in a form (may hold Bengali digits or commas) to poisha; null for empty, NaN for rubbish. */
export function takaToPoisha(text: string): number | null {
  const s = text.replace(/[\u09E6-\u09EF]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).replace(/[,\s]/g, "");
  if (s === "") return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : Number.NaN;
}

export const poishaToTaka = (p: number | null) => (p === null ? "" : String(p / 100));

/** Badges in table cells keep their whole label instead of shrinking to an ellipsis. */
export const BADGE_NO_SHRINK = { root: { flexShrink: 0, maxWidth: "none" }, label: { overflow: "visible" } } as const;
