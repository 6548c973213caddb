// The field app's service worker (/field/sw.js, scope /field/). It keeps the field page's files (listed at build
// time by field-sw-plugin.ts) so the app opens and reloads with no network, answers every navigation under
// /field/ with the cached page, and on a background sync either wakes an open page or, with none open, pushes
// the outbox itself with the session the page stored. The API is never cached here: the page keeps its data in
// IndexedDB. Built on its own as one classic script, so it depends on nothing else being loaded.
import { apiCaller } from "../api/field-api.ts";
import { fieldDb } from "../store/field-db.ts";
import { syncNow } from "../sync/field-sync.ts";
import { BACKGROUND_SYNC_TAG, SYNC_MESSAGE } from "../sync/sync-names.ts";

declare const __FIELD_PRECACHE__: { url: string; revision: string | null }[];
declare const __FIELD_SW_VERSION__: string;
/** The field page's URL (/field.html): every navigation under /field/ gets it. */
declare const __FIELD_PAGE__: string;

// The worker's own event types (the project compiles against the DOM library, not the web worker one).
interface SwEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwEvent {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface SwSyncEvent extends SwEvent {
  tag: string;
}
interface SwScope {
  location: Location;
  clients: {
    matchAll(options?: {
      type?: "window";
      includeUncontrolled?: boolean;
    }): Promise<{ postMessage(m: unknown): void }[]>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (e: SwEvent) => void): void;
  addEventListener(type: "fetch", listener: (e: SwFetchEvent) => void): void;
  addEventListener(type: "sync", listener: (e: SwSyncEvent) => void): void;
}
interface CookieStoreLike {
  get(name: string): Promise<{ value: string } | null>;
}

const sw = self as unknown as SwScope;
const PRECACHE = __FIELD_PRECACHE__;
const CACHE_PREFIX = "bikri-field-";
const CACHE = `${CACHE_PREFIX}${__FIELD_SW_VERSION__}`;
const PAGE = __FIELD_PAGE__;
const PRECACHED = new Set(PRECACHE.map((e) => e.url));

sw.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Names without a content hash (the page, the manifest, icons) are fetched past the HTTP cache.
      await cache.addAll(
        PRECACHE.map((e) => new Request(e.url, { cache: e.revision === null ? "default" : "reload" })),
      );
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

async function cachedOrNetwork(key: string, request: Request): Promise<Response> {
  const hit = await (await caches.open(CACHE)).match(key);
  return hit ?? fetch(request);
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || url.pathname.startsWith("/api/")) return;
  if (PRECACHED.has(url.pathname)) {
    event.respondWith(cachedOrNetwork(url.pathname, request));
    return;
  }
  // Every page of the app is the one page (client-side routes): from the cache first, so it opens offline and
  // fast on a weak network. A new version arrives with a new worker, which replaces this cache.
  const isFile = /\.[a-z0-9]+$/i.test(url.pathname);
  if (request.mode === "navigate" && url.pathname.startsWith("/field/") && !isFile) {
    event.respondWith(cachedOrNetwork(PAGE, request));
  }
});

sw.addEventListener("sync", (event) => {
  if (event.tag === BACKGROUND_SYNC_TAG) event.waitUntil(backgroundSync());
});

async function backgroundSync(): Promise<void> {
  const pages = await sw.clients.matchAll({ type: "window" });
  if (pages.length > 0) {
    for (const page of pages) page.postMessage({ type: SYNC_MESSAGE });
    return;
  }
  const db = fieldDb();
  const session = await db.getMeta("session");
  if (!session) return;
  const cookieStore = (globalThis as { cookieStore?: CookieStoreLike }).cookieStore;
  const csrf = (await cookieStore?.get("bikri_csrf").catch(() => null))?.value ?? session.csrfToken ?? undefined;
  const api = apiCaller(() => ({ locale: session.locale, csrfToken: csrf }));
  const report = await syncNow({ db, api, userId: session.userId, pull: false });
  // A failed waitUntil makes the browser try the sync again later, with its own back-off.
  if (report.stoppedBy === "offline" || report.stoppedBy === "server") throw new Error("field sync: try again later");
}
