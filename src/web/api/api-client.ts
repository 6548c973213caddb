// The one fetch client: JSON in and out, Accept-Language = the UI language (the server localizes error
// messages by it), the CSRF header on every non-GET, and a typed ApiError for every failure.
import { currentLocale, i18n } from "../i18n/i18n.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** True for a 401 that means "no usable session": the app sends the user to sign in. */
export const isUnauthenticated = (e: unknown): boolean => isApiError(e) && e.status === 401;

let csrfToken: string | undefined;

/** Remember the CSRF token from a SessionResponse (it is also in the readable bikri_csrf cookie). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

function csrfFromCookie(): string | undefined {
  if (typeof document === "undefined") return undefined;
  const match = /(?:^|;\s*)bikri_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/**
 * The server sets the readable CSRF cookie together with the HttpOnly session cookie, with the same
 * lifetime, and clears both on sign-out: without it there is no session worth asking about.
 */
export const mayHaveSession = (): boolean => csrfFromCookie() !== undefined;

/** A random UUID for Idempotency-Key; crypto.randomUUID is missing on plain-http LAN origins. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function apiRequest<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": currentLocale(),
  };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && method !== "HEAD") {
    const token = csrfFromCookie() ?? csrfToken;
    if (token) headers["x-csrf-token"] = token;
  }
  if (opts.idempotencyKey) headers["Idempotency-Key"] = opts.idempotencyKey;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network.unreachable", i18n.t("errors.network"));
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
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
      throw new ApiError(res.status, err.code, err.message, details);
    }
    throw new ApiError(res.status, `http.${res.status}`, i18n.t("errors.unexpected", { status: res.status }));
  }
  return json as T;
}

/** One page of a keyset-paginated list. */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every item of a paginated list, page after page: for pickers and sheets that need the whole of a bounded list. */
async function getAll<T>(path: string, query: Record<string, QueryValue>, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiRequest<PageOf<T>>("GET", path, { query: { ...query, cursor }, signal });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>("GET", path, { query, signal }),
  getAll,
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) =>
    apiRequest<T>("POST", path, { body, idempotencyKey }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>("PATCH", path, { body }),
};
