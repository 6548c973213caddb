// Who is calling: a session cookie (web) or a Bearer API token (integrations). Then the route's declared
// access is enforced, and CSRF is checked for cookie-authenticated writes. Runs before the body is parsed,
// so an anonymous caller learns nothing from validation errors. A session whose user must set up two-step
// sign-in (the org requires it of their role) reaches only the routes marked `beforeMfaSetup`.
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Locale, localeFromAcceptLanguage } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import { type AuthSettings, resolveApiToken, resolveSession } from "../users/auth.service.ts";
import { SESSION_COOKIE, setSessionCookies } from "../users/session-cookies.ts";
import { TotpErrors } from "../users/totp.errors.ts";
import { AuthErrors } from "../users/users.errors.ts";
import { AccessErrors, can } from "./access.ts";
import type { App } from "./http.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyContextConfig {
    /** Open to a session that must set up two-step sign-in first: the session itself, sign-out, the set-up. */
    beforeMfaSetup?: boolean;
  }
  interface FastifyRequest {
    /** The session's user must set up two-step sign-in before anything else (see SessionResponse). */
    mfaSetupRequired: boolean;
  }
}

export function registerAuthentication(app: App, opts: { db: Db; auth: AuthSettings; defaultLocale: Locale }) {
  app.decorateRequest("actor", null);
  app.decorateRequest("session", null);
  app.decorateRequest("mfaSetupRequired", false);
  app.decorateRequest("locale", opts.defaultLocale);
  // The database, or its fenced stand-in for a request holding an Idempotency-Key (idempotency.hooks.ts).
  app.decorateRequest("fencedDb", null);
  app.decorateRequest("db", {
    getter(this: FastifyRequest) {
      return this.fencedDb ?? opts.db;
    },
  });

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/v1") && !route.config?.access)
      throw new Error(`route ${route.method} ${route.url} declares no access (config.access)`);
  });

  app.addHook("onRequest", async (request, reply) => {
    const headerLocale = localeFromAcceptLanguage(request.headers["accept-language"]);
    request.locale = headerLocale ?? opts.defaultLocale;
    const access = request.routeOptions.config?.access;
    // Public routes (health, sign-in) need no caller: skip the session lookup entirely.
    if (!request.url.startsWith("/api/") || access === undefined || access === "public") return;

    const expired = await authenticate(request, reply, opts);
    if (request.actor && !headerLocale) request.locale = request.actor.locale;

    if (!request.actor) throw expired ? AuthErrors.sessionExpired() : AccessErrors.unauthenticated();
    if (request.session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || sent !== request.session.csrfToken) throw AuthErrors.csrf();
    }
    if (request.mfaSetupRequired && !request.routeOptions.config?.beforeMfaSetup) throw TotpErrors.setupRequired();
    if (access !== "signed-in" && !can(request.actor, access)) throw AccessErrors.forbidden();
    reply.header("cache-control", "no-store");
  });
}

/** Sets request.actor; returns true when a session cookie was present but expired. */
async function authenticate(
  request: FastifyRequest,
  reply: FastifyReply,
  opts: { db: Db; auth: AuthSettings },
): Promise<boolean> {
  const authz = request.headers.authorization;
  if (authz?.startsWith("Bearer ")) {
    const actor = await resolveApiToken(opts.db, authz.slice(7).trim());
    if (!actor) throw AuthErrors.invalidToken();
    request.actor = actor;
    return false;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return false;
  const resolved = await resolveSession(opts.db, opts.auth, cookie);
  if (resolved === "expired") return true;
  if (!resolved) return false;
  request.actor = resolved.actor;
  request.session = { tokenHash: resolved.tokenHash, csrfToken: resolved.csrfToken, expiresAt: resolved.expiresAt };
  // API tokens are not held to it: an admin issues them to systems, which have no phone to hold.
  request.mfaSetupRequired = resolved.mfaSetupRequired;
  // A sliding session: the browser's cookies keep pace with the server's expiry.
  if (resolved.extended)
    setSessionCookies(request, reply, {
      cookieValue: cookie,
      csrfToken: resolved.csrfToken,
      expiresAt: resolved.expiresAt,
    });
  return false;
}
