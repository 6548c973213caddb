// Whether the phone thinks it is online, and how the sync is going, as React state.
import { useEffect, useState, useSyncExternalStore } from "react";
import { getSyncStatus, type SyncStatus, subscribeSyncStatus } from "../sync/sync-scheduler.ts";

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

export const useSyncStatus = (): SyncStatus => useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
