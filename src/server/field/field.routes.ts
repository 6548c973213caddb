// The field force's HTTP edge: the field app's sync and snapshot, the managers' live view and onboarding queue,
// and the admin's field rules.
import { ErrorResponse } from "../../shared/contracts/common.ts";
import { FieldSettingsResponse, UpdateFieldSettingsRequest } from "../../shared/contracts/field.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as settings from "./field-settings.service.ts";
import { fieldSyncRoutes } from "./field-sync.routes.ts";
import { fieldViewRoutes } from "./field-view.routes.ts";

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 422: ErrorResponse };

export function fieldRoutes(app: App) {
  const tags = ["field"];
  app.get(
    "/api/v1/field/settings",
    {
      config: { access: "field.monitor" },
      schema: {
        tags,
        summary: "The field rules: check-in radius, no-order reasons (archived ones too) and must-sell SKUs",
        response: { 200: FieldSettingsResponse, ...errors },
      },
    },
    async (request) => settings.getFieldSettings(ctxOf(request)),
  );
  app.put(
    "/api/v1/field/settings",
    {
      config: { access: "field.settings" },
      schema: {
        tags,
        summary:
          "Change the field rules. A reasons list replaces the org's list (codes left out are archived); a must-sell list replaces the set",
        body: UpdateFieldSettingsRequest,
        response: { 200: FieldSettingsResponse, ...errors },
      },
    },
    async (request) => settings.updateFieldSettings(ctxOf(request), request.body),
  );
  fieldSyncRoutes(app);
  fieldViewRoutes(app);
}
