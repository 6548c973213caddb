import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "./webhook-retry.ts";

describe("webhook retry schedule", () => {
  it("waits 30 s, then 1, 2, 4 minutes, doubling", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it("never waits more than 8 hours between tries", () => {
    for (let n = 1; n < MAX_ATTEMPTS; n++) expect(retryDelayMs(n)).toBeLessThanOrEqual(8 * 3600_000);
    expect(retryDelayMs(MAX_ATTEMPTS - 1)).toBe(8 * 3600_000);
  });

  it("gives up after the last attempt, about a day after the first", () => {
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += retryDelayMs(n) ?? 0;
    expect(total / 3600_000).toBeGreaterThan(23);
    expect(total / 3600_000).toBeLessThan(26);
  });

  it("tries again within a few minutes of a receiver coming back after an hour down", () => {
    // The try times after the first: a receiver back at minute 60 is reached by the first one after it.
    const times: number[] = [];
    let at = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) {
      at += retryDelayMs(n) ?? 0;
      times.push(at / 60_000);
    }
    const firstAfterHour = times.find((m) => m >= 60);
    expect(firstAfterHour).toBe(63.5);
  });
});
