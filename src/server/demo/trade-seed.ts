// The demo's trade programme, made through the same use cases a marketing manager and a sales head would use:
// this month's campaign with three schemes in force (a stepped soap discount the distributor funds and claims
// back, buy-12-get-1 on biscuits with a per-outlet cap, and a memo-value discount for groceries), value and
// coverage targets for every rep (last month's and this month's, from what each actually sold), value targets
// for the distributors and the regions, and the field reps' commission plan with last month's statements
// computed, so the targets, promotions and incentives screens open on real figures.

import type { SetTarget } from "../../shared/contracts/targets.ts";
import { addDays } from "../../shared/format.ts";
import { listSkus } from "../catalog/catalog.service.ts";
import type { Db } from "../db/transaction.ts";
import { computeStatements, createPlan } from "../incentives/incentives.service.ts";
import { systemCtx } from "../platform/context.ts";
import { createCampaign, createScheme, transitionScheme, updateCampaign } from "../promotions/promotions.service.ts";
import { periodEndOf, periodStartOf } from "../targets/target-math.ts";
import { achievedFigure, setTargets } from "../targets/targets.service.ts";
import { peopleForTradeDemo } from "./sales-seed.repository.ts";

export interface TradeDemoInput {
  orgId: string;
  asOf: string;
}

export interface TradeDemoSummary {
  schemes: number;
  targets: number;
  statements: number;
}

const everyone = { territoryIds: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [] };

/** Rounded up to a whole thousand taka, as a sales head would write a target. */
const roundTarget = (poisha: number) => Math.max(100_000, Math.ceil(poisha / 100_000) * 100_000);

export async function seedTradeDemo(db: Db, input: TradeDemoInput): Promise<TradeDemoSummary> {
  const ctx = systemCtx(db, input.orgId);
  const thisMonth = periodStartOf("month", input.asOf);
  const lastMonth = periodStartOf("month", addDays(thisMonth, -1));
  const monthEnd = periodEndOf("month", thisMonth);

  // --- promotions
  const skus = (await listSkus(ctx, { limit: 200, status: "active", sort: "code" })).items;
  const byPrefix = (prefix: string) => skus.filter((s) => s.code.startsWith(prefix));
  const soaps = byPrefix("SHV-").slice(0, 3);
  const biscuit = byPrefix("MJD-")[0] ?? skus[0];
  let schemes = 0;
  const campaign = await createCampaign(ctx, {
    name: "Winter volume push",
    nameBn: "শীতের বিক্রি বাড়াও",
    objective: "volume",
    validFrom: thisMonth,
    validTo: monthEnd,
    budgetPoisha: 50_000_000,
  });
  const activate = async (id: string) => {
    await transitionScheme(ctx, id, "activate");
    schemes++;
  };
  if (soaps.length > 0) {
    const s = await createScheme(ctx, {
      code: "SOAP-STEP",
      name: "Soap: 5 % from 24 pieces, 8 % from 72",
      nameBn: "সাবান: ২৪ পিসে ৫%, ৭২ পিসে ৮%",
      campaignId: campaign.id,
      facing: "secondary",
      validFrom: thisMonth,
      validTo: monthEnd,
      priority: 10,
      stacking: "stackable",
      claimable: true,
      targeting: everyone,
      rule: {
        kind: "slab",
        skuIds: soaps.map((x) => x.id),
        measure: "qty",
        mode: "stepped",
        slabs: [
          { min: 24, benefit: { type: "percent", bp: 500 } },
          { min: 72, benefit: { type: "percent", bp: 800 } },
        ],
      },
      budgetPoisha: 20_000_000,
      perOutletCapPoisha: null,
    });
    await activate(s.id);
  }
  if (biscuit) {
    const s = await createScheme(ctx, {
      code: "BISC-12P1",
      name: "Biscuits: buy 12, get 1 free",
      nameBn: "বিস্কুট: ১২টি কিনলে ১টি ফ্রি",
      campaignId: campaign.id,
      facing: "secondary",
      validFrom: thisMonth,
      validTo: monthEnd,
      priority: 20,
      stacking: "stackable",
      claimable: true,
      targeting: everyone,
      rule: {
        kind: "slab",
        skuIds: [biscuit.id],
        measure: "qty",
        mode: "repeating",
        slabs: [{ min: 12, benefit: { type: "free_goods", skuId: biscuit.id, qty: 1 } }],
      },
      budgetPoisha: null,
      perOutletCapPoisha: 50_000,
    });
    await activate(s.id);
  }
  const memo = await createScheme(ctx, {
    code: "GROC-5000",
    name: "Grocery memo of ৳5,000 or more: ৳100 off",
    nameBn: "মুদি দোকানের ৳৫,০০০ বা বেশির মেমোতে ৳১০০ ছাড়",
    campaignId: campaign.id,
    facing: "secondary",
    validFrom: thisMonth,
    validTo: monthEnd,
    priority: 90,
    stacking: "stackable",
    claimable: false,
    targeting: { ...everyone, channels: ["grocery"] },
    rule: {
      kind: "slab",
      skuIds: [],
      measure: "value",
      mode: "once",
      slabs: [{ min: 500_000, benefit: { type: "flat", poisha: 10_000 } }],
    },
    budgetPoisha: 10_000_000,
    perOutletCapPoisha: null,
  });
  await activate(memo.id);
  await updateCampaign(ctx, campaign.id, { status: "active" });

  // --- targets: each subject's last two months as sold, with this month's asking a little more
  const people = await peopleForTradeDemo(db, input.orgId);
  const targets: SetTarget[] = [];
  /**
   * This month's target: last month's sales lifted a little. Last month's: what the subject then went on to sell,
   * over a spread of factors, so its statements show people below, at and above their target (a demo with a few
   * weeks of history has no earlier month to base it on).
   */
  const spread = [0.85, 0.95, 1.1, 1.25];
  const fromHistory = async (
    subjectKind: "rep" | "distributor" | "territory",
    subjectId: string,
    metric: "value" | "focus_sku",
    lift: number,
    index: number,
    skuId: string | null = null,
  ) => {
    const sold = await achievedFigure(db, input.orgId, {
      subjectKind,
      subjectId,
      metric,
      skuId,
      from: lastMonth,
      to: periodEndOf("month", lastMonth),
    });
    if (sold <= 0) return;
    for (const [start, factor] of [
      [lastMonth, spread[index % spread.length] ?? 1],
      [thisMonth, lift],
    ] as const)
      targets.push({
        periodKind: "month",
        periodStart: start,
        subjectKind,
        subjectId,
        metric,
        skuId,
        targetValue: metric === "value" ? roundTarget(sold * factor) : Math.ceil(sold * factor),
      });
  };
  const focus = soaps[0]?.id ?? null;
  for (const [i, rep] of people.reps.entries()) {
    await fromHistory("rep", rep, "value", 1.1, i);
    if (focus) await fromHistory("rep", rep, "focus_sku", 1.1, i + 1, focus);
    for (const start of [lastMonth, thisMonth])
      targets.push({
        periodKind: "month",
        periodStart: start,
        subjectKind: "rep",
        subjectId: rep,
        metric: "coverage",
        targetValue: 6000,
      });
  }
  for (const [i, d] of people.distributors.entries()) await fromHistory("distributor", d, "value", 1.08, i);
  for (const [i, r] of people.regions.entries()) await fromHistory("territory", r, "value", 1.08, i);
  for (let i = 0; i < targets.length; i += 1000) await setTargets(ctx, { targets: targets.slice(i, i + 1000) });

  // --- the reps' commission plan, and last month's statements to review
  const plan = await createPlan(ctx, {
    name: "Field rep monthly commission",
    nameBn: "মাঠকর্মীর মাসিক কমিশন",
    appliesTo: "rep",
    territoryId: null,
    periodKind: "month",
    validFrom: lastMonth,
    validTo: null,
    slabs: [
      { fromBp: 0, toBp: 8000, rateBp: 0 },
      { fromBp: 8000, toBp: 10_000, rateBp: 150 },
      { fromBp: 10_000, toBp: null, rateBp: 250 },
    ],
    gates: [{ metric: "coverage", minBp: 5000 }],
    capPoisha: 2_500_000,
    kickers: focus ? [{ skuId: focus, bonusPoisha: 50_000 }] : [],
  });
  const statements = await computeStatements(ctx, { planId: plan.id, periodStart: lastMonth });
  return { schemes, targets: targets.length, statements: statements.items.length };
}
