// The field app's fetch wrapper: JSON in and out, Accept-Language (the server words its errors and command
// results in it), the CSRF header on writes. Small on purpose and free of the DOM, so the service worker
// uses it too (it passes the CSRF token it has instead of reading the cookie).
import type { Locale } from "../../../shared/locale.ts";

export class FieldApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "FieldApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isFieldApiError = (e: unknown): e is FieldApiError => e instanceof FieldApiError;

/** No answer at all (offline, DNS, connection reset): the request may be tried again later. */
export const NETWORK_ERROR = "network.unreachable";

export interface ApiContext {
  locale: Locale;
  csrfToken: string | undefined;
}

export interface CallOptions {
  /** The Idempotency-Key of a REST write (the driver's outbox): a retry is answered, never acted on twice. */
  idempotencyKey?: string;
}

export type ApiCall = <T>(
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
  options?: CallOptions,
) => Promise<T>;

export function apiCaller(context: () => ApiContext): ApiCall {
  return async <T>(
    method: "GET" | "POST" | "PATCH",
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ): Promise<T> => {
    const { locale, csrfToken } = context();
    const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": locale };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
    if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch {
      throw new FieldApiError(0, NETWORK_ERROR, "");
    }
    const text = await res.text().catch(() => "");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
      if (err && typeof err.code === "string" && typeof err.message === "string") {
        const details =
          err.details && typeof err.details === "object" ? (err.details as Record<string, unknown>) : undefined;
        throw new FieldApiError(res.status, err.code, err.message, details);
      }
      throw new FieldApiError(res.status, `http.${res.status}`, "");
    }
    return json as T;
  };
}

/** The readable CSRF cookie the server sets with the session (pages only: a worker has no document). */
export function csrfFromCookie(): string | undefined {
  if (typeof document === "undefined") return undefined;
  const match = /(?:^|;\s*)bikri_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
