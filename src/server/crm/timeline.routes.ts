import { ErrorResponse } from "../../shared/contracts/common.ts";
import { TimelineQuery, TimelineResponse } from "../../shared/contracts/crm.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as service from "./timeline.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
};

export function timelineRoutes(app: App) {
  app.get(
    "/api/v1/crm/timeline",
    {
      config: { access: "crm.read" },
      schema: {
        tags: ["crm"],
        summary:
          "Everything that happened with a contact, account, lead or deal (orders, visits, deliveries, activities, tickets, ...), newest first; page with before=nextBefore",
        querystring: TimelineQuery,
        response: { 200: TimelineResponse, ...errors },
      },
    },
    async (request) => service.timeline(ctxOf(request), request.query),
  );
}
