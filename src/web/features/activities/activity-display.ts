// Pure display rules of activities: times typed in a datetime-local box are Dhaka wall-clock times (the business
// runs in Asia/Dhaka, whatever the browser's zone), call durations, and which time an activity is shown at.
import type { ActivityResponse } from "../../../shared/contracts/activities.ts";

const DHAKA_OFFSET_MS = 6 * 3_600_000;

/** "2026-11-25T14:30" typed in a datetime-local box, read as Dhaka time -> ISO instant; "" -> undefined. */
export function dhakaInputToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}:00+06:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** An instant as the Dhaka wall-clock value of a datetime-local box. */
export function isoToDhakaInput(iso: string | Date): string {
  const d = new Date(new Date(iso).getTime() + DHAKA_OFFSET_MS);
  return d.toISOString().slice(0, 16);
}

/** Seconds as m:ss (or h:mm:ss from an hour). */
export function durationLabel(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** When an activity is placed in a list: a task by when it is due, anything else by when it happened. */
export const activityTime = (a: Pick<ActivityResponse, "dueAt" | "occurredAt">): string => a.dueAt ?? a.occurredAt;

/** Is a task overdue at `now` (not done, due before now)? */
export const isOverdue = (a: Pick<ActivityResponse, "kind" | "dueAt" | "doneAt">, now: Date): boolean =>
  a.kind === "task" && a.doneAt === null && a.dueAt !== null && new Date(a.dueAt).getTime() < now.getTime();

export const KIND_COLORS = {
  call: "blue",
  meeting: "grape",
  note: "gray",
  task: "orange",
  email: "teal",
} as const;
