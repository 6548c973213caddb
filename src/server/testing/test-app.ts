// The app over a fresh test database, with two demo organisations, and a small client that signs in
// and carries the session cookie and CSRF token the way the web app does.
import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { DEMO_SIZES, type DemoSummary, seedDemo } from "../demo/demo-seed.ts";
import type { App } from "../platform/http.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface TestApp {
  app: App;
  database: TestDatabase;
  orgA: DemoSummary;
  orgB: DemoSummary;
  close(): Promise<void>;
}

export const ORG_A_DOMAIN = "a.test.bikri.app";
export const ORG_B_DOMAIN = "b.test.bikri.app";
export const PASSWORD = "bikri-demo";

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    BIKRI_JOBS: "false",
    LOGIN_RATE_PER_MINUTE: "10000",
    ...env,
  });
  // Tiny secondary-sales data (3 distributors, 30 outlets, 12 SKUs, about 40 historical memos): enough for
  // scope and isolation tests, quick enough for every test file.
  const small = {
    routesPerTerritory: 1,
    extraUsers: 8,
    refreshStatistics: false,
    deliveryTrip: false,
    ...DEMO_SIZES.tiny,
  };
  const orgA = await seedDemo(database.handle.db, {
    ...small,
    seed: "org-a",
    slug: "org-a",
    emailDomain: ORG_A_DOMAIN,
  });
  const orgB = await seedDemo(database.handle.db, {
    ...small,
    seed: "org-b",
    slug: "org-b",
    emailDomain: ORG_B_DOMAIN,
  });
  const app = await buildApp({ config, database: database.handle, logger: false });
  await app.ready();
  return {
    app,
    database,
    orgA,
    orgB,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface Caller {
  cookie: string;
  csrf: string;
  request(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function signIn(app: App, email: string, password = PASSWORD): Promise<Caller> {
  const res = await app.inject({ method: "POST", url: "/api/v1/auth/sign-in", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} answered ${res.statusCode}: ${res.body}`);
  const session = res.cookies.find((c) => c.name === "bikri_session");
  if (!session) throw new Error("sign-in set no session cookie");
  const cookie = `bikri_session=${session.value}`;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, "x-csrf-token": csrf, ...headers },
        ...(body !== undefined && { payload: body as object }),
      }),
  };
}
