// What every workload shares: the command line (`npm run bench -- <workload> [--size] [--runs] [--seconds]
// [--warmup]`), repeated runs summarised as median and spread, and the result file
// bench/results/<workload>.json: {"workload", "engine", "options", "metrics": [{name, value, unit, min, max, runs}]}
// where value is the median over the runs.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_SIZES, type DemoSizeName } from "../src/server/demo/demo-seed.ts";

export interface Metric {
  name: string;
  value: number;
  unit: string;
}

export interface SummarisedMetric extends Metric {
  /** The spread over the runs; value is their median. */
  min: number;
  max: number;
  runs: number[];
}

export interface BenchOptions {
  /** Demo data size for workloads that seed their own database. */
  size: DemoSizeName;
  /** Measured runs (after the warm-up); the result is their median. */
  runs: number;
  /** Length of one measured run, for workloads that run for a time. */
  seconds: number;
  /** Traffic before the first measured run, discarded (JIT, caches, pools). */
  warmupSeconds: number;
}

export function parseBenchArgs(argv: string[], defaults: Partial<BenchOptions> = {}) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      size: { type: "string" },
      runs: { type: "string" },
      seconds: { type: "string" },
      warmup: { type: "string" },
    },
  });
  const size = (values.size ?? defaults.size ?? "small") as DemoSizeName;
  if (!(size in DEMO_SIZES)) throw new Error(`--size must be one of ${Object.keys(DEMO_SIZES).join(", ")}`);
  const num = (v: string | undefined, fallback: number, what: string) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${what} must be a number`);
    return n;
  };
  const options: BenchOptions = {
    size,
    runs: Math.max(1, Math.round(num(values.runs, defaults.runs ?? 3, "runs"))),
    seconds: num(values.seconds ?? process.env.BENCH_SECONDS, defaults.seconds ?? 5, "seconds"),
    warmupSeconds: num(values.warmup, defaults.warmupSeconds ?? 2, "warmup"),
  };
  return { workload: positionals[0], options };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** The runs' metrics by name: median as the value, with min, max and every run's value. */
export function summarise(runs: readonly Metric[][]): SummarisedMetric[] {
  const first = runs[0] ?? [];
  return first.map((m) => {
    const values = runs.map((r) => r.find((x) => x.name === m.name)?.value ?? Number.NaN);
    return {
      name: m.name,
      value: round(median(values)),
      unit: m.unit,
      min: round(Math.min(...values)),
      max: round(Math.max(...values)),
      runs: values.map(round),
    };
  });
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Runs a measurement `runs` times after one discarded warm-up, and summarises. */
export async function repeat(
  options: BenchOptions,
  measure: (seconds: number) => Promise<Metric[]>,
): Promise<SummarisedMetric[]> {
  if (options.warmupSeconds > 0) await measure(options.warmupSeconds);
  const runs: Metric[][] = [];
  for (let i = 0; i < options.runs; i++) {
    runs.push(await measure(options.seconds));
    console.error(`run ${i + 1}/${options.runs} done`);
  }
  return summarise(runs);
}

export function writeResult(workload: string, engine: string, options: BenchOptions, metrics: Metric[]) {
  const result = { workload, engine, options, metrics };
  const dir = path.resolve("bench/results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${workload}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}
