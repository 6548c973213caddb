// Demo data for the sales path and activities: the default pipeline (with its playbooks), a second pipeline for
// signing up new distributors, deals on the demo's company accounts spread over every stage (moved there stage by
// stage over the past weeks, so stage history and time in stage are real; some won, some lost with a reason), and the
// calls, meetings, notes and tasks around them (some tasks overdue, some due today, some done). Everything goes
// through the module's own use cases as the system, at back-dated times. Deterministic for a seed and a day.
import type { Playbook } from "../../shared/contracts/deals.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { createRng } from "../demo/seeded-random.ts";
import { systemCtx } from "../platform/context.ts";
import { logActivityTx } from "./activities.service.ts";
import { createDealTx, getDeal, moveDeal } from "./deals.service.ts";
import { createPipeline, ensureDefaultPipeline, lostReasons, pipelineById } from "./pipelines.service.ts";

export interface PipelineDemoOptions {
  seed?: string;
  /** The company accounts deals are made on (one or two deals each). */
  accountIds: readonly string[];
  /** "Now" for the demo: deals and activities are placed in the weeks before it (and tasks around it). */
  asOf?: Date;
}

const DEAL_LINES: readonly (readonly [en: string, amountTaka: readonly [number, number]])[] = [
  ["Biscuits and snacks supply", [50_000, 400_000]],
  ["Tea and beverages, yearly contract", [120_000, 1_500_000]],
  ["Soap and detergent for staff", [80_000, 900_000]],
  ["Edible oil and pulses, monthly", [200_000, 2_500_000]],
  ["Canteen supplies for Eid", [60_000, 600_000]],
  ["Hygiene kits", [40_000, 350_000]],
];

const CALL_SUBJECTS = [
  "Asked about this month's scheme",
  "Followed up on the price list",
  "Confirmed the delivery day",
  "Discussed credit days",
  "Introduced the new pack size",
];
const MEETING_SUBJECTS = ["Tasting session at the canteen", "Terms meeting with the owner", "Warehouse visit"];
const NOTE_SUBJECTS = ["Prefers delivery before 10 am", "Buys from two suppliers now", "Owner's son handles orders"];
const TASK_SUBJECTS = ["Send the revised quotation", "Call back about the sample", "Collect the trade licence copy"];

const DAY = 86_400_000;
const EMPTY: Playbook = { channel: null, message: "", messageBn: "", templates: [], content: [], checklist: [] };

/** Adds the demo's pipelines, deals and activities to an org; returns counts. Run once per org. */
export async function seedPipelineDemo(db: Db, orgId: string, options: PipelineDemoOptions) {
  const rng = createRng(`${options.seed ?? "bikri-demo"}:pipeline`);
  const ctx = systemCtx(db, orgId);
  const asOf = options.asOf ?? new Date();
  const today = businessDate(asOf);
  const at = (daysAgo: number, hour = 11) =>
    new Date(new Date(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, "0")}:00:00+06:00`).getTime());
  const pipelineId = await withTransaction(db, (tx) => ensureDefaultPipeline(tx, orgId));
  const pipeline = await pipelineById(db, orgId, pipelineId);
  if (!pipeline) throw new Error("demo: no default pipeline");
  const reasons = await lostReasons(db, orgId);
  await createPipeline(ctx, {
    name: "Distributor sign-up",
    nameBn: "ডিস্ট্রিবিউটর নিয়োগ",
    isDefault: false,
    stages: [
      {
        name: "Application",
        nameBn: "আবেদন",
        kind: "open",
        probabilityBp: 2000,
        stuckAfterDays: 10,
        playbook: {
          channel: "visit",
          message: "Visit the warehouse: space, vehicles, and the brands they carry.",
          messageBn: "গুদাম দেখুন: জায়গা, গাড়ি এবং তারা কোন কোন ব্র্যান্ড রাখে।",
          templates: [{ title: "Distributor application form", url: "https://example.com/distributor-form.pdf" }],
          content: [{ title: "Our distributor terms", url: "https://example.com/distributor-terms" }],
          checklist: [
            { text: "Trade licence seen", textBn: "ট্রেড লাইসেন্স দেখা হয়েছে" },
            { text: "Bank solvency certificate", textBn: "ব্যাংক সচ্ছলতা সনদ" },
          ],
        },
      },
      {
        name: "Security deposit",
        nameBn: "জামানত",
        kind: "open",
        probabilityBp: 6000,
        stuckAfterDays: 14,
        playbook: {
          channel: "meeting",
          message: "Agree the deposit and the credit limit.",
          messageBn: "জামানত ও বাকির সীমা ঠিক করুন।",
          templates: [],
          content: [],
          checklist: [],
        },
      },
      { name: "Appointed", nameBn: "নিয়োগ", kind: "won", probabilityBp: 10000, stuckAfterDays: null, playbook: EMPTY },
      { name: "Declined", nameBn: "বাতিল", kind: "lost", probabilityBp: 0, stuckAfterDays: null, playbook: EMPTY },
    ],
  });

  const stages = pipeline.stages;
  const open = stages.filter((s) => s.kind === "open");
  const won = stages.find((s) => s.kind === "won");
  const lost = stages.find((s) => s.kind === "lost");
  const afterSale = stages.filter((s) => s.kind === "after_sale");
  let deals = 0;
  let activities = 0;
  for (const accountId of options.accountIds) {
    const count = rng.chance(0.4) ? 2 : 1;
    for (let n = 0; n < count; n++) {
      const [line, [lo, hi]] = rng.pick(DEAL_LINES);
      const amountPoisha = rng.int(lo / 1000, hi / 1000) * 1000 * 100;
      // Where the deal ends up: most still open, some won (a few onward to onboarding and loyal), some lost.
      const target = rng.weightedPick<"open" | "won" | "after" | "lost">([
        ["open", 6],
        ["won", 2],
        ["after", 1],
        ["lost", 2],
      ]);
      const path =
        target === "open"
          ? open.slice(0, rng.int(1, open.length))
          : target === "lost"
            ? [...open.slice(0, rng.int(1, open.length)), ...(lost ? [lost] : [])]
            : target === "won"
              ? [...open, ...(won ? [won] : [])]
              : [...open, ...(won ? [won] : []), ...afterSale.slice(0, rng.int(1, afterSale.length))];
      // Spread the moves over the past weeks: each stage held for a few days.
      const holds = path.map(() => rng.int(1, 9));
      let daysAgo = holds.reduce((a, b) => a + b, 0) + rng.int(0, 5);
      const first = path[0];
      if (!first) continue;
      const created = await withTransaction(db, (tx) =>
        createDealTx(
          tx,
          ctx,
          {
            name: line,
            accountId,
            amountPoisha,
            expectedClose: addDays(today, rng.int(-10, 90)),
            pipelineId,
            stageId: first.id,
          },
          at(daysAgo, rng.int(9, 17)),
        ),
      );
      deals++;
      let d = await getDeal(ctx, created.id, asOf);
      for (const [i, stage] of path.entries()) {
        daysAgo -= holds[i] ?? 1;
        if (i === 0) continue;
        d = await moveDeal(
          ctx,
          d.id,
          {
            stageId: stage.id,
            version: d.version,
            ...(stage.kind === "lost" && reasons.length > 0 && { lostReasonId: rng.pick(reasons).id }),
            ...(stage.kind === "lost" && rng.chance(0.5) && { note: "Will try again next quarter" }),
          },
          at(Math.max(daysAgo, 0), rng.int(9, 17)),
        );
      }
      // The activities around the deal, on the deal and its account, by its owner.
      const links = [
        { type: "deal" as const, id: d.id },
        { type: "account" as const, id: accountId },
      ];
      const owner = d.ownerUserId ?? undefined;
      await withTransaction(db, async (tx) => {
        const calls = rng.int(1, 3);
        for (let c = 0; c < calls; c++) {
          const outcome = rng.weightedPick([
            ["connected", 5],
            ["no_answer", 2],
            ["busy", 1],
            ["voicemail", 1],
          ] as const);
          await logActivityTx(tx, ctx, {
            kind: "call",
            subject: rng.pick(CALL_SUBJECTS),
            callOutcome: outcome,
            ...(outcome === "connected" && { durationSeconds: rng.int(60, 900) }),
            occurredAt: at(rng.int(0, 20), rng.int(9, 18)).toISOString(),
            ...(owner && { ownerUserId: owner }),
            links,
          });
          activities++;
        }
        if (rng.chance(0.5)) {
          const start = at(rng.int(-3, 15), rng.int(10, 16));
          await logActivityTx(tx, ctx, {
            kind: "meeting",
            subject: rng.pick(MEETING_SUBJECTS),
            occurredAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
            location: rng.pick(["Their office", "Canteen", "Our Dhaka office", "Warehouse"]),
            attendees: "Purchase manager, area manager",
            ...(owner && { ownerUserId: owner }),
            links,
          });
          activities++;
        }
        if (rng.chance(0.4)) {
          await logActivityTx(tx, ctx, {
            kind: "note",
            subject: rng.pick(NOTE_SUBJECTS),
            occurredAt: at(rng.int(1, 25)).toISOString(),
            ...(owner && { ownerUserId: owner }),
            links,
          });
          activities++;
        }
        if (d.status === "open") {
          // Due between three days ago (overdue) and four days ahead; reminders only for those still ahead.
          const dueIn = rng.int(-3, 4);
          const due = new Date(at(-dueIn, rng.int(10, 17)).getTime());
          await logActivityTx(tx, ctx, {
            kind: "task",
            subject: rng.pick(TASK_SUBJECTS),
            dueAt: due.toISOString(),
            ...(due.getTime() > asOf.getTime() && { remindAt: new Date(due.getTime() - DAY / 24).toISOString() }),
            ...(owner && { ownerUserId: owner }),
            links,
          });
          activities++;
        }
      });
    }
  }
  return { deals, activities };
}
