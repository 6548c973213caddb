// Graceful stop: every step runs even when an earlier one failed (a stuck job queue must not keep the database
// open), and each failure is logged with the step's name, so a stop that was not clean says why.
import type { Logger } from "pino";

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

/** Runs the steps in order and returns the names of those that failed (empty: a clean stop). */
export async function runShutdown(steps: ShutdownStep[], log: Pick<Logger, "error">): Promise<string[]> {
  const failed: string[] = [];
  for (const step of steps) {
    try {
      await step.run();
    } catch (err) {
      failed.push(step.name);
      log.error({ err, step: step.name }, "shutdown step failed");
    }
  }
  return failed;
}
