import { describe, expect, it } from "vitest";
import type { PipelineResponse } from "../../../shared/contracts/deals.ts";
import { draftOf, moveStage, newPipelineDraft, percentToBp, requestOf } from "./pipeline-form.ts";

describe("pipeline form", () => {
  it("reads percents in either script as basis points", () => {
    expect(percentToBp("25")).toBe(2500);
    expect(percentToBp("12.5")).toBe(1250);
    expect(percentToBp("১০০")).toBe(10000);
    expect(percentToBp("101")).toBeNull();
    expect(percentToBp("-1")).toBeNull();
    expect(percentToBp("abc")).toBeNull();
  });

  it("turns a stored pipeline into a draft and back into the same request", () => {
    const p: PipelineResponse = {
      id: "p",
      name: "Sales",
      nameBn: "বিক্রয়",
      isDefault: true,
      stages: [
        {
          id: "s1",
          position: 0,
          name: "First",
          nameBn: "প্রথম",
          kind: "open",
          probabilityBp: 1250,
          stuckAfterDays: 7,
          playbook: {
            channel: "call",
            message: "Hi",
            messageBn: "হ্যালো",
            templates: [{ title: "T", url: "https://x.test/t" }],
            content: [],
            checklist: [{ text: "a", textBn: "ক" }],
          },
        },
      ],
    };
    const r = requestOf(draftOf(p));
    expect(r).toEqual({
      ok: true,
      body: {
        name: "Sales",
        nameBn: "বিক্রয়",
        isDefault: true,
        stages: [
          {
            id: "s1",
            name: "First",
            nameBn: "প্রথম",
            kind: "open",
            probabilityBp: 1250,
            stuckAfterDays: 7,
            playbook: p.stages[0]?.playbook,
          },
        ],
      },
    });
  });

  it("names the first stage it cannot read, and drops half-filled links", () => {
    const d = newPipelineDraft();
    d.stages[1] = { ...(d.stages[1] as (typeof d.stages)[number]), probability: "x" };
    expect(requestOf(d)).toEqual({ ok: false, stage: 1 });
    const e = newPipelineDraft();
    (e.stages[0] as (typeof e.stages)[number]).playbook.templates.push({ title: "only a title", url: "" });
    const r = requestOf(e);
    expect(r.ok && r.body.stages[0]?.playbook.templates).toEqual([]);
  });

  it("moves a stage up and down, not past the ends", () => {
    expect(moveStage(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveStage(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveStage(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
  });
});
