// The field app's push (the outbox of commands), the managers' queue of outlets proposed from the field, and
// the photos taken with them.
import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  FieldSyncRequest,
  FieldSyncResponse,
  OnboardingDecisionRequest,
  OnboardingListQuery,
  OnboardingResponse,
} from "../../shared/contracts/field.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as sync from "./field-sync.service.ts";
import * as onboarding from "./outlet-onboarding.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

/** A batch may carry a few outlet photos (each at most 1 MB, about 1.4 MB as base64) besides its commands. */
export const SYNC_BODY_LIMIT = 8 * 1024 * 1024;

export function fieldSyncRoutes(app: App) {
  const tags = ["field"];

  app.post(
    "/api/v1/field/sync",
    {
      bodyLimit: SYNC_BODY_LIMIT,
      config: { access: "field.use" },
      schema: {
        tags,
        summary:
          "Apply the field app's queued commands in order, each once (by its id) and in its own transaction: each comes back applied or rejected, and a replay returns its first result",
        body: FieldSyncRequest,
        // 409 and 422 come only from an Idempotency-Key on the request; commands carry their own (their ids).
        response: { 200: FieldSyncResponse, ...errors, 413: ErrorResponse },
      },
    },
    async (request) => {
      const { response, stoppedBy } = await sync.syncFieldCommands(ctxOf(request), request.body);
      // Answered with the results so far (the phone keeps the rest queued), but it is still a bug to look at.
      if (stoppedBy) request.log.error({ err: stoppedBy }, "field sync stopped by an unexpected error");
      return response;
    },
  );

  app.get(
    "/api/v1/field/onboarding",
    {
      config: { access: "field.approve" },
      schema: {
        tags,
        summary:
          "Outlets proposed from the field in the caller's territory, by status (pending by default), oldest first",
        querystring: OnboardingListQuery,
        response: { 200: z.object({ items: z.array(OnboardingResponse) }), ...errors },
      },
    },
    async (request) => onboarding.listOnboardings(ctxOf(request), request.query),
  );

  app.post(
    "/api/v1/field/onboarding/:outletId/decision",
    {
      config: { access: "field.approve" },
      schema: {
        tags,
        summary:
          "Approve a proposed outlet (active, served by the given distributor or the nearest one covering its route) or reject it (archived, with the reason)",
        params: z.strictObject({ outletId: z.uuid() }),
        body: OnboardingDecisionRequest,
        response: { 200: OnboardingResponse, ...errors },
      },
    },
    async (request) => onboarding.decideOnboarding(ctxOf(request), request.params.outletId, request.body),
  );

  app.get(
    "/api/v1/field/outlet-photos/:id",
    {
      config: { access: "network.read" },
      schema: {
        tags,
        hide: false,
        summary: "A photo taken in the field (JPEG or WebP), if its outlet is in the caller's scope",
        params: IdParams,
        produces: ["image/jpeg", "image/webp"],
        response: { 200: z.any().describe("The image bytes"), ...errors },
      },
    },
    async (request, reply) => {
      const photo = await onboarding.getOutletPhoto(ctxOf(request), request.params.id);
      return reply.type(photo.contentType).send(photo.bytes);
    },
  );
}
