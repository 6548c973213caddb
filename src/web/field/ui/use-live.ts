// A Dexie live query as React state: re-reads when the tables it read change, in this page or in another
// context (the service worker's sync), so every screen shows what is stored, not a copy.
import { liveQuery } from "dexie";
import { useEffect, useState } from "react";

export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (e: unknown) => console.error("field: a local query failed", e),
    });
    return () => subscription.unsubscribe();
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what its query depends on
  }, deps);
  return value;
}
