import { describe, expect, it } from "vitest";
import { activityTitle, stageChangeDetail, stageChangeTitle } from "./activity-timeline-texts.ts";

describe("timeline texts of activities and deals", () => {
  const base = { subject: "Price list", call_outcome: null, done_at: null, due_at: null };
  it("names the kind, the subject and how a call went or a task stands", () => {
    expect(activityTitle({ ...base, kind: "call", call_outcome: "no_answer" }, "en")).toBe(
      "Call: Price list (no answer)",
    );
    expect(activityTitle({ ...base, kind: "call", call_outcome: "no_answer" }, "bn")).toBe("কল: Price list (ধরেনি)");
    expect(activityTitle({ ...base, kind: "task", done_at: new Date() }, "en")).toBe("Task: Price list (done)");
    expect(activityTitle({ ...base, kind: "note" }, "bn")).toBe("নোট: Price list");
    expect(activityTitle({ ...base, kind: "task", due_at: new Date("2026-11-25T08:30:00Z") }, "en")).toMatch(
      /^Task: Price list \(due .*2:30/,
    );
  });

  it("says where a deal went, from where and why it was lost", () => {
    const c = { deal_name: "Biscuits", stage_name: "Lost", stage_name_bn: "হারানো" };
    expect(stageChangeTitle({ ...c, from_stage_id: null }, "en")).toBe('Deal "Biscuits" opened in Lost');
    expect(stageChangeTitle({ ...c, from_stage_id: "x" }, "bn")).toBe('ডিল "Biscuits": হারানো ধাপে');
    const d = {
      from_name: "Proposal",
      from_name_bn: "প্রস্তাব",
      lost_reason_label: "Price too high",
      lost_reason_label_bn: "দাম বেশি",
      note: null,
    };
    expect(stageChangeDetail(d, "en")).toBe("from Proposal · reason: Price too high");
    expect(stageChangeDetail(d, "bn")).toBe("আগে: প্রস্তাব · কারণ: দাম বেশি");
    expect(
      stageChangeDetail(
        { from_name: null, from_name_bn: null, lost_reason_label: null, lost_reason_label_bn: null, note: null },
        "en",
      ),
    ).toBeNull();
  });
});
