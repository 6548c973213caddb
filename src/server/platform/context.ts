// What a service needs to know about the call: the database, who acts (tenant, role, scope), in which
// language to answer, and the request it belongs to (for the audit log).
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import type { Actor } from "./access.ts";

export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface Ctx extends RequestMeta {
  db: Db;
  locale: Locale;
  actor: Actor;
}

/** A context for work no person started (seed, jobs): acts as the system inside one org. */
export function systemCtx(db: Db, orgId: string): Ctx {
  return {
    db,
    locale: "en",
    requestId: null,
    ip: null,
    userAgent: null,
    actor: {
      orgId,
      userId: "00000000-0000-0000-0000-000000000000",
      role: "admin",
      name: "system",
      email: "system@bikri.app",
      locale: "en",
      scope: { kind: "org" },
      via: "session",
    },
  };
}

export const isSystemActor = (ctx: Ctx) => ctx.actor.userId === "00000000-0000-0000-0000-000000000000";
