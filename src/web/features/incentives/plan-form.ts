// The plan editor's form model: percentages and taka as typed, to the basis points and poisha the API takes (and
// back), with the slab table checked by the same rule the server applies (shared/contracts/incentives.ts).
import type { CommissionSlab, Plan } from "../../../shared/contracts/incentives.ts";
import { slabProblem } from "../../../shared/contracts/incentives.ts";
import type { PlanBody } from "./use-incentives.ts";

export interface SlabRow {
  from: string;
  /** Empty on the last row: open ended. */
  to: string;
  rate: string;
}
export interface GateRow {
  metric: "coverage" | "attainment";
  min: string;
}
export interface KickerRow {
  skuId: string;
  bonus: string;
}
export interface PlanForm {
  name: string;
  nameBn: string;
  appliesTo: "rep" | "distributor";
  periodKind: "month" | "quarter";
  validFrom: string;
  validTo: string;
  slabs: SlabRow[];
  gates: GateRow[];
  cap: string;
  kickers: KickerRow[];
}

/** "12.5" (%) -> 1250 bp; null when it is not a number with at most two decimals. */
export function percentToBp(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export const bpToPercent = (bp: number): string =>
  bp % 100 === 0
    ? String(bp / 100)
    : `${Math.floor(bp / 100)}.${String(bp % 100)
        .padStart(2, "0")
        .replace(/0$/, "")}`;

/** "1,500.5" (taka) -> 150050 poisha; null when not an amount with at most two decimals. */
export function takaToPoisha(text: string): number | null {
  const t = text.replace(/,/g, "").trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export const poishaToTaka = (p: number): string =>
  p % 100 === 0 ? String(p / 100) : `${Math.floor(p / 100)}.${String(p % 100).padStart(2, "0")}`;

export function emptyPlanForm(today: string): PlanForm {
  return {
    name: "",
    nameBn: "",
    appliesTo: "rep",
    periodKind: "month",
    validFrom: `${today.slice(0, 8)}01`,
    validTo: "",
    slabs: [
      { from: "0", to: "80", rate: "0" },
      { from: "80", to: "100", rate: "2" },
      { from: "100", to: "", rate: "3" },
    ],
    gates: [],
    cap: "",
    kickers: [],
  };
}

export function planToForm(p: Plan): PlanForm {
  return {
    name: p.name,
    nameBn: p.nameBn,
    appliesTo: p.appliesTo,
    periodKind: p.periodKind,
    validFrom: p.validFrom,
    validTo: p.validTo ?? "",
    slabs: p.slabs.map((s) => ({
      from: bpToPercent(s.fromBp),
      to: s.toBp === null ? "" : bpToPercent(s.toBp),
      rate: bpToPercent(s.rateBp),
    })),
    gates: p.gates.map((g) => ({ metric: g.metric, min: bpToPercent(g.minBp) })),
    cap: p.capPoisha === null ? "" : poishaToTaka(p.capPoisha),
    kickers: p.kickers.map((k) => ({ skuId: k.skuId, bonus: poishaToTaka(k.bonusPoisha) })),
  };
}

/** The request body, or the i18n key (under incentives.editor.errors) of what is wrong. */
export function formToBody(f: PlanForm): { body: PlanBody } | { error: string } {
  if (!f.name.trim() || !f.nameBn.trim()) return { error: "name" };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.validFrom)) return { error: "validFrom" };
  if (f.validTo && (!/^\d{4}-\d{2}-\d{2}$/.test(f.validTo) || f.validTo < f.validFrom)) return { error: "validTo" };
  const slabs: CommissionSlab[] = [];
  for (const [i, s] of f.slabs.entries()) {
    const last = i === f.slabs.length - 1;
    const fromBp = percentToBp(s.from);
    const toBp = last ? null : percentToBp(s.to);
    const rateBp = percentToBp(s.rate);
    if (fromBp === null || rateBp === null || (!last && toBp === null)) return { error: "slabNumber" };
    slabs.push({ fromBp, toBp, rateBp });
  }
  if (slabProblem(slabs) !== null) return { error: "slabs" };
  const gates = [];
  for (const g of f.gates) {
    const minBp = percentToBp(g.min);
    if (minBp === null) return { error: "gate" };
    gates.push({ metric: g.metric, minBp });
  }
  const capPoisha = f.cap.trim() === "" ? null : takaToPoisha(f.cap);
  if (f.cap.trim() !== "" && capPoisha === null) return { error: "cap" };
  const kickers = [];
  for (const k of f.kickers) {
    const bonusPoisha = takaToPoisha(k.bonus);
    if (!k.skuId || bonusPoisha === null) return { error: "kicker" };
    kickers.push({ skuId: k.skuId, bonusPoisha });
  }
  if (new Set(kickers.map((k) => k.skuId)).size !== kickers.length) return { error: "kickerTwice" };
  return {
    body: {
      name: f.name.trim(),
      nameBn: f.nameBn.trim(),
      appliesTo: f.appliesTo,
      periodKind: f.periodKind,
      validFrom: f.validFrom,
      validTo: f.validTo || null,
      slabs,
      gates,
      capPoisha,
      kickers,
    },
  };
}

/** The first days of the last `count` months up to today's, latest first (a quarter starts on one of them). */
export function recentPeriodStarts(today: string, count = 12): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, "0")}-01`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
