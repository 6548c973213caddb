// A loop that runs a pass, waits, and runs it again, in each app process: the webhook dispatcher and the sales
// rollup worker are such loops. Passes never overlap (the next is scheduled when one ends), a pending wait never
// keeps the process alive, and stop() waits for a pass in progress.
export interface PollingLoop {
  stop(): Promise<void>;
}

export function startPollingLoop(pass: () => Promise<void>, intervalMs: number): PollingLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass().finally(() => {
        current = null;
        schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
