// A campaign's results: its targeted outlets (those any of its outlet-facing schemes targets), their sales in the
// campaign period and the previous period of equal length, a comparable group (outlets of the same channels it did
// not target) over both periods, the cost (its schemes' active grants) and, for a new-outlets campaign, the targeted
// outlets whose first order ever fell inside the period. The arithmetic is campaign-results.ts.
import type { CampaignResults } from "../../shared/contracts/promotions.ts";
import { businessDate } from "../../shared/format.ts";
import { outletSalesInPeriods } from "../analytics/outlet-period-sales.service.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { baselinePeriod, campaignOutcome } from "./campaign-results.ts";
import * as repo from "./promotions.repository.ts";
import { findCampaignOrThrow, schemeDefinition, targetsOutlet } from "./promotions.service.ts";

export async function campaignResults(ctx: Ctx, id: string): Promise<CampaignResults> {
  if (!can(ctx.actor, "promotions.manage")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  const campaign = await findCampaignOrThrow(ctx.db, orgId, id);
  const schemeIds = (await repo.schemeIdsOfCampaigns(ctx.db, orgId, [id])).map((s) => s.id);
  const schemes = (await repo.schemesByIds(ctx.db, orgId, schemeIds))
    .filter((s) => s.facing === "secondary")
    .map(schemeDefinition);
  // A running campaign is measured over the days it has run so far, against as many days before it: a whole
  // month's baseline against its first day would read as a collapse. One not yet started measures its first day.
  const today = businessDate();
  const elapsedTo = campaign.valid_to < today ? campaign.valid_to : today;
  const period = { from: campaign.valid_from, to: elapsedTo < campaign.valid_from ? campaign.valid_from : elapsedTo };
  const baseline = baselinePeriod(period.from, period.to);
  const outlets = await outletSalesInPeriods(ctx.db, orgId, baseline, period);
  const targeted = outlets.filter((o) =>
    schemes.some((s) =>
      targetsOutlet(s.targeting, {
        id: o.outletId,
        distributorId: o.distributorId,
        channel: o.channel,
        outletClass: o.outletClass,
        territoryPath: o.territoryPath,
      }),
    ),
  );
  const targetedIds = new Set(targeted.map((o) => o.outletId));
  const channels = new Set(targeted.map((o) => o.channel));
  const control = outlets.filter((o) => !targetedIds.has(o.outletId) && channels.has(o.channel));
  const sum = (list: typeof outlets) => ({
    outlets: list.length,
    beforePoisha: list.reduce((s, o) => s + o.beforePoisha, 0),
    duringPoisha: list.reduce((s, o) => s + o.duringPoisha, 0),
  });
  const t = sum(targeted);
  const c = sum(control);
  const { cost, grants } = await repo.grantTotals(ctx.db, orgId, schemeIds);
  const outcome = campaignOutcome(t, c, cost);
  return {
    campaignId: id,
    objective: campaign.objective,
    period,
    baselinePeriod: baseline,
    targeted: t,
    control: c,
    ...outcome,
    costPoisha: cost,
    newOutlets: targeted.filter(
      (o) => o.firstOrderDay !== null && o.firstOrderDay >= period.from && o.firstOrderDay <= period.to,
    ).length,
    grants,
  };
}
