// One set of value parsers for both engines, so a row looks the same from PostgreSQL and PGlite.
// int8 (counts, money in poisha) becomes a JS number: exact up to 2^53 poisha (90 trillion taka); past
// that we refuse rather than round. date stays a 'YYYY-MM-DD' string: a business date has no time zone.
export const PG_OID = { int8: 20, date: 1082, numeric: 1700 } as const;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is beyond the exact range of a JS number`);
  return n;
}

export const typeParsers: Record<number, (text: string) => unknown> = {
  [PG_OID.int8]: parseInt8,
  [PG_OID.date]: (text) => text,
  [PG_OID.numeric]: (text) => text,
};
