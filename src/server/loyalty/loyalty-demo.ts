// Demo data for loyalty and feedback: a "Dokan Rewards" program for the org's A-class shops (three tiers, points
// expiring after a year, a referral bonus), a reward catalogue of things a Bangladeshi shopkeeper values, points
// earned from the delivered memos of the demo's history (the real earning run), one redemption, and NPS answers
// after deliveries and CSAT answers by hand. Everything goes through the module's own use cases, as the system.
// Deterministic for a seed (scores and comments); run once per org, after the sales history is in.
import type { Db } from "../db/transaction.ts";
import { createRng } from "../demo/seeded-random.ts";
import { systemCtx } from "../platform/context.ts";
import * as repo from "./loyalty.repository.ts";
import { createProgram, createReward, redeem } from "./loyalty.service.ts";
import { runEarning } from "./loyalty-earning.ts";
import { answerSurvey, createSurvey, invite } from "./surveys.service.ts";

export interface LoyaltyDemoOptions {
  seed?: string;
  /** Outlet classes in the program (A by default: the few big shops, which keeps the first run short). */
  outletClasses?: ("A" | "B" | "C")[];
  /** Survey answers to make (at most one per member). */
  answers?: number;
}

const REWARDS = [
  { name: "Steel tiffin box", nameBn: "স্টিলের টিফিন বাক্স", pointsCost: 150, stock: null },
  { name: "Wall clock", nameBn: "দেয়াল ঘড়ি", pointsCost: 300, stock: 50 },
  { name: "৳500 bKash credit", nameBn: "৳৫০০ বিকাশ ক্রেডিট", pointsCost: 500, stock: null },
  { name: "Rice cooker", nameBn: "রাইস কুকার", pointsCost: 800, stock: 20 },
] as const;

const COMMENTS: readonly (readonly [en: string, bn: string])[] = [
  ["Delivery came on time.", "সময়মতো ডেলিভারি পেয়েছি।"],
  ["The delivery man was polite.", "ডেলিভারিম্যান ভদ্র ছিলেন।"],
  ["Two cartons were damaged.", "দুটি কার্টন ক্ষতিগ্রস্ত ছিল।"],
  ["Please come earlier in the morning.", "সকালে আরেকটু আগে আসবেন।"],
  ["Good offers this month.", "এই মাসে ভালো অফার ছিল।"],
];

export async function seedLoyaltyDemo(db: Db, orgId: string, options: LoyaltyDemoOptions = {}) {
  const rng = createRng(`${options.seed ?? "bikri-demo"}:loyalty`);
  const ctx = systemCtx(db, orgId);
  const program = await createProgram(ctx, {
    name: "Dokan Rewards",
    nameBn: "দোকান রিওয়ার্ডস",
    pointsPer100Taka: 1,
    outletChannels: [],
    outletClasses: options.outletClasses ?? ["A"],
    includeCompanies: true,
    expiryMonths: 12,
    referralBonusPoints: 50,
    active: true,
    tiers: [
      { name: "Silver", nameBn: "সিলভার", thresholdPoints: 0, multiplierBp: 10_000 },
      { name: "Gold", nameBn: "গোল্ড", thresholdPoints: 500, multiplierBp: 12_500 },
      { name: "Platinum", nameBn: "প্লাটিনাম", thresholdPoints: 2_000, multiplierBp: 15_000 },
    ],
  });
  const rewards = [];
  for (const r of REWARDS) rewards.push(await createReward(ctx, { programId: program.id, ...r, active: true }));
  const run = await runEarning(db, orgId);

  const members = await repo.listMembers(
    db,
    orgId,
    { scope: { kind: "org" }, userId: ctx.actor.userId },
    {
      programId: program.id,
      limit: 10_000,
    },
  );
  const richest = [...members].sort((a, b) => Number(b.balance) - Number(a.balance))[0];
  const cheapest = rewards[0];
  let redemptions = 0;
  if (richest && cheapest && Number(richest.balance) >= cheapest.pointsCost) {
    await redeem(ctx, richest.id, { rewardId: cheapest.id, note: "Demo" });
    redemptions = 1;
  }

  const nps = await createSurvey(ctx, {
    kind: "nps",
    name: "After delivery",
    question: "How likely are you to recommend us to another shopkeeper?",
    questionBn: "অন্য দোকানদারকে আমাদের সুপারিশ করার সম্ভাবনা কতটা?",
    trigger: "delivery",
    active: true,
  });
  await createSurvey(ctx, {
    kind: "csat",
    name: "Service desk",
    question: "How satisfied are you with how we handled your request?",
    questionBn: "আপনার অনুরোধ যেভাবে সামলানো হয়েছে তাতে আপনি কতটা সন্তুষ্ট?",
    trigger: "ticket",
    active: true,
  });
  let answered = 0;
  for (const m of members.slice(0, options.answers ?? 12)) {
    const locale = rng.chance(0.7) ? "bn" : "en";
    const inv = await invite(ctx, nps.id, { accountId: m.account_id, locale });
    // Mostly happy shops, some passives, a few detractors.
    const score = rng.weightedPick<number>([
      [10, 4],
      [9, 4],
      [8, 3],
      [7, 2],
      [6, 1],
      [4, 1],
    ]);
    const comment = rng.chance(0.5) ? rng.pick(COMMENTS)[locale === "bn" ? 1 : 0] : undefined;
    await answerSurvey(db, inv.token, { score, locale, ...(comment && { comment }) });
    answered++;
  }
  return {
    programId: program.id,
    members: members.length,
    earned: run.earned,
    rewards: rewards.length,
    redemptions,
    answers: answered,
  };
}
