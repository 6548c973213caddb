// The SLA of one ticket: due times from the policy of its priority and the org's business calendar, the clock
// standing still while the desk waits on the customer. Pure: the service reads the rows and writes the answers.
import type { TicketPriority } from "../../shared/contracts/service.ts";
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from "./business-hours.ts";

export interface PolicyTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/** Targets in business minutes (a working day is 9 hours, 540 minutes) when the org has set none. */
export const DEFAULT_TARGETS: Record<TicketPriority, PolicyTargets> = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 120, resolutionMinutes: 540 },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 1080 },
  low: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
};

export const PRIORITY_ORDER: readonly TicketPriority[] = ["low", "normal", "high", "urgent"];

/** One step up (urgent stays urgent). */
export const priorityAbove = (p: TicketPriority): TicketPriority =>
  PRIORITY_ORDER[Math.min(PRIORITY_ORDER.indexOf(p) + 1, PRIORITY_ORDER.length - 1)] as TicketPriority;

/**
 * Due times counted from the ticket's creation: the target plus the business minutes the clock stood still
 * (pending), so a ticket that waited two working hours on the customer is due two working hours later.
 */
export function dueTimes(createdAt: Date, targets: PolicyTargets, pausedMinutes: number, cal: BusinessCalendar) {
  return {
    firstResponseDueAt: addBusinessMinutes(createdAt, targets.firstResponseMinutes + pausedMinutes, cal),
    resolutionDueAt: addBusinessMinutes(createdAt, targets.resolutionMinutes + pausedMinutes, cal),
  };
}

/** The business minutes a pause lasted, to add to the ticket's paused minutes when the clock resumes. */
export const pausedFor = (pausedAt: Date, resumedAt: Date, cal: BusinessCalendar) =>
  businessMinutesBetween(pausedAt, resumedAt, cal);
