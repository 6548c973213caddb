import type { App } from "../platform/http.ts";

// Placeholder while the field module is being built (issue 5); replaced by the real routes.
export function fieldRoutes(_app: App) {}
