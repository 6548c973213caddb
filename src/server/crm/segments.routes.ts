import { z } from "zod";
import { ErrorResponse, IdParams, PageQuery } from "../../shared/contracts/common.ts";
import {
  CreateSegmentRequest,
  SegmentListQuery,
  SegmentListResponse,
  SegmentMembersResponse,
  SegmentResponse,
  UpdateSegmentRequest,
} from "../../shared/contracts/crm.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./segments.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/crm/segments";

export function segmentsRoutes(app: App) {
  const tags = ["crm"];

  app.get(
    BASE,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "Saved segments the caller may use (shared ones and their own), with member counts",
        querystring: SegmentListQuery,
        response: { 200: SegmentListResponse, ...errors },
      },
    },
    async (request) => service.listSegments(ctxOf(request), request.query),
  );

  app.post(
    BASE,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Save a filter over contacts or accounts as a segment (private, or shared with the org)",
        body: CreateSegmentRequest,
        response: { 201: SegmentResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createSegment(ctxOf(request), request.body)),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { access: "crm.read" },
      schema: { tags, summary: "One segment", params: IdParams, response: { 200: SegmentResponse, ...errors } },
    },
    async (request) => service.getSegment(ctxOf(request), request.params.id),
  );

  app.patch(
    `${BASE}/:id`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Change a segment (its owner or an admin)",
        params: IdParams,
        body: UpdateSegmentRequest,
        response: { 200: SegmentResponse, ...errors },
      },
    },
    async (request) => service.updateSegment(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Remove a segment (its owner or an admin)",
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteSegment(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${BASE}/:id/members`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "The segment's members now (in the caller's scope), by name, with the total",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: SegmentMembersResponse, ...errors },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return service.segmentMembers(ctx.db, ctx, request.params.id, request.query);
    },
  );
}
