// What the statements screen keeps in its URL, so a link reproduces the view; anything malformed is dropped.
import { STATEMENT_STATUSES, type StatementStatus } from "../../../shared/contracts/incentives.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StatementsSearch {
  periodStart?: string;
  planId?: string;
  status?: StatementStatus;
}

export const parseStatementsSearch = (s: Record<string, unknown>): StatementsSearch => ({
  periodStart: typeof s.periodStart === "string" && /^\d{4}-\d{2}-01$/.test(s.periodStart) ? s.periodStart : undefined,
  planId: typeof s.planId === "string" && UUID.test(s.planId) ? s.planId : undefined,
  status: STATEMENT_STATUSES.includes(s.status as StatementStatus) ? (s.status as StatementStatus) : undefined,
});
