// Demand forecasting maths (A3): pure functions over one daily series, no I/O. The forecast job runs them on every
// distributor x SKU series of an org (tens of thousands of ~400-day series inside a minute on one core), so the hot
// loops run over typed arrays with no per-point allocation, and parameters are fitted on small grids by the in-sample
// one-step squared error rather than by a general optimiser.
//
// Conventions every function shares:
// - A series is daily demand in base units, oldest first, with zero days present.
// - Days before a series' first demand are taken as "not yet sold there" (a new SKU, a new distributor), not as
//   zero demand: the automatic forecast and the backtest start at the first demand day, or a launch a month ago
//   would look intermittent and its seasonal start would be fitted on zeros.
// - Forecasts never go below zero.

/** One series to forecast. */
export interface DemandSeries {
  /** Daily demand in base units, oldest first, zeros included. */
  values: Float64Array | number[];
  /** Season length in days; default 7 (the weekday pattern of a Bangladeshi trade week). */
  season?: number;
  /** 1 where a configured event (Eid, Puja...) covers that day; same length as values. */
  eventDays?: Uint8Array | boolean[];
}

export type MethodName = "holt_winters" | "ses" | "sba" | "croston" | "seasonal_naive" | "zero";

export interface Forecast {
  method: MethodName;
  /** Mean demand per future day, day 0 being the day after the last observation. */
  mean: Float64Array;
  /** Standard deviation of the in-sample one-step (daily) errors: what safety stock scales with. */
  sigma: number;
  /** The fitted parameters (and the event uplift from forecastDemand), for display and diagnosis. */
  params: Record<string, number>;
}

export type DemandKind = "smooth" | "erratic" | "intermittent" | "lumpy" | "none";

type Values = ArrayLike<number>;
type Flags = ArrayLike<number | boolean>;

export const DEFAULT_SEASON = 7;
/** Syntetos, Boylan & Croston (2005) cut-offs: past them Croston-type methods beat smoothing. */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;
/** Bounds of the event uplift: one Eid a year is little evidence, so a freak week cannot multiply demand by 50. */
export const UPLIFT_MIN = 0.2;
export const UPLIFT_MAX = 5;

// The parameter grids. Daily sell-out is noisy, so the grids lean to slow smoothing; each is small because a fit
// runs once per grid point over the whole series.
export const SES_ALPHAS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9] as const;
export const CROSTON_ALPHAS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3] as const;
export const HW_ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8] as const;
export const HW_BETAS = [0, 0.005, 0.02, 0.05, 0.15] as const;
export const HW_GAMMAS = [0, 0.02, 0.05, 0.1, 0.2, 0.35] as const;
export const HW_PHIS = [0.8, 0.9, 0.95, 0.98, 1] as const;

/** Index of the first day with demand, or -1 when there is none. */
function firstDemand(values: Values): number {
  for (let t = 0; t < values.length; t++) if ((values[t] as number) > 0) return t;
  return -1;
}

/** A copy of values[from, to) as a Float64Array (the methods work on their own copy; callers may reuse theirs). */
function copyRange(values: Values, from: number, to: number): Float64Array {
  const out = new Float64Array(Math.max(0, to - from));
  for (let t = from; t < to; t++) out[t - from] = values[t] as number;
  return out;
}

function flat(method: MethodName, level: number, horizon: number, sigma: number, params: Record<string, number>) {
  const mean = new Float64Array(Math.max(0, horizon));
  mean.fill(Math.max(0, level));
  return { method, mean, sigma, params } satisfies Forecast;
}

/**
 * Syntetos–Boylan–Croston classification. ADI (average inter-demand interval) = days from the first demand to the
 * end / demand days (trailing zeros count: a SKU that stopped selling becomes intermittent); CV² = squared
 * coefficient of variation of the non-zero sizes. ADI < 1.32 and CV² < 0.49 is smooth; a value at a cut-off falls on
 * the intermittent / erratic side, as in the paper's "ADI ≥ 1.32".
 */
export function classifyDemand(values: Values): { adi: number; cv2: number; kind: DemandKind } {
  const first = firstDemand(values);
  if (first < 0) return { adi: Number.POSITIVE_INFINITY, cv2: 0, kind: "none" };
  let k = 0;
  let sum = 0;
  for (let t = first; t < values.length; t++) {
    const v = values[t] as number;
    if (v > 0) {
      k++;
      sum += v;
    }
  }
  const mean = sum / k;
  let ss = 0;
  for (let t = first; t < values.length; t++) {
    const v = values[t] as number;
    if (v > 0) ss += (v - mean) * (v - mean);
  }
  const adi = (values.length - first) / k;
  const cv2 = ss / k / (mean * mean);
  const regular = adi < ADI_CUTOFF;
  const steady = cv2 < CV2_CUTOFF;
  const kind = regular ? (steady ? "smooth" : "erratic") : steady ? "intermittent" : "lumpy";
  return { adi, cv2, kind };
}

/**
 * The class of a daily series as the automatic choice reads it: classifyDemand over whole seasons (weeks), counted
 * back from the last day, once there are two. Days without orders are mostly the beat calendar (a route is walked
 * on fixed weekdays, nobody orders on the weekly holiday), which the seasonal method models; a slow mover is a SKU
 * that goes whole weeks without demand. Daily, a SKU sold every week on its beat day would look intermittent and lose
 * its weekday pattern to a flat rate.
 */
export function classifyForForecast(
  values: Values,
  season = DEFAULT_SEASON,
): { adi: number; cv2: number; kind: DemandKind } {
  const first = firstDemand(values);
  if (first < 0) return { adi: Number.POSITIVE_INFINITY, cv2: 0, kind: "none" };
  const n = values.length;
  const weeks = Math.floor((n - first) / season);
  if (weeks < 2) return classifyDemand(copyRange(values, first, n));
  const sums = new Float64Array(weeks);
  const start = n - weeks * season;
  for (let t = start; t < n; t++) {
    const w = Math.floor((t - start) / season);
    sums[w] = (sums[w] as number) + (values[t] as number);
  }
  return classifyDemand(sums);
}

/**
 * The benchmark every method must beat: each future day repeats the same weekday of the last season. With less than
 * one season of history it repeats the last day.
 */
export function seasonalNaive(values: Values, season: number, horizon: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(Math.max(0, horizon));
  if (n === 0) return out;
  if (n < season) return out.fill(values[n - 1] as number);
  for (let h = 0; h < out.length; h++) out[h] = values[n - season + (h % season)] as number;
  return out;
}

// --- simple exponential smoothing -----------------------------------------------------------------------------

let sesLevel = 0;

/** One-step SSE of SES from level l0 over y; leaves the final level in sesLevel. Stops early past `bound`. */
function sesRun(y: Values, alpha: number, l0: number, bound: number): number {
  let l = l0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const e = (y[t] as number) - l;
    sse += e * e;
    if (sse > bound) return sse;
    l += alpha * e;
  }
  sesLevel = l;
  return sse;
}

/**
 * Simple exponential smoothing: a level and no pattern, for short histories. The start level is the mean of the
 * first week (a single first day is too noisy a start); alpha, unless given, is the grid value with the least
 * one-step squared error (ties go to the slower one).
 */
export function ses(values: Values, horizon: number, alpha?: number): Forecast {
  const n = values.length;
  if (n === 0) return flat("ses", 0, horizon, 0, { alpha: alpha ?? 0, level: 0 });
  const first = Math.min(n, DEFAULT_SEASON);
  let l0 = 0;
  for (let t = 0; t < first; t++) l0 += values[t] as number;
  l0 /= first;
  const grid: readonly number[] = alpha === undefined ? SES_ALPHAS : [alpha];
  let best = Number.POSITIVE_INFINITY;
  let bestAlpha = grid[0] as number;
  for (const a of grid) {
    const sse = sesRun(values, a, l0, best);
    if (sse < best) {
      best = sse;
      bestAlpha = a;
    }
  }
  sesRun(values, bestAlpha, l0, Number.POSITIVE_INFINITY);
  const level = sesLevel;
  return flat("ses", level, horizon, Math.sqrt(best / n), { alpha: bestAlpha, level });
}

// --- Holt–Winters, additive, damped trend -----------------------------------------------------------------------

// Final state of the last hwRun (module scratch, so a fit allocates nothing per grid point).
let hwLevel = 0;
let hwTrend = 0;
let hwSeasonal = new Float64Array(DEFAULT_SEASON);

/**
 * One pass of additive damped Holt–Winters (Hyndman & Athanasopoulos, fpp3 §8.3) from the initial state; returns the
 * one-step SSE, stopping early once it passes `bound` (a grid point already beaten need not finish).
 *   ŷ_t = l + φb + s_{t-m};  l' = α(y − s) + (1−α)(l + φb);  b' = β(l' − l) + (1−β)φb;  s' = γ(y − l − φb) + (1−γ)s
 */
function hwRun(
  y: Float64Array,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  l0: number,
  b0: number,
  s0: Float64Array,
  bound: number,
): number {
  const s = hwSeasonal;
  s.set(s0);
  let l = l0;
  let b = b0;
  let sse = 0;
  let j = 0;
  for (let t = 0; t < y.length; t++) {
    const yt = y[t] as number;
    const sj = s[j] as number;
    const base = l + phi * b;
    const e = yt - base - sj;
    sse += e * e;
    if (sse > bound) return sse;
    const next = alpha * (yt - sj) + (1 - alpha) * base;
    b = beta * (next - l) + (1 - beta) * phi * b;
    s[j] = gamma * (yt - base) + (1 - gamma) * sj;
    l = next;
    if (++j === m) j = 0;
  }
  hwLevel = l;
  hwTrend = b;
  return sse;
}

export interface HoltWintersOptions {
  alpha?: number;
  beta?: number;
  gamma?: number;
  phi?: number;
}

/**
 * Additive Holt–Winters with a damped trend: level, trend and a weekday pattern, for regular demand.
 * Start state from the first full seasons (up to four): the trend is the slope between the first and last of those
 * season means, the weekday effects are each day's average distance from its season's trend line, and the level sits
 * one day before the first observation, so a pure line or a pure weekly pattern is fitted with no error at all.
 * Parameters not given are fitted coordinate-wise over small grids (each in turn, holding the others, until a round
 * changes nothing; at most three rounds) by the least one-step SSE: about 60 passes instead of the 1 000 of a full
 * grid, which the forecast job's time budget cannot pay. With fewer than two full seasons there is no pattern to
 * learn, and it falls back to ses.
 */
export function holtWinters(values: Values, season: number, horizon: number, opts: HoltWintersOptions = {}): Forecast {
  const m = Math.max(1, Math.floor(season));
  const n = values.length;
  const seasons = Math.floor(n / m);
  if (seasons < 2) return ses(values, horizon, opts.alpha);
  const y = copyRange(values, 0, n);

  const k = Math.min(seasons, 4);
  const means = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += y[i * m + j] as number;
    means[i] = sum / m;
  }
  const b0 = ((means[k - 1] as number) - (means[0] as number)) / ((k - 1) * m);
  const s0 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += (y[i * m + j] as number) - ((means[i] as number) + b0 * (j - (m - 1) / 2));
    s0[j] = sum / k;
  }
  const l0 = (means[0] as number) - (b0 * (m + 1)) / 2;
  if (hwSeasonal.length !== m) hwSeasonal = new Float64Array(m);

  const grids: (readonly number[])[] = [
    opts.alpha === undefined ? HW_ALPHAS : [opts.alpha],
    opts.beta === undefined ? HW_BETAS : [opts.beta],
    opts.gamma === undefined ? HW_GAMMAS : [opts.gamma],
    opts.phi === undefined ? HW_PHIS : [opts.phi],
  ];
  // Start from a typical fit for noisy daily sales; a fixed parameter is its only grid value.
  const p = [opts.alpha ?? 0.1, opts.beta ?? 0.005, opts.gamma ?? 0.05, opts.phi ?? 0.95];
  const sseAt = (q: number[], bound: number) =>
    hwRun(y, m, q[0] as number, q[1] as number, q[2] as number, q[3] as number, l0, b0, s0, bound);
  let best = sseAt(p, Number.POSITIVE_INFINITY);
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (let c = 0; c < 4; c++) {
      const current = p[c] as number;
      let bestValue = current;
      for (const v of grids[c] as readonly number[]) {
        if (v === current) continue;
        p[c] = v;
        const sse = sseAt(p, best);
        if (sse < best) {
          best = sse;
          bestValue = v;
        }
      }
      p[c] = bestValue;
      if (bestValue !== current) changed = true;
    }
    if (!changed) break;
  }
  const [alpha, beta, gamma, phi] = p as [number, number, number, number];
  sseAt(p, Number.POSITIVE_INFINITY);

  const mean = new Float64Array(Math.max(0, horizon));
  let damp = 0;
  let phiPower = 1;
  for (let h = 0; h < mean.length; h++) {
    phiPower *= phi;
    damp += phiPower;
    const v = hwLevel + damp * hwTrend + (hwSeasonal[(n + h) % m] as number);
    mean[h] = v > 0 ? v : 0;
  }
  return {
    method: "holt_winters",
    mean,
    sigma: Math.sqrt(best / n),
    params: { alpha, beta, gamma, phi, level: hwLevel, trend: hwTrend },
  };
}

// --- Croston and SBA ---------------------------------------------------------------------------------------------

let crostonSize = 0;
let crostonInterval = 1;

/**
 * One pass of Croston from the first demand day: the forecast is factor·z/p; after each demand z (size) and p (days
 * since the previous demand) are smoothed. Returns the SSE of the days after the first demand.
 */
function crostonRun(
  y: Values,
  first: number,
  alpha: number,
  factor: number,
  z0: number,
  p0: number,
  bound: number,
): number {
  let z = z0;
  let p = p0;
  let last = first;
  let sse = 0;
  for (let t = first + 1; t < y.length; t++) {
    const yt = y[t] as number;
    const e = yt - (factor * z) / p;
    sse += e * e;
    if (sse > bound) return sse;
    if (yt > 0) {
      z += alpha * (yt - z);
      p += alpha * (t - last - p);
      last = t;
    }
  }
  crostonSize = z;
  crostonInterval = p;
  return sse;
}

/**
 * Croston's method for intermittent demand, and SBA (Syntetos–Boylan approximation) which multiplies it by
 * (1 − α/2) to remove Croston's known upward bias. Size and interval start at their series means (mean non-zero
 * size; mean gap between demands), so a perfectly regular series is right from the first day. Flat forecast.
 */
function intermittent(values: Values, horizon: number, alpha: number | undefined, debias: boolean): Forecast {
  const method: MethodName = debias ? "sba" : "croston";
  const first = firstDemand(values);
  if (first < 0) return flat(method, 0, horizon, 0, { alpha: alpha ?? 0, size: 0, interval: 0 });
  let k = 0;
  let sum = 0;
  let last = first;
  for (let t = first; t < values.length; t++) {
    const v = values[t] as number;
    if (v > 0) {
      k++;
      sum += v;
      last = t;
    }
  }
  const z0 = sum / k;
  const p0 = k >= 2 ? (last - first) / (k - 1) : values.length - first;
  const grid: readonly number[] = alpha === undefined ? CROSTON_ALPHAS : [alpha];
  let best = Number.POSITIVE_INFINITY;
  let bestAlpha = grid[0] as number;
  for (const a of grid) {
    const sse = crostonRun(values, first, a, debias ? 1 - a / 2 : 1, z0, p0, best);
    if (sse < best) {
      best = sse;
      bestAlpha = a;
    }
  }
  const factor = debias ? 1 - bestAlpha / 2 : 1;
  crostonRun(values, first, bestAlpha, factor, z0, p0, Number.POSITIVE_INFINITY);
  const count = values.length - first - 1;
  // A single demand day leaves no error to measure: its size is the honest guess at the spread.
  const sigma = count > 0 ? Math.sqrt(best / count) : z0;
  return flat(method, (factor * crostonSize) / crostonInterval, horizon, sigma, {
    alpha: bestAlpha,
    size: crostonSize,
    interval: crostonInterval,
  });
}

/** Croston (1972): smoothed demand size over smoothed interval. */
export function croston(values: Values, horizon: number, alpha?: number): Forecast {
  return intermittent(values, horizon, alpha, false);
}

/** SBA: Croston times (1 − α/2), the intermittent method used by forecastDemand. */
export function sba(values: Values, horizon: number, alpha?: number): Forecast {
  return intermittent(values, horizon, alpha, true);
}

// --- automatic choice, events ------------------------------------------------------------------------------------

const isSet = (flags: Flags | undefined, i: number) => flags !== undefined && i < flags.length && !!flags[i];

/**
 * Takes event days out of y (in place): each becomes what a normal day would have sold (the mean of the same weekday
 * on non-event days up to four weeks either side; else of any non-event day within four weeks; else of all non-event
 * days), and returns uplift = event-day demand / that expectation, bounded; 1 without past events or evidence.
 * `offset` is where y starts in the flags.
 */
function takeOutEvents(y: Float64Array, flags: Flags, offset: number, m: number): number {
  const n = y.length;
  let events = 0;
  let plainSum = 0;
  for (let t = 0; t < n; t++) {
    if (isSet(flags, offset + t)) events++;
    else plainSum += y[t] as number;
  }
  if (events === 0 || events === n) return 1;
  const plainMean = plainSum / (n - events);
  let actual = 0;
  let expected = 0;
  for (let t = 0; t < n; t++) {
    if (!isSet(flags, offset + t)) continue;
    let sum = 0;
    let count = 0;
    for (let w = -4; w <= 4; w++) {
      const u = t + w * m;
      if (w === 0 || u < 0 || u >= n || isSet(flags, offset + u)) continue;
      sum += y[u] as number;
      count++;
    }
    if (count === 0) {
      for (let u = Math.max(0, t - 28); u <= Math.min(n - 1, t + 28); u++) {
        if (isSet(flags, offset + u)) continue;
        sum += y[u] as number;
        count++;
      }
    }
    const normal = count > 0 ? sum / count : plainMean;
    actual += y[t] as number;
    expected += normal;
    y[t] = normal;
  }
  if (!(expected > 0)) return 1;
  return Math.min(UPLIFT_MAX, Math.max(UPLIFT_MIN, actual / expected));
}

/** Weeks of history the weekday profile of an intermittent series is measured over. */
export const PROFILE_WEEKS = 12;

/**
 * Spreads a flat intermittent forecast over the days of the season by the series' own profile (its share of demand
 * on each weekday over the last PROFILE_WEEKS, shrunk towards flat by one season's worth of average demand). Demand
 * at a distributor follows the beat calendar: a route is walked on fixed weekdays and no one orders on the weekly
 * holiday, so a flat rate would forecast Friday's orders that never come. The rate (the mean over a season) is kept.
 */
export function spreadOverWeekdays(f: Forecast, y: Values, season: number): Forecast {
  const n = y.length;
  const from = Math.max(0, n - season * PROFILE_WEEKS);
  const sums = new Float64Array(season);
  let total = 0;
  for (let t = from; t < n; t++) {
    sums[(t - from) % season] = (sums[(t - from) % season] as number) + (y[t] as number);
    total += y[t] as number;
  }
  if (!(total > 0) || n - from < 2 * season) return f;
  const weeks = (n - from) / season;
  // A pseudo-count per weekday of one week's average day: a handful of orders cannot zero a weekday out.
  const prior = total / weeks / season;
  const denominator = total + prior * season;
  for (let h = 0; h < f.mean.length; h++) {
    const day = (n - from + h) % season;
    f.mean[h] = (f.mean[h] as number) * season * (((sums[day] as number) + prior) / denominator);
  }
  f.params.weekdayProfile = 1;
  return f;
}

/**
 * The forecast the job stores, the method chosen from the history's weekly class (classifyForForecast): no demand →
 * zero; intermittent or lumpy (whole weeks without demand) → SBA spread over the weekdays; smooth or erratic →
 * Holt–Winters (SES when under two seasons). Event days are taken out of the fit and come back
 * as an uplift (params.uplift) on the future event days. The fit starts at the first demand day.
 */
export function forecastDemand(series: DemandSeries, horizon: number, futureEventDays?: Flags): Forecast {
  const season = series.season ?? DEFAULT_SEASON;
  const values = series.values;
  const first = firstDemand(values);
  if (first < 0) return flat("zero", 0, horizon, 0, { uplift: 1 });
  const y = copyRange(values, first, values.length);
  const uplift = series.eventDays ? takeOutEvents(y, series.eventDays, first, season) : 1;
  const kind = classifyForForecast(values, season).kind;
  const f =
    kind === "intermittent" || kind === "lumpy"
      ? spreadOverWeekdays(sba(y, horizon), y, season)
      : holtWinters(y, season, horizon);
  if (uplift !== 1 && futureEventDays) {
    for (let h = 0; h < f.mean.length; h++) if (isSet(futureEventDays, h)) f.mean[h] = (f.mean[h] as number) * uplift;
  }
  f.params.uplift = uplift;
  return f;
}

export interface Backtest {
  method: MethodName;
  holdout: number;
  mase: number | null;
  naiveMase: number | null;
  /** MAE(method) / MAE(seasonal naive) over the holdout. */
  relativeMae: number | null;
}

/**
 * How the automatic forecast would have done: fit on all but the last `holdout` days, forecast those, compare with
 * what sold. MASE = MAE / in-sample MAE of the seasonal naive (lag = season) on the training days from the first
 * demand (Hyndman & Koehler 2006); naiveMase is the same for the seasonal-naive forecast of the holdout, so a
 * method is worth its keep where mase < naiveMase. Null when that scale is 0 or the training part is under two
 * seasons from its first demand. `futureEventDays` flags the holdout days; by default the series' own flags.
 */
export function backtest(series: DemandSeries, holdout = 28, futureEventDays?: Flags): Backtest {
  const season = series.season ?? DEFAULT_SEASON;
  const values = series.values;
  const n = values.length;
  const h = Math.max(0, Math.min(holdout, n));
  const trainLen = n - h;
  const train = copyRange(values, 0, trainLen);
  const events = series.eventDays;
  let holdoutEvents = futureEventDays;
  if (!holdoutEvents && events) {
    const flags = new Uint8Array(h);
    for (let i = 0; i < h; i++) flags[i] = events[trainLen + i] ? 1 : 0;
    holdoutEvents = flags;
  }
  // The full flags serve the training part as they are: the fit reads only its first trainLen days.
  const f = forecastDemand(
    events ? { values: train, season, eventDays: events } : { values: train, season },
    h,
    holdoutEvents,
  );
  const none = { method: f.method, holdout: h, mase: null, naiveMase: null, relativeMae: null };
  const first = firstDemand(train);
  if (h === 0 || first < 0 || trainLen - first < 2 * season) return none;

  let scaleSum = 0;
  for (let t = first + season; t < trainLen; t++)
    scaleSum += Math.abs((train[t] as number) - (train[t - season] as number));
  const scale = scaleSum / (trainLen - first - season);
  const naive = seasonalNaive(train, season, h);
  let errMethod = 0;
  let errNaive = 0;
  for (let i = 0; i < h; i++) {
    const actual = values[trainLen + i] as number;
    errMethod += Math.abs(actual - (f.mean[i] as number));
    errNaive += Math.abs(actual - (naive[i] as number));
  }
  const maeMethod = errMethod / h;
  const maeNaive = errNaive / h;
  return {
    method: f.method,
    holdout: h,
    mase: scale > 0 ? maeMethod / scale : null,
    naiveMase: scale > 0 ? maeNaive / scale : null,
    relativeMae: maeNaive > 0 ? maeMethod / maeNaive : null,
  };
}
