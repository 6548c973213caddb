// The phone's position: one fix for a check-in or the day's start (a few seconds at most: the rep is waiting),
// and a watched position for the distances on the beat list.
import { useEffect, useState } from "react";
import type { GpsFix } from "../../../shared/contracts/field.ts";

const toFix = (p: GeolocationPosition): GpsFix => ({
  lat: p.coords.latitude,
  lng: p.coords.longitude,
  ...(Number.isFinite(p.coords.accuracy) && {
    accuracyM: Math.min(100_000, Math.max(0, Math.round(p.coords.accuracy))),
  }),
});

/** A fresh fix, or null when location is off, refused or too slow: the action still goes ahead without it. */
export function currentFix(timeoutMs = 10_000): Promise<GpsFix | null> {
  if (!("geolocation" in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(toFix(p)),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}

export type PositionState = { fix: GpsFix | null; denied: boolean };

/** The rep's position while the screen is open. */
export function useWatchedPosition(): PositionState {
  const [state, setState] = useState<PositionState>({ fix: null, denied: false });
  useEffect(() => {
    if (!("geolocation" in navigator)) return;
    const id = navigator.geolocation.watchPosition(
      (p) => setState({ fix: toFix(p), denied: false }),
      (e) => setState((s) => ({ ...s, denied: e.code === e.PERMISSION_DENIED })),
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return state;
}
