// What an SLA badge shows for one target of a ticket (first response or resolution): met, breached, paused, or the
// time left, and its colour. Pure, so the queue and the ticket page agree and the rules are tested.

export interface SlaTarget {
  dueAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
}

export type SlaBadge =
  | { state: "met"; late: boolean }
  | { state: "breached"; minutesOver: number }
  | { state: "paused" }
  | { state: "running"; minutesLeft: number; color: "green" | "yellow" | "orange" }
  | { state: "none" };

/** Less than this many minutes left turns the badge orange; less than four hours, yellow. */
const SOON = 60;
const TODAY = 240;

export function slaBadge(target: SlaTarget, paused: boolean, now: Date): SlaBadge {
  if (target.metAt) {
    const late = target.dueAt !== null && new Date(target.metAt).getTime() > new Date(target.dueAt).getTime();
    return { state: "met", late };
  }
  if (!target.dueAt) return { state: "none" };
  const left = Math.floor((new Date(target.dueAt).getTime() - now.getTime()) / 60_000);
  if (target.breachedAt || left < 0) return { state: "breached", minutesOver: Math.max(0, -left) };
  if (paused) return { state: "paused" };
  return { state: "running", minutesLeft: left, color: left < SOON ? "orange" : left < TODAY ? "yellow" : "green" };
}

/** A duration in minutes as days, hours and minutes, the largest two parts ("2d 3h", "3h 20m", "45m"). */
export function durationParts(minutes: number): { d: number; h: number; m: number } {
  const m = Math.max(0, Math.floor(minutes));
  return { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60), m: m % 60 };
}

export const BADGE_COLORS: Record<SlaBadge["state"], string> = {
  met: "teal",
  breached: "red",
  paused: "gray",
  running: "green",
  none: "gray",
};

export const PRIORITY_COLORS: Record<string, string> = {
  low: "gray",
  normal: "blue",
  high: "orange",
  urgent: "red",
};

export const STATUS_COLORS: Record<string, string> = {
  new: "violet",
  open: "blue",
  pending: "yellow",
  resolved: "teal",
  closed: "gray",
};
