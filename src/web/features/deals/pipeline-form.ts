// The pipeline editor's form: a pipeline as editable text (probability in %, days as text) and back to the request.
import type { PipelineRequest, PipelineResponse, Playbook, StageKind } from "../../../shared/contracts/deals.ts";

export interface StageDraft {
  id?: string | undefined;
  name: string;
  nameBn: string;
  kind: StageKind;
  /** Percent, as typed. */
  probability: string;
  stuckAfterDays: string;
  playbook: Playbook;
}

export interface PipelineDraft {
  name: string;
  nameBn: string;
  isDefault: boolean;
  stages: StageDraft[];
}

export const emptyPlaybook = (): Playbook => ({
  channel: null,
  message: "",
  messageBn: "",
  templates: [],
  content: [],
  checklist: [],
});

export const newStage = (kind: StageKind = "open"): StageDraft => ({
  name: "",
  nameBn: "",
  kind,
  probability: kind === "won" || kind === "after_sale" ? "100" : kind === "lost" ? "0" : "50",
  stuckAfterDays: "",
  playbook: emptyPlaybook(),
});

export const newPipelineDraft = (): PipelineDraft => ({
  name: "",
  nameBn: "",
  isDefault: false,
  stages: [newStage("open"), newStage("won"), newStage("lost")],
});

export function draftOf(p: PipelineResponse): PipelineDraft {
  return {
    name: p.name,
    nameBn: p.nameBn,
    isDefault: p.isDefault,
    stages: p.stages.map((s) => ({
      id: s.id,
      name: s.name,
      nameBn: s.nameBn,
      kind: s.kind,
      probability: String(s.probabilityBp / 100),
      stuckAfterDays: s.stuckAfterDays === null ? "" : String(s.stuckAfterDays),
      playbook: structuredClone(s.playbook),
    })),
  };
}

/** Percent as typed ("12.5", "১০") to basis points; null when not a number from 0 to 100. */
export function percentToBp(text: string): number | null {
  const s = text.replace(/[\u09E6-\u09EF]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const bp = Math.round(Number(s) * 100);
  return bp <= 10_000 ? bp : null;
}

/** The request for a draft, or the index of the first stage whose probability or days cannot be read. */
export function requestOf(d: PipelineDraft): { ok: true; body: PipelineRequest } | { ok: false; stage: number } {
  const stages: PipelineRequest["stages"] = [];
  for (const [i, s] of d.stages.entries()) {
    const bp = percentToBp(s.probability);
    const days = s.stuckAfterDays.trim() === "" ? null : Number(s.stuckAfterDays);
    if (bp === null || (days !== null && (!Number.isInteger(days) || days < 1))) return { ok: false, stage: i };
    stages.push({
      ...(s.id && { id: s.id }),
      name: s.name.trim(),
      nameBn: s.nameBn.trim(),
      kind: s.kind,
      probabilityBp: bp,
      stuckAfterDays: days,
      playbook: {
        ...s.playbook,
        templates: s.playbook.templates.filter((l) => l.title.trim() && l.url.trim()),
        content: s.playbook.content.filter((l) => l.title.trim() && l.url.trim()),
        checklist: s.playbook.checklist.filter((c) => c.text.trim() && c.textBn.trim()),
      },
    });
  }
  return { ok: true, body: { name: d.name.trim(), nameBn: d.nameBn.trim(), isDefault: d.isDefault, stages } };
}

/** The stages with one moved up (-1) or down (+1); unchanged at the ends. */
export function moveStage<T>(stages: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= stages.length) return [...stages];
  const out = [...stages];
  const [s] = out.splice(index, 1);
  out.splice(to, 0, s as T);
  return out;
}
