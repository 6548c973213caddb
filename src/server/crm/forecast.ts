// The weighted sales forecast (C3): each open deal counts its amount times its stage's probability, in the month it
// is expected to close; won deals count in full in the month they were won. Pure: the service reads the deals.
//
// Window: `months` months from `fromMonth`. An open deal expected to close before the window (overdue) or with no
// expected close is "undated"; one expected after the window is left out. Lost deals never count. The owners'
// figures and the total are over what the window shows (its months and the undated).
import { weightedPoisha } from "./deal-board.ts";

export interface ForecastDeal {
  amountPoisha: number;
  probabilityBp: number;
  status: "open" | "won" | "lost";
  /** YYYY-MM-DD or null. */
  expectedClose: string | null;
  /** The day it was won (Asia/Dhaka), YYYY-MM-DD, for won deals. */
  closedOn: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
}

export interface Figures {
  openCount: number;
  openPoisha: number;
  weightedPoisha: number;
  wonCount: number;
  wonPoisha: number;
}

export interface Forecast {
  from: string;
  months: (Figures & { month: string })[];
  undated: Figures;
  owners: (Figures & { ownerUserId: string | null; ownerName: string | null })[];
  total: Figures;
}

const zero = (): Figures => ({ openCount: 0, openPoisha: 0, weightedPoisha: 0, wonCount: 0, wonPoisha: 0 });

/** YYYY-MM of the month `n` months after `month`. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, "0")}-${String(mm + 1).padStart(2, "0")}`;
}

function add(f: Figures, d: ForecastDeal) {
  if (d.status === "won") {
    f.wonCount += 1;
    f.wonPoisha += d.amountPoisha;
  } else {
    f.openCount += 1;
    f.openPoisha += d.amountPoisha;
    f.weightedPoisha += weightedPoisha(d.amountPoisha, d.probabilityBp);
  }
}

export function forecast(deals: readonly ForecastDeal[], fromMonth: string, months: number): Forecast {
  const list = Array.from({ length: months }, (_, i) => ({ month: addMonths(fromMonth, i), ...zero() }));
  const byMonth = new Map(list.map((m) => [m.month, m]));
  const last = addMonths(fromMonth, months - 1);
  const undated = zero();
  const total = zero();
  const owners = new Map<string, Figures & { ownerUserId: string | null; ownerName: string | null }>();
  for (const d of deals) {
    let bucket: Figures | undefined;
    if (d.status === "won") {
      bucket = d.closedOn ? byMonth.get(d.closedOn.slice(0, 7)) : undefined;
    } else if (d.status === "open") {
      const month = d.expectedClose?.slice(0, 7) ?? null;
      if (month === null || month < fromMonth) bucket = undated;
      else if (month <= last) bucket = byMonth.get(month);
    }
    if (!bucket) continue;
    add(bucket, d);
    add(total, d);
    const key = d.ownerUserId ?? "";
    let o = owners.get(key);
    if (!o) {
      o = { ownerUserId: d.ownerUserId, ownerName: d.ownerName, ...zero() };
      owners.set(key, o);
    }
    add(o, d);
  }
  return {
    from: fromMonth,
    months: list,
    undated,
    owners: [...owners.values()].sort(
      (a, b) =>
        b.weightedPoisha + b.wonPoisha - (a.weightedPoisha + a.wonPoisha) ||
        (a.ownerName ?? "").localeCompare(b.ownerName ?? ""),
    ),
    total,
  };
}
