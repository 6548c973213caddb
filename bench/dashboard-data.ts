// The `dashboard` benchmark's data: the `huge` demo (a year of a national company, about ten million order
// lines) in its own PostgreSQL database, bikri_bench_dashboard_<order lines>, seeded once and reused.
//
// Seeding takes a while, so it can be started ahead of the benchmark on its own:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres nohup npx tsx bench/dashboard-data.ts \
//     > /tmp/dashboard-seed.log 2>&1 &
// It prints its progress every half minute and the database's URL when it is ready; run again, it finds
// the database seeded and returns at once.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEMO_SIZES, type DemoSizeName } from "../src/server/demo/demo-seed.ts";
import { benchDatabase } from "./bench-database.ts";

export const DASHBOARD_SIZE: DemoSizeName = "huge";
/** bikri_bench_dashboard_<order lines>: a smaller size (`--size small`) gets its own, for a quick trial of the bench. */
export const dashboardDatabaseName = (size: DemoSizeName = DASHBOARD_SIZE) =>
  `bikri_bench_dashboard_${DEMO_SIZES[size].orderLines}`;

/** The URL of the dashboard benchmark's database on the server of `baseUrl`, seeded if it was not yet. */
export function dashboardDatabase(baseUrl: string, size: DemoSizeName = DASHBOARD_SIZE): Promise<string> {
  return benchDatabase(baseUrl, dashboardDatabaseName(size), size);
}

const runDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    console.error(
      "set DATABASE_URL to the PostgreSQL server (any database on it), e.g. postgres://postgres@127.0.0.1:5432/postgres",
    );
    process.exit(2);
  }
  dashboardDatabase(baseUrl).then(
    (url) => console.log(`ready: ${url}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
