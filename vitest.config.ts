// Three kinds of tests: unit and database tests on the embedded PGlite (always), the database tests
// again on PostgreSQL when DATABASE_URL is set, and browser journeys in headless Chromium.
import { defineConfig } from "vitest/config";

const postgres = process.env.DATABASE_URL;

export default defineConfig({
  test: {
    root: ".",
    // CI also writes a JSON report, from which .ci/run prints its closing "N passed, N failed" line.
    reporters: process.env.CI ? ["default", ["json", { outputFile: "test-results/vitest.json" }]] : ["default"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: "pglite",
          root: ".",
          include: ["src/**/*.test.ts"],
          env: { BIKRI_TEST_ENGINE: "pglite" },
        },
      },
      ...(postgres
        ? [
            {
              test: {
                name: "postgres",
                root: ".",
                include: ["src/**/*.db.test.ts"],
                env: { BIKRI_TEST_ENGINE: "postgres" },
              },
            },
          ]
        : []),
      {
        test: {
          name: "browser",
          root: ".",
          include: ["e2e/**/*.e2e.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
