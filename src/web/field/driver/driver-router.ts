// The driver's screens as paths under /field/ (the service worker answers every /field/ path with the page), so
// the back button works and a reload, online or not, comes back to the same stop.
import { useEffect, useState } from "react";

export type DriverRoute =
  | { name: "trips" }
  | { name: "trip"; tripId: string }
  | { name: "drop"; tripId: string; dropId: string }
  | { name: "sync" };

const BASE = "/field";

export function parseDriverRoute(pathname: string): DriverRoute {
  const [head, tripId, sub, dropId] = pathname
    .replace(/^\/field\/?/, "")
    .split("/")
    .filter(Boolean);
  if (head === "trips" && tripId) {
    if (sub === "drops" && dropId) return { name: "drop", tripId, dropId };
    return { name: "trip", tripId };
  }
  if (head === "sync") return { name: "sync" };
  return { name: "trips" };
}

export function driverPath(route: DriverRoute): string {
  switch (route.name) {
    case "trips":
      return `${BASE}/trips`;
    case "trip":
      return `${BASE}/trips/${route.tripId}`;
    case "drop":
      return `${BASE}/trips/${route.tripId}/drops/${route.dropId}`;
    case "sync":
      return `${BASE}/sync`;
  }
}

const listeners = new Set<() => void>();

export function goTo(route: DriverRoute, options: { replace?: boolean } = {}): void {
  const path = driverPath(route);
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export function useDriverRoute(): DriverRoute {
  const [route, setRoute] = useState<DriverRoute>(() => parseDriverRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseDriverRoute(window.location.pathname));
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return route;
}
