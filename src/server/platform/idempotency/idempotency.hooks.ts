// Idempotency-Key on POST: the first response is stored per org and caller and replayed for a retry with
// the same key; the same key with a different body is refused (422). Keys live at least 24 hours.
// The claim is fenced: the request's transactions mark the key committed, under the claim's token, as their
// last statement. A retry finds either the answer (replayed), a committed key whose answer was lost (the
// process died between commit and answer: 409 idempotency.answer_lost after a short wait for an answer still on its
// way, never a second write), a live claim
// (409 in progress), or a claim older than CLAIM_LEASE_SECONDS that never committed: it takes that over and
// runs the request; the old one, if it is somehow still running, can no longer commit.
import { createHash } from "node:crypto";
import { type Db, withBeforeCommit } from "../../db/transaction.ts";
import { defineErrors } from "../errors.ts";
import type { App } from "../http.ts";
import * as repo from "./idempotency.repository.ts";

export const IdempotencyErrors = defineErrors({
  mismatch: {
    code: "idempotency.key_reused",
    status: 422,
    en: "This Idempotency-Key was already used for a different request.",
    bn: "এই Idempotency-Key আগে অন্য একটি অনুরোধে ব্যবহার হয়েছে।",
  },
  inProgress: {
    code: "idempotency.in_progress",
    status: 409,
    en: "A request with this Idempotency-Key is still being processed. Try again shortly.",
    bn: "এই Idempotency-Key-এর একটি অনুরোধ এখনও চলছে। একটু পরে আবার চেষ্টা করুন।",
  },
  answerLost: {
    code: "idempotency.answer_lost",
    status: 409,
    en: "This request was carried out, but its answer was lost. Look the record up instead of sending it again.",
    bn: "এই অনুরোধটি সম্পন্ন হয়েছে, কিন্তু এর উত্তর হারিয়ে গেছে। আবার না পাঠিয়ে রেকর্ডটি খুঁজে দেখুন।",
  },
  superseded: {
    code: "idempotency.superseded",
    status: 409,
    en: "This request took too long and a retry with the same Idempotency-Key replaced it; nothing was saved by it.",
    bn: "অনুরোধটি অনেক সময় নিয়েছে এবং একই Idempotency-Key-এর আরেকটি চেষ্টা এর জায়গা নিয়েছে; এটি কিছুই সংরক্ষণ করেনি।",
  },
  badKey: {
    code: "idempotency.bad_key",
    status: 400,
    en: "The Idempotency-Key header must be 1 to 200 visible ASCII characters.",
    bn: "Idempotency-Key হেডার ১ থেকে ২০০টি দৃশ্যমান ASCII অক্ষরের হতে হবে।",
  },
});

declare module "fastify" {
  interface FastifyRequest {
    idempotency: { orgId: string; callerId: string; key: string; token: string } | null;
  }
}

/** What makes two requests "the same request" for a key: operation, URL and body. */
export const hashRequest = (method: string, route: string, url: string, body: unknown) =>
  createHash("sha256")
    .update(`${method} ${route}\n${url}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");

/** A claim this old that never committed belongs to a request that died (or hangs): a retry may take it over. */
export const CLAIM_LEASE_SECONDS = 30;

/** How long a retry waits for the answer of a request that has committed but not yet answered. */
export const ANSWER_GRACE_MS = 2000;

/** The key once its answer is stored, polling until `waitMs` has passed; undefined when it never is. */
async function answerOf(db: Db, ids: { orgId: string; callerId: string; key: string }, waitMs: number) {
  const until = Date.now() + waitMs;
  for (;;) {
    const row = await repo.findKey(db, ids.orgId, ids.callerId, ids.key);
    if (row && row.status_code !== null && row.response_body !== null) return row;
    if (Date.now() >= until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function registerIdempotency(app: App, db: Db) {
  app.decorateRequest("idempotency", null);

  app.addHook("preHandler", async (request, reply) => {
    const key = request.headers["idempotency-key"];
    if (request.method !== "POST" || key === undefined || !request.actor) return;
    if (typeof key !== "string" || !/^[\x21-\x7e]{1,200}$/.test(key)) throw IdempotencyErrors.badKey();
    const ids = { orgId: request.actor.orgId, callerId: request.actor.userId, key };
    const requestHash = hashRequest(request.method, request.routeOptions.url ?? request.url, request.url, request.body);
    const token = await repo.claimKey(db, { ...ids, requestHash }, CLAIM_LEASE_SECONDS);
    if (token) {
      const claim = { ...ids, token };
      request.idempotency = claim;
      request.fencedDb = withBeforeCommit(db, async (tx) => {
        if (!(await repo.markCommitted(tx, claim))) throw IdempotencyErrors.superseded();
      });
      return;
    }
    let existing = await repo.findKey(db, ids.orgId, ids.callerId, key);
    if (!existing) throw IdempotencyErrors.inProgress();
    if (existing.request_hash !== requestHash) throw IdempotencyErrors.mismatch();
    if (existing.status_code === null || existing.response_body === null) {
      if (!existing.committed_at) throw IdempotencyErrors.inProgress();
      // Committed but not answered: usually the first request is between its commit and its reply (a few
      // milliseconds), so wait for that answer; only one that does not come is lost (its process died).
      existing = await answerOf(db, ids, ANSWER_GRACE_MS);
      if (!existing) throw IdempotencyErrors.answerLost();
    }
    reply.header("idempotent-replayed", "true");
    if (existing.content_type) reply.type(existing.content_type);
    return reply.code(existing.status_code as number).send(existing.response_body);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const ids = request.idempotency;
    if (!ids) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500) await repo.releaseKey(db, ids);
    else
      await repo.storeResponse(db, ids, {
        statusCode: reply.statusCode,
        body: typeof payload === "string" ? payload : payload == null ? "" : String(payload),
        contentType: (reply.getHeader("content-type") as string | undefined) ?? null,
      });
    return payload;
  });
}
