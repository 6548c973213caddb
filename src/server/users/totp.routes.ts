import { z } from "zod";
import {
  DisableTotpRequest,
  EnableTotpRequest,
  MfaPolicy,
  RecoveryCodesResponse,
  RegenerateRecoveryCodesRequest,
  TotpSetupResponse,
  TotpStatusResponse,
} from "../../shared/contracts/auth.ts";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as totp from "./totp.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};

export function totpRoutes(app: App, settings: totp.TotpSettings & { loginRatePerMinute: number }) {
  const tags = ["auth"];
  // Code checks are guesses at six digits: limited like sign-in.
  const rateLimit = { max: settings.loginRatePerMinute, timeWindow: 60_000 };

  app.get(
    "/api/v1/auth/totp",
    {
      config: { access: "signed-in", beforeMfaSetup: true },
      schema: {
        tags,
        summary: "Whether two-step sign-in is on for the caller, recovery codes left, and whether the org requires it",
        response: { 200: TotpStatusResponse, ...errors },
      },
    },
    async (request) => totp.totpStatus(ctxOf(request)),
  );

  app.post(
    "/api/v1/auth/totp/setup",
    {
      config: { access: "signed-in", beforeMfaSetup: true, rateLimit },
      schema: {
        tags,
        summary:
          "Start setting up two-step sign-in: a new secret (base32) and its otpauth:// URI for the authenticator app's QR code. Takes effect once confirmed with POST /auth/totp/enable",
        response: { 200: TotpSetupResponse, ...errors },
      },
    },
    async (request) => totp.startTotpSetup(ctxOf(request), settings),
  );

  app.post(
    "/api/v1/auth/totp/enable",
    {
      config: { access: "signed-in", beforeMfaSetup: true, rateLimit },
      schema: {
        tags,
        summary: "Confirm the set-up with a code from the app: two-step sign-in is on; returns 10 recovery codes, once",
        body: EnableTotpRequest,
        response: { 200: RecoveryCodesResponse, ...errors },
      },
    },
    async (request) => totp.enableTotp(ctxOf(request), settings, request.body.code),
  );

  app.post(
    "/api/v1/auth/totp/disable",
    {
      config: { access: "signed-in", rateLimit },
      schema: {
        tags,
        summary:
          "Turn two-step sign-in off with the password and a current code; refused when the org requires it for the caller's role",
        body: DisableTotpRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await totp.disableTotp(ctxOf(request), settings, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/v1/auth/totp/recovery-codes",
    {
      config: { access: "signed-in", rateLimit },
      schema: {
        tags,
        summary: "Replace the recovery codes with 10 new ones (shown once), given a current code from the app",
        body: RegenerateRecoveryCodesRequest,
        response: { 200: RecoveryCodesResponse, ...errors },
      },
    },
    async (request) => totp.regenerateRecoveryCodes(ctxOf(request), settings, request.body.code),
  );

  const adminTags = ["security"];
  app.get(
    "/api/v1/orgs/current/mfa-policy",
    {
      config: { access: "security.manage" },
      schema: {
        tags: adminTags,
        summary: "The roles the organisation requires two-step sign-in of",
        response: { 200: MfaPolicy, ...errors },
      },
    },
    async (request) => totp.getMfaPolicy(ctxOf(request)),
  );

  app.put(
    "/api/v1/orgs/current/mfa-policy",
    {
      config: { access: "security.manage" },
      schema: {
        tags: adminTags,
        summary:
          "Set the roles that must use two-step sign-in. Their users without it can only set it up until they do; they can no longer turn it off",
        body: MfaPolicy,
        response: { 200: MfaPolicy, ...errors },
      },
    },
    async (request) => totp.setMfaPolicy(ctxOf(request), request.body.roles),
  );

  app.post(
    "/api/v1/users/:id/totp/reset",
    {
      config: { access: "security.manage" },
      schema: {
        tags: adminTags,
        summary:
          "Remove a user's two-step sign-in and recovery codes (a lost phone): they sign in with their password and set it up again",
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await totp.resetUserTotp(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
