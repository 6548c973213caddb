// "My day" (C4) for a rep: what to do today, in one screen. Tasks due before today and not done are overdue; today's
// tasks are those due today (done ones too, ticked); meetings start today; calls to make are unanswered calls of the
// last week that no later call followed; deals are the caller's own open ones closing in the next seven days or
// stuck in their stage longer than the stage allows.
import type { MyDayDeal, MyDayResponse } from "../../shared/contracts/activities.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import * as activitiesRepo from "./activities.repository.ts";
import { activitiesWithLinks } from "./activities.service.ts";
import { daysSince } from "./deal-stage-time.ts";
import * as dealsRepo from "./deals.repository.ts";

/** Midnight at the start of a business date in Asia/Dhaka (UTC+6 all year: Bangladesh keeps no summer time). */
export const dhakaMidnight = (date: string): Date => new Date(`${date}T00:00:00+06:00`);

export async function myDay(ctx: Ctx, q: { date?: string | undefined }, now = new Date()): Promise<MyDayResponse> {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const orgId = ctx.actor.orgId;
  const me = ctx.actor.userId;
  const date = q.date ?? businessDate(now);
  const from = dhakaMidnight(date);
  const to = dhakaMidnight(addDays(date, 1));
  const day = await activitiesRepo.dayActivities(ctx.db, orgId, me, from, to);
  const calls = await activitiesRepo.unansweredCalls(ctx.db, orgId, me, new Date(from.getTime() - 7 * 86_400_000));
  const all = await activitiesWithLinks(ctx.db, orgId, [...day, ...calls]);
  const byId = new Map(all.map((a) => [a.id, a]));
  const pick = (rows: readonly activitiesRepo.ActivityRow[]) => rows.flatMap((r) => byId.get(r.id) ?? []);
  const deal = (d: dealsRepo.DealRow): MyDayDeal => ({
    id: d.id,
    name: d.name,
    accountName: d.account_name,
    stageName: d.stage_name,
    stageNameBn: d.stage_name_bn,
    amountPoisha: d.amount_poisha,
    expectedClose: d.expected_close,
    daysInStage: daysSince(d.stage_entered_at, now),
  });
  return {
    date,
    overdueTasks: pick(day.filter((a) => a.kind === "task" && a.due_at && a.due_at < from && !a.done_at)),
    todayTasks: pick(day.filter((a) => a.kind === "task" && a.due_at && a.due_at >= from)),
    meetings: pick(day.filter((a) => a.kind === "meeting")),
    callsToMake: pick(calls),
    closingThisWeek: (await dealsRepo.dealsClosing(ctx.db, orgId, me, date, addDays(date, 6))).map(deal),
    stuckDeals: (await dealsRepo.stuckDeals(ctx.db, orgId, me, now)).map(deal),
  };
}
