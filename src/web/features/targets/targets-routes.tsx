// The targets screen under the signed-in layout; its code loads only when opened. The period, its kind and the
// filters live in the URL, so a link reproduces the view.
import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import {
  TARGET_METRICS,
  TARGET_PERIOD_KINDS,
  TARGET_SUBJECT_KINDS,
  type TargetMetric,
  type TargetPeriodKind,
  type TargetSubjectKind,
} from "../../../shared/contracts/targets.ts";
import type { AppRoute } from "../../router.tsx";

export interface TargetsSearch {
  periodKind?: TargetPeriodKind;
  /** YYYY-MM: the month (or a month of the quarter) shown; this month by default. */
  month?: string;
  subjectKind?: TargetSubjectKind;
  metric?: TargetMetric;
}

const oneOf = <const T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;

export const parseTargetsSearch = (s: Record<string, unknown>): TargetsSearch => ({
  periodKind: oneOf(TARGET_PERIOD_KINDS, s.periodKind),
  month: typeof s.month === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(s.month) ? s.month : undefined,
  subjectKind: oneOf(TARGET_SUBJECT_KINDS, s.subjectKind),
  metric: oneOf(TARGET_METRICS, s.metric),
});

export function targetsRoutes(appRoute: AppRoute) {
  const page = createRoute({
    getParentRoute: () => appRoute,
    path: "/targets",
    validateSearch: parseTargetsSearch,
    component: lazyRouteComponent(() => import("./targets-page.tsx"), "TargetsRoute"),
  });
  return [page] as const;
}
