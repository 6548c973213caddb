// When to try a failed delivery again: 30 s, 1, 2, 4, 8 ... minutes, doubling up to 8 hours between tries,
// 13 attempts in all over about 24.5 hours; then the delivery is dead (an admin can still replay it). A
// receiver that is down for an hour gets its deliveries on the first try after it is back (the 8th, at
// 63.5 minutes).

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 8 * 3600_000;
export const MAX_ATTEMPTS = 13;

/** The wait after the given number of failed attempts (1 = the first try failed), or null when it is dead. */
export function retryDelayMs(failedAttempts: number): number | null {
  if (failedAttempts >= MAX_ATTEMPTS) return null;
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(failedAttempts - 1, 0), MAX_RETRY_DELAY_MS);
}
