// What the field force reads: the field app's snapshot of the rep's beats, the rep's own performance, and the
// managers' live view of a day.
import { ErrorResponse } from "../../shared/contracts/common.ts";
import {
  FieldLiveQuery,
  FieldLiveResponse,
  FieldPerformanceResponse,
  FieldSnapshotQuery,
  FieldSnapshotResponse,
} from "../../shared/contracts/field.ts";
import { type App, ctxOf } from "../platform/http.ts";
import { fieldLive, fieldPerformance } from "./field-kpis.service.ts";
import { fieldSnapshot } from "./field-snapshot.service.ts";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

export function fieldViewRoutes(app: App) {
  const tags = ["field"];
  app.get(
    "/api/v1/field/snapshot",
    {
      config: { access: "field.use" },
      schema: {
        tags,
        summary:
          "The field app's data for the calling rep: beats, their outlets (dues, last and usual order, last audit), SKUs, price books, rules and the day so far. With `since` (the previous token), only what changed",
        querystring: FieldSnapshotQuery,
        response: { 200: FieldSnapshotResponse, ...errors },
      },
    },
    async (request) => fieldSnapshot(ctxOf(request), request.query),
  );
  app.get(
    "/api/v1/field/performance",
    {
      config: { access: "field.use" },
      schema: {
        tags,
        summary:
          "The calling rep's visits, strike rate, sales, lines per call, drop size and beat compliance: today and the month so far",
        response: { 200: FieldPerformanceResponse, ...errors },
      },
    },
    async (request) => fieldPerformance(ctxOf(request)),
  );
  app.get(
    "/api/v1/field/live",
    {
      config: { access: "field.monitor" },
      schema: {
        tags,
        summary:
          "A day in the field for the caller's territory (or a territory inside it): each rep's attendance, last sync and figures, every visit, and totals",
        querystring: FieldLiveQuery,
        response: { 200: FieldLiveResponse, 404: ErrorResponse, ...errors },
      },
    },
    async (request) => fieldLive(ctxOf(request), request.query),
  );
}
