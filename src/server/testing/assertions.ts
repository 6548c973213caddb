/** True when the text has Bengali script, i.e. a message was localized to bn. */
export const hasBengali = (s: unknown): boolean => typeof s === "string" && /[\u0980-\u09FF]/.test(s);

/** A value the test setup guarantees; fails loudly (not with a type cast) when it is missing. */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`test setup: no ${what}`);
  return value;
}

/** The error code of an API answer, if it is an error. */
export const errorCode = (res: { json(): unknown }): string | undefined =>
  (res.json() as { error?: { code?: string } } | null)?.error?.code;

/** The secret part of an API token `bikri_<org hex>_<secret>`; the secret itself may contain "_". */
export const tokenSecret = (token: string): string => token.replace(/^bikri_[0-9a-f]{32}_/, "");
