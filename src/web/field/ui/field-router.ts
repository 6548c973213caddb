// The field app's few screens as paths under /field/, so the phone's back button works and a reload (online or
// not: the service worker answers every /field/ path with the page) comes back to the same screen.
import { useEffect, useState } from "react";

export type FieldRoute =
  | { name: "beat" }
  | { name: "outlet"; outletId: string }
  | { name: "order"; outletId: string; edit?: string }
  | { name: "audit"; outletId: string; edit?: string }
  | { name: "collect"; outletId: string; edit?: string }
  | { name: "receipt"; paymentId: string }
  | { name: "onboard"; edit?: string }
  | { name: "performance" }
  | { name: "sync" };

const BASE = "/field";

export function parseRoute(pathname: string, search = ""): FieldRoute {
  const edit = new URLSearchParams(search).get("edit") ?? undefined;
  const parts = pathname
    .replace(/^\/field\/?/, "")
    .split("/")
    .filter(Boolean);
  const [head, id, sub] = parts;
  if (head === "outlet" && id) {
    if (sub === "order") return { name: "order", outletId: id, ...(edit && { edit }) };
    if (sub === "audit") return { name: "audit", outletId: id, ...(edit && { edit }) };
    if (sub === "collect") return { name: "collect", outletId: id, ...(edit && { edit }) };
    return { name: "outlet", outletId: id };
  }
  if (head === "receipt" && id) return { name: "receipt", paymentId: id };
  if (head === "onboard") return { name: "onboard", ...(edit && { edit }) };
  if (head === "performance") return { name: "performance" };
  if (head === "sync") return { name: "sync" };
  return { name: "beat" };
}

export function pathOf(route: FieldRoute): string {
  const edit = "edit" in route && route.edit ? `?edit=${encodeURIComponent(route.edit)}` : "";
  switch (route.name) {
    case "beat":
      return `${BASE}/`;
    case "outlet":
      return `${BASE}/outlet/${route.outletId}`;
    case "order":
    case "audit":
    case "collect":
      return `${BASE}/outlet/${route.outletId}/${route.name}${edit}`;
    case "receipt":
      return `${BASE}/receipt/${route.paymentId}`;
    case "onboard":
      return `${BASE}/onboard${edit}`;
    case "performance":
      return `${BASE}/performance`;
    case "sync":
      return `${BASE}/sync`;
  }
}

const listeners = new Set<() => void>();

export function navigate(route: FieldRoute, options: { replace?: boolean } = {}): void {
  const path = pathOf(route);
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

const read = (): FieldRoute => parseRoute(window.location.pathname, window.location.search);

export function useFieldRoute(): FieldRoute {
  const [route, setRoute] = useState<FieldRoute>(read);
  useEffect(() => {
    const update = () => setRoute(read());
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return route;
}
