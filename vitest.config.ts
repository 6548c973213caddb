// Three kinds of tests: unit and database tests on the embedded PGlite (always), the database tests
// again on PostgreSQL when DATABASE_URL is set (with the PostgreSQL-only *.pg.test.ts), and browser
// journeys in headless Chromium.
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Each project takes the root options (timeouts, reporters) and adds its own.
const pglite: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "pglite",
    include: ["src/**/*.test.ts"],
    // *.pg.test.ts need a PostgreSQL server (several processes, pg_dump): the postgres project runs them.
    exclude: ["src/**/*.pg.test.ts", "**/node_modules/**"],
    env: { BIKRI_TEST_ENGINE: "pglite" },
  },
};
const postgres: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "postgres",
    include: ["src/**/*.db.test.ts", "src/**/*.pg.test.ts"],
    env: { BIKRI_TEST_ENGINE: "postgres" },
  },
};
const browser: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "browser",
    include: ["e2e/**/*.e2e.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A screen waits on the server, which shares two cores with the database tests running beside it in CI:
    // a poll gets as long as a Playwright wait rather than vitest's default second.
    expect: { poll: { timeout: 15_000 } },
  },
};

export default defineConfig({
  test: {
    root: ".",
    // CI also writes a JSON report, from which .ci/run prints its closing "N passed, N failed" line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: "test-results/vitest.json" }]] : ["default"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: process.env.DATABASE_URL ? [pglite, postgres, browser] : [pglite, browser],
  },
});
