import {
  ActivitiesResponse,
  ActivityQuery,
  ActivityResponse,
  CreateActivityRequest,
  MyDayQuery,
  MyDayResponse,
  UpdateActivityRequest,
} from "../../shared/contracts/activities.ts";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as activities from "./activities.service.ts";
import { myDay } from "./my-day.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const BASE = "/api/v1/crm";

export function activitiesRoutes(app: App) {
  const tags = ["crm"];

  app.get(
    `${BASE}/activities`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary: "The activities of a record (or, without one, the caller's own), newest first",
        querystring: ActivityQuery,
        response: { 200: ActivitiesResponse, ...errors },
      },
    },
    async (request) => activities.listActivities(ctxOf(request), request.query),
  );

  app.post(
    `${BASE}/activities`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Log a call, meeting, note, task or email about one or more records",
        body: CreateActivityRequest,
        response: { 201: ActivityResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await activities.createActivity(ctxOf(request), request.body)),
  );

  app.patch(
    `${BASE}/activities/:id`,
    {
      config: { access: "crm.write" },
      schema: {
        tags,
        summary: "Change an activity; tick a task done (or open it again)",
        params: IdParams,
        body: UpdateActivityRequest,
        response: { 200: ActivityResponse, ...errors },
      },
    },
    async (request) => activities.updateActivity(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    `${BASE}/my-day`,
    {
      config: { access: "crm.read" },
      schema: {
        tags,
        summary:
          "The caller's day: overdue and today's tasks, today's meetings, calls to make, deals closing this week and deals stuck in a stage",
        querystring: MyDayQuery,
        response: { 200: MyDayResponse, ...errors },
      },
    },
    async (request) => myDay(ctxOf(request), request.query),
  );
}
