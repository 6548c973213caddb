import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, apiRequest, buildUrl, newIdempotencyKey, setCsrfToken } from "./api-client.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

function stubFetch(status: number, body?: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json" },
      }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("buildUrl", () => {
  it("drops empty values and encodes the rest", () => {
    expect(buildUrl("/api/v1/users", { q: "রহিম খান", role: undefined, status: "", limit: 50 })).toBe(
      "/api/v1/users?q=%E0%A6%B0%E0%A6%B9%E0%A6%BF%E0%A6%AE+%E0%A6%96%E0%A6%BE%E0%A6%A8&limit=50",
    );
    expect(buildUrl("/api/v1/users", {})).toBe("/api/v1/users");
  });
});

describe("apiRequest", () => {
  it("sends JSON, the UI language, the CSRF token and the idempotency key", async () => {
    const fetchMock = stubFetch(200, { ok: true });
    setCsrfToken("csrf-123");
    await apiRequest("POST", "/api/v1/users", { body: { name: "x" }, idempotencyKey: "key-1" });
    const init = fetchMock.mock.calls[0]?.[1];
    const headers = init?.headers as Record<string, string>;
    expect(headers["Content-Type"]).toBe("application/json");
    expect(headers["Accept-Language"]).toMatch(/^(bn|en)$/);
    expect(headers["x-csrf-token"]).toBe("csrf-123");
    expect(headers["Idempotency-Key"]).toBe("key-1");
    expect(init?.body).toBe('{"name":"x"}');
  });

  it("sends no CSRF header on GET", async () => {
    const fetchMock = stubFetch(200, { items: [] });
    setCsrfToken("csrf-123");
    await apiRequest("GET", "/api/v1/users");
    const headers = (fetchMock.mock.calls[0]?.[1]?.headers ?? {}) as Record<string, string>;
    expect(headers["x-csrf-token"]).toBeUndefined();
  });

  it("throws ApiError with the server's code, localized message and details", async () => {
    stubFetch(423, { error: { code: "auth.locked", message: "অ্যাকাউন্ট লক", details: { minutes: 15 } } });
    const err = await apiRequest("POST", "/api/v1/auth/sign-in", { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 423, code: "auth.locked", message: "অ্যাকাউন্ট লক", details: { minutes: 15 } });
  });

  it("turns a non-JSON failure into an ApiError with a generic code", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("<html>Bad gateway</html>", { status: 502 })),
    );
    await expect(apiRequest("GET", "/api/v1/users")).rejects.toMatchObject({ status: 502, code: "http.502" });
  });

  it("turns a network failure into an ApiError with status 0", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    await expect(apiRequest("GET", "/api/v1/users")).rejects.toMatchObject({ status: 0, code: "network.unreachable" });
  });

  it("returns undefined for 204", async () => {
    stubFetch(204);
    await expect(apiRequest("POST", "/api/v1/auth/sign-out")).resolves.toBeUndefined();
  });
});

describe("newIdempotencyKey", () => {
  it("makes distinct v4 UUIDs", () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});

describe("api.getAll", () => {
  it("follows the cursors page after page, keeping the query, until there is no next page", async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      "": { items: [1, 2], nextCursor: "c2" },
      c2: { items: [3, 4], nextCursor: "c3" },
      c3: { items: [5], nextCursor: null },
    };
    const fetchMock = vi.fn(async (url: string) => {
      const cursor = new URL(url, "http://x").searchParams.get("cursor") ?? "";
      return new Response(JSON.stringify(pages[cursor]), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    });
    vi.stubGlobal("fetch", fetchMock);
    expect(await api.getAll<number>("/api/v1/skus", { status: "active", limit: 2 })).toEqual([1, 2, 3, 4, 5]);
    const urls = fetchMock.mock.calls.map((c) => c[0]);
    expect(urls).toEqual([
      "/api/v1/skus?status=active&limit=2",
      "/api/v1/skus?status=active&limit=2&cursor=c2",
      "/api/v1/skus?status=active&limit=2&cursor=c3",
    ]);
  });
});
