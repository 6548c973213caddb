import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backtest,
  classifyDemand,
  classifyForForecast,
  croston,
  forecastDemand,
  holtWinters,
  sba,
  seasonalNaive,
  ses,
  spreadOverWeekdays,
  UPLIFT_MAX,
} from "./forecast-methods.ts";

const repeat = (pattern: number[], times: number) => Array.from({ length: times }, () => pattern).flat();
/** Demand of `size` on every `every`-th day starting on day 0. */
const everyNth = (size: number, every: number, days: number) =>
  Array.from({ length: days }, (_, t) => (t % every === 0 ? size : 0));
const expectAll = (xs: Float64Array, expected: number[], digits = 9) => {
  expect(xs.length).toBe(expected.length);
  for (const [i, v] of expected.entries()) expect(xs[i]).toBeCloseTo(v, digits);
};

describe("a constant series", () => {
  const values = new Array(56).fill(12);

  it("is forecast as that constant by every method (SBA less its (1 − α/2) debiasing factor)", () => {
    expect(Array.from(seasonalNaive(values, 7, 10))).toEqual(new Array(10).fill(12));
    const s = ses(values, 10);
    expect(Array.from(s.mean)).toEqual(new Array(10).fill(12));
    expect(s.sigma).toBe(0);
    const hw = holtWinters(values, 7, 10);
    expect(hw.method).toBe("holt_winters");
    expectAll(hw.mean, new Array(10).fill(12));
    expect(hw.sigma).toBeLessThan(1e-9);
    // Sizes all 12, intervals all 1 day: 12 / 1.
    expect(Array.from(croston(values, 10).mean)).toEqual(new Array(10).fill(12));
    const b = sba(values, 10, 0.1);
    expectAll(b.mean, new Array(10).fill(12 * 0.95));
    const auto = forecastDemand({ values }, 10);
    expect(auto.method).toBe("holt_winters");
    expectAll(auto.mean, new Array(10).fill(12));
    expect(auto.params.uplift).toBe(1);
  });
});

describe("seasonalNaive", () => {
  it("repeats the last season, and the last day when there is less than a season", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(Array.from(seasonalNaive(values, 7, 10))).toEqual([4, 5, 6, 7, 8, 9, 10, 4, 5, 6]);
    expect(Array.from(seasonalNaive([3, 5], 7, 3))).toEqual([5, 5, 5]);
    expect(Array.from(seasonalNaive([], 7, 2))).toEqual([0, 0]);
  });
});

describe("holtWinters", () => {
  it("continues a pure linear trend, choosing an undamped trend (φ = 1)", () => {
    const values = Array.from({ length: 56 }, (_, t) => 5 + 2 * t);
    const f = holtWinters(values, 7, 14);
    expect(f.params.phi).toBe(1);
    expectAll(
      f.mean,
      Array.from({ length: 14 }, (_, h) => 5 + 2 * (56 + h)),
      6,
    );
    expect(f.params.trend).toBeCloseTo(2, 9);
    expect(f.sigma).toBeLessThan(1e-6);
  });

  it("reproduces a pure weekly pattern, in phase", () => {
    const week = [10, 20, 30, 40, 50, 60, 0];
    // 59 days: the last observed day is weekday 58 % 7 = 2 (value 30), so the forecast starts at 40.
    const values = repeat(week, 9).slice(0, 59);
    const f = holtWinters(values, 7, 10);
    expectAll(f.mean, [40, 50, 60, 0, 10, 20, 30, 40, 50, 60]);
    expect(f.sigma).toBeLessThan(1e-9);
    const auto = forecastDemand({ values: new Float64Array(values) }, 10);
    expect(auto.method).toBe("holt_winters");
    expectAll(auto.mean, [40, 50, 60, 0, 10, 20, 30, 40, 50, 60]);
  });

  it("falls back to ses with fewer than two full seasons, and never forecasts below zero", () => {
    expect(holtWinters([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 7, 3).method).toBe("ses");
    // A steep fall: the trend carries the forecast below zero, where it is clipped.
    const falling = Array.from({ length: 28 }, (_, t) => 100 - 3.5 * t);
    const f = holtWinters(falling, 7, 30);
    expect(f.mean[0]).toBeCloseTo(100 - 3.5 * 28, 6);
    expect(f.mean[29]).toBe(0);
    expect(Math.min(...f.mean)).toBe(0);
  });
});

describe("croston and sba", () => {
  // 6 units every third day: sizes are all 6, intervals all 3.
  const values = everyNth(6, 3, 60);

  it("forecast 6 / 3 = 2 a day (Croston) and 2 · (1 − α/2) (SBA)", () => {
    expect(Array.from(croston(values, 5, 0.1).mean)).toEqual([2, 2, 2, 2, 2]);
    expect(Array.from(croston(values, 5).mean)).toEqual([2, 2, 2, 2, 2]);
    expectAll(sba(values, 5, 0.1).mean, new Array(5).fill(1.9));
    const fitted = sba(values, 5);
    expectAll(fitted.mean, new Array(5).fill(2 * (1 - (fitted.params.alpha as number) / 2)));
    expect(fitted.params.size).toBe(6);
    expect(fitted.params.interval).toBe(3);
  });

  it("is what the automatic choice uses for a slow mover (whole weeks without demand)", () => {
    // 21 on the first day of every third week, 18 weeks: weekly totals 21, 0, 0, ... → intermittent by the week.
    const slow = Array.from({ length: 126 }, (_, t) => (t % 21 === 0 ? 21 : 0));
    expect(classifyForForecast(slow).kind).toBe("intermittent");
    const f = forecastDemand({ values: slow }, 7);
    expect(f.method).toBe("sba");
    expect(f.params.weekdayProfile).toBe(1);
    // The week's total is the flat SBA rate's, whatever the profile.
    const rate = sba(slow, 7).mean[0] as number;
    expect(Array.from(f.mean).reduce((a, b) => a + b, 0)).toBeCloseTo(rate * 7, 9);
  });

  it("leaves a SKU sold every week on its beat day to the seasonal method, which keeps the weekday pattern", () => {
    // Daily it looks intermittent (ADI 7); by the week it is perfectly regular (14 every week).
    const weekly = Array.from({ length: 84 }, (_, t) => (t % 7 === 0 ? 14 : 0));
    expect(classifyDemand(weekly).kind).toBe("intermittent");
    expect(classifyForForecast(weekly).kind).toBe("smooth");
    const f = forecastDemand({ values: weekly }, 7);
    expect(f.method).toBe("holt_winters");
    expectAll(f.mean, [14, 0, 0, 0, 0, 0, 0], 6);
  });

  it("spreads a flat rate over the weekdays by the series' profile (hand-worked)", () => {
    // 12 weeks of 14 on the first weekday only. Total 168, a prior of 168 / 12 / 7 = 2 per weekday, denominator
    // 168 + 7 x 2 = 182. The next day (day 84 = 12 x 7) is the beat day: it gets 7 x (168 + 2) / 182 of the daily
    // rate, every other day 7 x 2 / 182.
    const weekly = Array.from({ length: 84 }, (_, t) => (t % 7 === 0 ? 14 : 0));
    const flatRate = sba(weekly, 7).mean[0] as number;
    const f = spreadOverWeekdays(sba(weekly, 7), weekly, 7);
    expect(f.mean[0]).toBeCloseTo((flatRate * 7 * 170) / 182, 9);
    for (const h of [1, 2, 3, 4, 5, 6]) expect(f.mean[h]).toBeCloseTo((flatRate * 7 * 2) / 182, 9);
    expect(Array.from(f.mean).reduce((a, b) => a + b, 0)).toBeCloseTo(flatRate * 7, 9);
  });
});

describe("classifyDemand (Syntetos–Boylan–Croston: ADI 1.32, CV² 0.49)", () => {
  it("puts a value at a cut-off on the intermittent / erratic side", () => {
    // 33 days, 25 of them with demand 5: ADI = 33 / 25 = 1.32 exactly; CV² = 0.
    const at = Array.from({ length: 33 }, (_, t) => (t < 25 ? 5 : 0));
    expect(classifyDemand(at)).toEqual({ adi: 1.32, cv2: 0, kind: "intermittent" });
    // One more demand day: ADI = 33 / 26 < 1.32.
    const below = Array.from({ length: 33 }, (_, t) => (t < 26 ? 5 : 0));
    expect(classifyDemand(below).kind).toBe("smooth");
    // Sizes 17 and 3 alternately: mean 10, variance 49, CV² = 49 / 100 = 0.49 exactly.
    expect(classifyDemand(repeat([17, 3], 10))).toEqual({ adi: 1, cv2: 0.49, kind: "erratic" });
    // 16 and 4: variance 36, CV² = 0.36.
    expect(classifyDemand(repeat([16, 4], 10)).kind).toBe("smooth");
    // Both: ADI 2 and CV² 0.49.
    expect(classifyDemand(repeat([17, 0, 3, 0], 5))).toEqual({ adi: 2, cv2: 0.49, kind: "lumpy" });
  });

  it("counts from the first demand (days before it are before the SKU sold there) and finds no demand", () => {
    expect(classifyDemand([0, 0, 0, 0, 0, 5, 5, 5, 5]).adi).toBe(1);
    expect(classifyDemand([0, 0, 0, 0]).kind).toBe("none");
    expect(classifyDemand([]).kind).toBe("none");
  });
});

describe("events (Eid, Puja...)", () => {
  const week = [10, 20, 30, 40, 50, 60, 0];

  it("takes a 3x Eid week out of the fit and puts the 3x uplift on future event days", () => {
    const values = repeat(week, 12); // 84 days
    const eventDays = new Uint8Array(84);
    for (let t = 40; t < 47; t++) {
      eventDays[t] = 1;
      values[t] = 3 * (values[t] as number);
    }
    const future = new Uint8Array(14);
    future.fill(1, 3, 6);
    const f = forecastDemand({ values, eventDays }, 14, future);
    expect(f.method).toBe("holt_winters");
    // Uplift = (3·210) / 210 over the past Eid week: exactly 3.
    expect(f.params.uplift).toBe(3);
    const expected = Array.from({ length: 14 }, (_, h) => (h >= 3 && h < 6 ? 3 : 1) * (week[h % 7] as number));
    expectAll(f.mean, expected);
    // The fit never saw the peak: its error is that of the clean pattern.
    expect(f.sigma).toBeLessThan(1e-9);
  });

  it("leaves the uplift at 1 without past events, and bounds it", () => {
    const values = repeat(week, 12);
    const future = new Uint8Array(7).fill(1);
    const f = forecastDemand({ values, eventDays: new Uint8Array(84) }, 7, future);
    expect(f.params.uplift).toBe(1);
    expectAll(f.mean, week);

    const spike = new Array(84).fill(10);
    const flags = new Array<boolean>(84).fill(false);
    for (let t = 50; t < 53; t++) {
      spike[t] = 1000;
      flags[t] = true;
    }
    const g = forecastDemand({ values: spike, eventDays: flags }, 3, [true, false, true]);
    expect(g.params.uplift).toBe(UPLIFT_MAX);
    expectAll(g.mean, [10 * UPLIFT_MAX, 10, 10 * UPLIFT_MAX]);
  });
});

describe("backtest", () => {
  it("scores the forecast of a hand-worked intermittent series against the naive forecast", () => {
    // 28 days of 6 units every third day (days 0, 3, ..., 27), with no weekly season (season 1: "weeks" are days,
    // so the class is the daily one and the naive forecast repeats the last day); the last 7 are held out.
    const values = everyNth(6, 3, 28);
    const b = backtest({ values, season: 1 }, 7);
    expect(b.method).toBe("sba");
    expect(b.holdout).toBe(7);
    // Training, days 0..20: 7 demands of 6 → intermittent (ADI 21/7 = 3), SBA starts at size 6, interval 3, and its
    // in-sample error runs over days 1..20 (6 demands: mean 36/20 = 1.8), so the fit picks α = 0.2 whose forecast
    // 2 · (1 − 0.2/2) = 1.8 is exactly that mean (a one-day season spreads nothing).
    // Holdout days 21..27 sold [6, 0, 0, 6, 0, 0, 6]:
    //   MAE(SBA)   = (3 · |6 − 1.8| + 4 · 1.8) / 7 = (12.6 + 7.2) / 7 = 19.8 / 7
    //   naive repeats day 20 (0): errors 6, 0, 0, 6, 0, 0, 6 → MAE = 18 / 7
    //   scale: |y_t − y_{t−1}| for t = 1..20 (20 terms) is 6 when t % 3 is 0 or 1 (1, 3, 4, 6, 7, 9, 10, 12, 13, 15,
    //   16, 18, 19: 13 terms), else 0 → 78 / 20
    //   MASE = (19.8/7) / (78/20) = 396 / 546; naive MASE = (18/7) / (78/20) = 360 / 546; relative MAE = 19.8 / 18
    expect(b.mase).toBeCloseTo(396 / 546, 10);
    expect(b.naiveMase).toBeCloseTo(360 / 546, 10);
    expect(b.relativeMae).toBeCloseTo(1.1, 10);
  });

  it("is all null for an all-zero series (scale 0) and for one too short", () => {
    const zero = forecastDemand({ values: new Float64Array(400) }, 5);
    expect(zero.method).toBe("zero");
    expect(Array.from(zero.mean)).toEqual([0, 0, 0, 0, 0]);
    expect(zero.sigma).toBe(0);
    expect(backtest({ values: new Float64Array(400) })).toEqual({
      method: "zero",
      holdout: 28,
      mase: null,
      naiveMase: null,
      relativeMae: null,
    });
    // 2 · 7 + 28 − 1 days: one short of two training seasons.
    const short = backtest({ values: Array.from({ length: 41 }, (_, t) => 5 + (t % 7)) });
    expect(short.mase).toBeNull();
    expect(short.relativeMae).toBeNull();
    // A flat training part has no naive error to scale by.
    expect(backtest({ values: [...new Array(30).fill(4), ...new Array(28).fill(9)] }).mase).toBeNull();
  });

  it("flags holdout events from the series when not given", () => {
    const week = [10, 20, 30, 40, 50, 60, 0];
    const values = repeat(week, 12);
    const eventDays = new Uint8Array(84);
    for (const t of [20, 21, 22, 80, 81, 82]) {
      eventDays[t] = 1;
      values[t] = 2 * (values[t] as number);
    }
    // The past event doubles demand; the holdout's event days are forecast doubled, so the forecast is exact.
    const b = backtest({ values, eventDays }, 28);
    expect(b.mase).toBeCloseTo(0, 9);
    expect(b.relativeMae).toBeCloseTo(0, 9);
  });
});

describe("every forecast", () => {
  it("is finite and never negative, whatever the history", () => {
    const series = fc.array(
      fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5000 })),
      { minLength: 0, maxLength: 120 },
    );
    fc.assert(
      fc.property(series, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 10 }), (values, horizon, s) => {
        const eventDays = values.map((_, t) => t % 31 < 3);
        const future = Array.from({ length: horizon }, (_, h) => h % 10 === 0);
        const forecasts = [
          forecastDemand({ values, eventDays, season: s }, horizon, future),
          holtWinters(values, s, horizon),
          ses(values, horizon),
          sba(values, horizon),
          croston(values, horizon),
        ];
        for (const f of forecasts) {
          expect(f.mean.length).toBe(horizon);
          for (const v of f.mean) expect(Number.isFinite(v) && v >= 0).toBe(true);
          expect(Number.isFinite(f.sigma) && f.sigma >= 0).toBe(true);
        }
        const b = backtest({ values, eventDays, season: s }, 14);
        for (const v of [b.mase, b.naiveMase, b.relativeMae])
          expect(v === null || (Number.isFinite(v) && v >= 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
