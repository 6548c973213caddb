import { z } from "zod";
import {
  AcceptInviteRequest,
  ChangePasswordRequest,
  MeResponse,
  SessionResponse,
  SignInRequest,
  SignInResponse,
  SignInTotpRequest,
  UpdateMeRequest,
} from "../../shared/contracts/auth.ts";
import { ErrorResponse } from "../../shared/contracts/common.ts";
import { AccessErrors } from "../platform/access.ts";
import { type App, ctxOf, requestMeta } from "../platform/http.ts";
import * as auth from "./auth.service.ts";
import { clearSessionCookies, setSessionCookies } from "./session-cookies.ts";
import { totpRoutes } from "./totp.routes.ts";
import * as repo from "./users.repository.ts";

const tags = ["auth"];
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  423: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};

const sessionBody = (s: auth.IssuedSession) => ({
  user: auth.meResponse(s.user),
  csrfToken: s.csrfToken,
  expiresAt: s.expiresAt.toISOString(),
  mfaSetupRequired: s.mfaSetupRequired,
});

export function authRoutes(app: App, settings: auth.AuthSettings & { loginRatePerMinute: number }) {
  app.post(
    "/api/v1/auth/sign-in",
    {
      config: {
        access: "public",
        rateLimit: { max: settings.loginRatePerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary:
          "Sign in with an email or a Bangladesh mobile number and a password; sets the session cookie. With two-step sign-in on, answers { mfaRequired, challenge } instead and sets no session: complete with POST /api/v1/auth/sign-in/totp",
        body: SignInRequest,
        response: { 200: SignInResponse, ...errors },
      },
    },
    async (request, reply) => {
      const result = await auth.signIn(request.db, settings, request.body, requestMeta(request));
      if ("mfaRequired" in result)
        return { mfaRequired: true as const, challenge: result.challenge, expiresAt: result.expiresAt.toISOString() };
      setSessionCookies(request, reply, result);
      return sessionBody(result);
    },
  );

  app.post(
    "/api/v1/auth/sign-in/totp",
    {
      config: {
        access: "public",
        rateLimit: { max: settings.loginRatePerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary:
          "The second sign-in step: the challenge from POST /auth/sign-in and a code from the authenticator app (or a recovery code); sets the session cookie. Wrong codes count toward the account lockout",
        body: SignInTotpRequest,
        response: { 200: SessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const session = await auth.completeTotpSignIn(request.db, settings, request.body, requestMeta(request));
      setSessionCookies(request, reply, session);
      return sessionBody(session);
    },
  );

  app.get(
    "/api/v1/auth/session",
    {
      config: { access: "signed-in", beforeMfaSetup: true },
      schema: {
        tags,
        summary: "The signed-in user and the CSRF token",
        response: { 200: SessionResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const user = await repo.findUser(ctx.db, ctx.actor.orgId, ctx.actor.userId);
      if (!user) throw AccessErrors.unauthenticated();
      return {
        user: auth.meResponse(user),
        // API-token callers have no session and need no CSRF token.
        csrfToken: request.session?.csrfToken ?? null,
        expiresAt: request.session?.expiresAt.toISOString() ?? null,
        mfaSetupRequired: request.mfaSetupRequired,
      };
    },
  );

  app.post(
    "/api/v1/auth/sign-out",
    {
      config: { access: "signed-in", beforeMfaSetup: true },
      schema: {
        tags,
        summary: "End the current session",
        response: { 204: z.null(), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      if (request.session) await auth.signOut(ctxOf(request), request.session.tokenHash);
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    "/api/v1/auth/me",
    {
      config: { access: "signed-in", beforeMfaSetup: true },
      schema: {
        tags,
        summary: "Change own name or language",
        body: UpdateMeRequest,
        response: { 200: MeResponse, ...errors },
      },
    },
    async (request) => auth.updateMe(ctxOf(request), request.body),
  );

  app.post(
    "/api/v1/auth/password",
    {
      config: { access: "signed-in", rateLimit: { max: settings.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Change own password; other sessions of the account end",
        body: ChangePasswordRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.changePassword(ctxOf(request), request.body, request.session?.tokenHash);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/v1/auth/invites/accept",
    {
      config: { access: "public", rateLimit: { max: settings.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Set a password from an invitation link and sign in",
        body: AcceptInviteRequest,
        response: { 200: SessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const session = await auth.acceptInvite(request.db, settings, request.body, requestMeta(request));
      setSessionCookies(request, reply, session);
      return sessionBody(session);
    },
  );

  // Two-step sign-in is part of signing in: its routes come with these.
  totpRoutes(app, settings);
}
