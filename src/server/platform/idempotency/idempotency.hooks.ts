// Idempotency-Key on POST: the first response is stored per org and caller and replayed for a retry with
// the same key; the same key with a different body is refused (422). Keys live at least 24 hours.
// Limit: the stored response is written just after the handler's own transaction commits; if the process
// dies in between, a retry sees 409 "in progress" until the key expires, never a second write.
import { createHash } from "node:crypto";
import type { Executor } from "../../db/transaction.ts";
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
  badKey: {
    code: "idempotency.bad_key",
    status: 400,
    en: "The Idempotency-Key header must be 1 to 200 visible ASCII characters.",
    bn: "Idempotency-Key হেডার ১ থেকে ২০০টি দৃশ্যমান ASCII অক্ষরের হতে হবে।",
  },
});

declare module "fastify" {
  interface FastifyRequest {
    idempotency: { orgId: string; callerId: string; key: string } | null;
  }
}

export function registerIdempotency(app: App, db: Executor) {
  app.decorateRequest("idempotency", null);

  app.addHook("preHandler", async (request, reply) => {
    const key = request.headers["idempotency-key"];
    if (request.method !== "POST" || key === undefined || !request.actor) return;
    if (typeof key !== "string" || !/^[\x21-\x7e]{1,200}$/.test(key)) throw IdempotencyErrors.badKey();
    const ids = { orgId: request.actor.orgId, callerId: request.actor.userId, key };
    const requestHash = createHash("sha256")
      .update(
        `${request.method} ${request.routeOptions.url ?? request.url}\n${request.url}\n${JSON.stringify(request.body ?? null)}`,
      )
      .digest("hex");
    if (await repo.claimKey(db, { ...ids, requestHash })) {
      request.idempotency = ids;
      return;
    }
    const existing = await repo.findKey(db, ids.orgId, ids.callerId, key);
    if (!existing) throw IdempotencyErrors.inProgress();
    if (existing.request_hash !== requestHash) throw IdempotencyErrors.mismatch();
    if (existing.status_code === null || existing.response_body === null) throw IdempotencyErrors.inProgress();
    reply.header("idempotent-replayed", "true");
    if (existing.content_type) reply.type(existing.content_type);
    return reply.code(existing.status_code).send(existing.response_body);
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
