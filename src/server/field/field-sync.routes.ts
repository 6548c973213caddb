import type { App } from "../platform/http.ts";

// Being written (issue 5).
export function fieldSyncRoutes(_app: App) {}
