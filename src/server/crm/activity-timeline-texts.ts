// What activities and deal stage changes say on a CRM timeline, in both languages, without I/O.
import { formatDateTime } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";

type Texts = Record<string, { en: string; bn: string }>;

export const ACTIVITY_KIND: Texts = {
  call: { en: "Call", bn: "কল" },
  meeting: { en: "Meeting", bn: "মিটিং" },
  note: { en: "Note", bn: "নোট" },
  task: { en: "Task", bn: "কাজ" },
  email: { en: "Email", bn: "ইমেইল" },
};

export const CALL_OUTCOME: Texts = {
  connected: { en: "connected", bn: "কথা হয়েছে" },
  no_answer: { en: "no answer", bn: "ধরেনি" },
  busy: { en: "busy", bn: "ব্যস্ত" },
  wrong_number: { en: "wrong number", bn: "ভুল নম্বর" },
  voicemail: { en: "voicemail", bn: "ভয়েসমেইল" },
};

const pick = (t: Texts, key: string, locale: Locale) => t[key]?.[locale] ?? key;

export function activityTitle(
  a: { kind: string; subject: string; call_outcome: string | null; done_at: Date | null; due_at: Date | null },
  locale: Locale,
): string {
  const head = `${pick(ACTIVITY_KIND, a.kind, locale)}: ${a.subject}`;
  if (a.kind === "call" && a.call_outcome) return `${head} (${pick(CALL_OUTCOME, a.call_outcome, locale)})`;
  if (a.kind === "task") {
    if (a.done_at) return `${head} (${locale === "bn" ? "সম্পন্ন" : "done"})`;
    if (a.due_at) return `${head} (${locale === "bn" ? "নির্ধারিত" : "due"} ${formatDateTime(a.due_at, locale)})`;
  }
  return head;
}

export function stageChangeTitle(
  c: { deal_name: string; from_stage_id: string | null; stage_name: string; stage_name_bn: string },
  locale: Locale,
): string {
  const stage = locale === "bn" ? c.stage_name_bn : c.stage_name;
  if (locale === "bn")
    return c.from_stage_id === null ? `ডিল "${c.deal_name}" খোলা হয়েছে: ${stage}` : `ডিল "${c.deal_name}": ${stage} ধাপে`;
  return c.from_stage_id === null
    ? `Deal "${c.deal_name}" opened in ${stage}`
    : `Deal "${c.deal_name}" moved to ${stage}`;
}

export function stageChangeDetail(
  c: {
    from_name: string | null;
    from_name_bn: string | null;
    lost_reason_label: string | null;
    lost_reason_label_bn: string | null;
    note: string | null;
  },
  locale: Locale,
): string | null {
  const from = locale === "bn" ? c.from_name_bn : c.from_name;
  const reason = locale === "bn" ? c.lost_reason_label_bn : c.lost_reason_label;
  const parts = [
    from ? (locale === "bn" ? `আগে: ${from}` : `from ${from}`) : null,
    reason ? (locale === "bn" ? `কারণ: ${reason}` : `reason: ${reason}`) : null,
    c.note,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" · ") : null;
}
