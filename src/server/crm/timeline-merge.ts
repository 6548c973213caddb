// Merging the timeline's sources into one page, without I/O.
import type { TimelineItem } from "./timeline-source.ts";

/**
 * The newest `limit` items of all sources before `before`, newest first. Items sharing the last item's instant all
 * stay on this page, so that the next page (strictly before it) loses none.
 */
export function mergeTimeline(
  lists: readonly TimelineItem[][],
  limit: number,
): { items: TimelineItem[]; nextBefore: string | null } {
  const all = lists.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (all.length <= limit) {
    const full = lists.some((l) => l.length >= limit);
    const last = all[all.length - 1];
    return { items: all, nextBefore: full && last ? last.at : null };
  }
  const cut = all[limit - 1] as TimelineItem;
  let end = limit;
  while (end < all.length && (all[end] as TimelineItem).at === cut.at) end++;
  return { items: all.slice(0, end), nextBefore: cut.at };
}
