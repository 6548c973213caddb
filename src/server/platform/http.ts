// Fastify typing shared by every route file: the Zod type provider, what a request carries after
// authentication, and how a handler turns a request into a service context.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import type { Access, Actor } from "./access.ts";
import { AccessErrors } from "./access.ts";
import type { Ctx } from "./context.ts";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call this route; every /api route must say. */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** The session in use (cookie auth), for CSRF and sign-out. */
    session: { tokenHash: string; csrfToken: string; expiresAt: Date } | null;
    db: Db;
    /** Set for a request that holds an Idempotency-Key: its transactions mark the key before committing. */
    fencedDb: Db | null;
  }
}

export function requestMeta(request: FastifyRequest) {
  return {
    requestId: String(request.id),
    ip: request.ip ?? null,
    userAgent: request.headers["user-agent"] ?? null,
  };
}

/** The service context of an authenticated request. */
export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.actor) throw AccessErrors.unauthenticated();
  return { db: request.db, locale: request.locale, actor: request.actor, ...requestMeta(request) };
}
