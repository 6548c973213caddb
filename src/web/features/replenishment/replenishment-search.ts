// What each replenishment screen keeps in its URL (TanStack Router validateSearch), so a link reproduces the view.
// Anything unknown or malformed in a hand-edited URL is dropped rather than sent to the server.
import {
  ALERT_KINDS,
  type AlertKind,
  FORECAST_METHODS,
  type ForecastMethod,
  PLAN_STATUSES,
  type PlanStatus,
  type ProposalStatus,
} from "../../../shared/contracts/replenishment.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown): string | undefined => (typeof v === "string" && UUID.test(v) ? v : undefined);
const oneOf = <const T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, 100) : undefined;

export interface PlanSearch {
  distributorId?: string;
  status?: PlanStatus;
  q?: string;
}

export const parsePlanSearch = (s: Record<string, unknown>): PlanSearch => ({
  distributorId: uuid(s.distributorId),
  status: oneOf(PLAN_STATUSES, s.status),
  q: text(s.q),
});

export interface ForecastSearch {
  distributorId?: string;
  skuId?: string;
}

export const parseForecastSearch = (s: Record<string, unknown>): ForecastSearch => ({
  distributorId: uuid(s.distributorId),
  skuId: uuid(s.skuId),
});

export interface AccuracySearch {
  distributorId?: string;
  method?: ForecastMethod;
}

export const parseAccuracySearch = (s: Record<string, unknown>): AccuracySearch => ({
  distributorId: uuid(s.distributorId),
  method: oneOf(FORECAST_METHODS, s.method),
});

/** The proposals' tabs: the open ones (absent), or the history of one decision. */
export const PROPOSAL_TABS = ["open", "approved", "dismissed"] as const satisfies readonly ProposalStatus[];
export type ProposalTab = (typeof PROPOSAL_TABS)[number];

export interface ProposalsSearch {
  distributorId?: string;
  /** Absent = open. */
  status?: Exclude<ProposalTab, "open">;
}

export const parseProposalsSearch = (s: Record<string, unknown>): ProposalsSearch => ({
  distributorId: uuid(s.distributorId),
  status: oneOf(["approved", "dismissed"] as const, s.status),
});

export interface AlertsSearch {
  distributorId?: string;
  kind?: AlertKind;
}

export const parseAlertsSearch = (s: Record<string, unknown>): AlertsSearch => ({
  distributorId: uuid(s.distributorId),
  kind: oneOf(ALERT_KINDS, s.kind),
});
