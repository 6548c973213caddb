// Fixtures for the network's database tests, made through the API as a user would make them.
import { expect } from "vitest";
import type { Caller, TestApp } from "../testing/test-app.ts";

let seq = 0;
const nextCode = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${++seq}`;

/** The first route (beat) under a territory code, e.g. routeUnder(t, "DHA-GAZ"). */
export async function routeUnder(t: TestApp, orgId: string, territoryCode: string): Promise<string> {
  const row = await t.database.handle.db
    .selectFrom("territories")
    .select("id")
    .where("org_id", "=", orgId)
    .where("level", "=", "route")
    .where("code", "like", `${territoryCode}-%`)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function territoryId(t: TestApp, orgId: string, code: string): Promise<string> {
  const row = await t.database.handle.db
    .selectFrom("territories")
    .select("id")
    .where("org_id", "=", orgId)
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createDistributor(
  caller: Caller,
  territoryId: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; code: string }> {
  const code = nextCode("DST");
  const res = await caller.request("POST", "/api/v1/distributors", {
    code,
    name: `Test Traders ${code}`,
    nameBn: "টেস্ট ট্রেডার্স",
    ownerName: "Abdul Karim",
    phone: "01711000000",
    address: "Tongi, Gazipur",
    territoryId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, code };
}

export async function createOutlet(
  caller: Caller,
  routeId: string,
  distributorId: string | null,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; code: string }> {
  const code = nextCode("OUT");
  const res = await caller.request("POST", "/api/v1/outlets", {
    code,
    name: `Shop ${code}`,
    nameBn: "দোকান",
    ownerName: "Rahim Uddin",
    phone: "01812345678",
    channel: "grocery",
    routeId,
    distributorId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, code };
}
