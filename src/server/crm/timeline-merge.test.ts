import { describe, expect, it } from "vitest";
import { mergeTimeline } from "./timeline-merge.ts";
import type { TimelineItem } from "./timeline-source.ts";

const item = (at: string, kind: TimelineItem["kind"] = "order", title = at): TimelineItem => ({
  at,
  kind,
  title,
  detail: null,
  link: null,
  actorName: null,
});

describe("mergeTimeline", () => {
  it("puts every source's items newest first", () => {
    const { items, nextBefore } = mergeTimeline(
      [
        [item("2026-11-20T08:00:00.000Z"), item("2026-11-20T04:00:00.000Z")],
        [item("2026-11-20T10:00:00.000Z", "visit"), item("2026-11-20T06:00:00.000Z", "visit")],
      ],
      10,
    );
    expect(items.map((i) => i.at.slice(11, 13))).toEqual(["10", "08", "06", "04"]);
    expect(nextBefore).toBeNull();
  });

  it("cuts at the limit and says where the next page starts", () => {
    const { items, nextBefore } = mergeTimeline(
      [[item("2026-11-20T08:00:00.000Z"), item("2026-11-20T04:00:00.000Z")], [item("2026-11-20T06:00:00.000Z")]],
      2,
    );
    expect(items.map((i) => i.at.slice(11, 13))).toEqual(["08", "06"]);
    expect(nextBefore).toBe("2026-11-20T06:00:00.000Z");
  });

  it("keeps items that share the last instant on the same page, so the next page loses none", () => {
    const same = "2026-11-20T06:00:00.000Z";
    const { items, nextBefore } = mergeTimeline(
      [[item("2026-11-20T08:00:00.000Z"), item(same, "order", "a")], [item(same, "visit", "b")]],
      2,
    );
    expect(items.map((i) => i.title)).toEqual(["2026-11-20T08:00:00.000Z", "a", "b"]);
    expect(nextBefore).toBe(same);
  });

  it("offers a next page when a source may hold more than it gave", () => {
    const { items, nextBefore } = mergeTimeline([[item("2026-11-20T08:00:00.000Z")], []], 1);
    expect(items).toHaveLength(1);
    expect(nextBefore).toBe("2026-11-20T08:00:00.000Z");
  });
});
