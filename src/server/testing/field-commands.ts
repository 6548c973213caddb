// What the field app sends, for tests: commands for POST /api/v1/field/sync with device times just behind the
// server's clock (a command's time may be neither ahead of the server nor a month old), and a proposed outlet
// with a real photo.
import { sql } from "kysely";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import type { Caller } from "./test-app.ts";

/** A real 1×1 grey baseline JPEG (141 bytes, made with libjpeg): what the phone uploads, only smaller. */
export const TINY_JPEG_BASE64 = Buffer.from(
  "ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc0000b080001000101011100ffc40014000100000000000000000000000000000000ffc40014100100000000000000000000000000000000ffda0008010100003f003fffd9",
  "hex",
).toString("base64");

export interface SentCommand {
  id: string;
  kind: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface CommandResult {
  id: string;
  kind: string;
  status: "applied" | "rejected";
  replayed: boolean;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  warnings: { code: string; message: string }[];
  data: Record<string, unknown>;
}

/** A command done a minute ago (so that later ones in the same test follow it), with a fresh id. */
export const fieldCommand = (kind: string, payload: Record<string, unknown>): SentCommand => ({
  id: newId(),
  kind,
  at: new Date(Date.now() - 60_000).toISOString(),
  payload,
});

/** An outlet a rep proposes on a route, with a photo of the shop. */
export const outletProposal = (routeId: string): Record<string, unknown> => ({
  outletId: newId(),
  name: "Field Store",
  nameBn: "মাঠের দোকান",
  ownerName: "Rahim",
  phone: "01711000000",
  channel: "grocery",
  routeId,
  gps: { lat: 23.9, lng: 90.4 },
  photo: { contentType: "image/jpeg", base64: TINY_JPEG_BASE64 },
});

/** Sends commands that must all be applied (test set-up): anything else is thrown, loudly. */
export async function applyCommands(caller: Caller, commands: SentCommand[]): Promise<CommandResult[]> {
  const res = await caller.request("POST", "/api/v1/field/sync", { commands });
  if (res.statusCode !== 200) throw new Error(`setup: field sync answered ${res.statusCode}: ${res.body}`);
  const results = (res.json() as { results: CommandResult[] }).results;
  const failed = results.filter((r) => r.status !== "applied");
  if (failed.length > 0 || results.length !== commands.length)
    throw new Error(`setup: field commands not applied: ${JSON.stringify(failed)}`);
  return results;
}

/** A route the rep walks today (its latest assignment is theirs): where the rep's field work in a test goes. */
export async function routeWalkedBy(db: Executor, orgId: string, repUserId: string): Promise<string> {
  const res = await sql<{ route_id: string }>`
    select route_id from (
      select distinct on (route_id) route_id, rep_user_id from route_assignments
      where org_id = ${orgId} and effective_from <= ${businessDate()}
      order by route_id, effective_from desc) latest
    where rep_user_id = ${repUserId} order by route_id limit 1`.execute(db);
  const routeId = res.rows[0]?.route_id;
  if (!routeId) throw new Error("setup: the rep walks no route");
  return routeId;
}
