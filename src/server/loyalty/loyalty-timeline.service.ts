// What loyalty and surveys add to a CRM account's timeline (see crm/timeline-source.ts): every movement of the
// account's points and every survey answer, in the caller's language.

import type { RecordRef, TimelineItem } from "../crm/timeline-source.ts";
import type { Executor } from "../db/transaction.ts";
import type { Ctx } from "../platform/context.ts";
import * as repo from "./loyalty.repository.ts";

const KIND_WORDS = {
  earn: { en: "Earned", bn: "অর্জিত" },
  redeem: { en: "Redeemed", bn: "রিডিম" },
  expire: { en: "Expired", bn: "মেয়াদোত্তীর্ণ" },
  reverse: { en: "Taken back for a return", bn: "ফেরতের জন্য কাটা" },
  adjust: { en: "Adjusted", bn: "সমন্বয়" },
} as const;

const BN_DIGITS = "০১২৩৪৫৬৭৮৯";
const digits = (n: number, locale: "bn" | "en") =>
  locale === "bn" ? String(n).replace(/\d/g, (d) => BN_DIGITS[Number(d)] as string) : String(n);

export async function loyaltyTimelineItems(
  db: Executor,
  ctx: Ctx,
  refs: readonly RecordRef[],
  page: { before: Date; limit: number },
): Promise<TimelineItem[]> {
  const accountIds = refs.filter((r) => r.type === "account").map((r) => r.id);
  if (accountIds.length === 0) return [];
  const orgId = ctx.actor.orgId;
  const l = ctx.locale;
  const movements = await repo.movementsOfAccounts(db, orgId, accountIds, page.before, page.limit);
  const answers = await repo.answersOfAccounts(db, orgId, accountIds, page.before, page.limit);
  const items: TimelineItem[] = [
    ...movements.map((m) => ({
      at: (m.created_at as Date).toISOString(),
      kind: "loyalty" as const,
      title: `${KIND_WORDS[m.kind][l]}: ${m.points > 0 ? "+" : "−"}${digits(Math.abs(m.points), l)} ${l === "bn" ? "পয়েন্ট" : "points"}`,
      detail: [l === "bn" ? m.name_bn : m.name, m.note].filter(Boolean).join(" · "),
      link: { type: "loyalty_member", id: m.member_id },
      actorName: null,
    })),
    ...answers.map((a) => ({
      at: (a.answered_at as Date).toISOString(),
      kind: "survey" as const,
      title: `${a.kind === "nps" ? "NPS" : "CSAT"} ${l === "bn" ? "উত্তর" : "answer"}: ${digits(a.score as number, l)}`,
      detail: [a.name, a.comment].filter(Boolean).join(" · "),
      link: null,
      actorName: null,
    })),
  ];
  return items.sort((x, y) => y.at.localeCompare(x.at)).slice(0, page.limit);
}
