// Where a card lands in a column: cards are ordered by a number, and a card dropped between two others takes the
// number halfway between theirs, so a move rewrites one row, not the column.

/**
 * The position for a card placed at `index` (0 = top) of a column whose other cards have `positions` (ascending);
 * no index: at the bottom.
 */
export function positionAt(positions: readonly number[], index?: number): number {
  const n = positions.length;
  if (n === 0) return 0;
  const last = positions[n - 1] as number;
  if (index === undefined || index >= n) return Math.floor(last) + 1;
  const first = positions[0] as number;
  if (index <= 0) return first - 1;
  const before = positions[index - 1] as number;
  const after = positions[index] as number;
  return (before + after) / 2;
}

/** Probability-weighted amount in poisha, rounded half up, exact for any safe amount. */
export function weightedPoisha(amountPoisha: number, probabilityBp: number): number {
  const scaled = BigInt(amountPoisha) * BigInt(probabilityBp);
  return Number((scaled + 5000n) / 10000n);
}
