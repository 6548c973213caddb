// What an early warning says, in Bengali and English: one sentence per kind, and the daily digest. Templates are
// filled like error messages (platform/errors.ts fillMessage), so numbers read in the reader's digits and money
// as taka; names and dates are put in already in the reader's language.
import type { WarningKind } from "../../shared/contracts/analytics.ts";
import { formatDate } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import { fillMessage } from "../platform/errors.ts";

type Templates = Record<Locale, string>;

const SENTENCES: Record<WarningKind, Templates> = {
  outlet_stopped: {
    en: "{subject} has not ordered since {lastOrderOn} ({daysSince} days); it usually orders every {usualIntervalDays} days.",
    bn: "{subject} {lastOrderOn} থেকে ({daysSince} দিন) কোনো অর্ডার দেয়নি; সাধারণত প্রতি {usualIntervalDays} দিনে অর্ডার দেয়।",
  },
  sku_falling: {
    en: "{subject} in {territory}: {recentWeeklyQty} a week over the last 4 weeks against {baselineWeeklyQty} a week over the 12 weeks before, down {fallPct}%.",
    bn: "{territory}-এ {subject}: গত ৪ সপ্তাহে সপ্তাহে {recentWeeklyQty}, আগের ১২ সপ্তাহে ছিল সপ্তাহে {baselineWeeklyQty}; {fallPct}% কম।",
  },
  territory_behind: {
    en: "{subject} has sold {monthToDatePoisha:money} in {elapsedDays} days this month, on course for {projectedPoisha:money} against {benchmarkPoisha:money} last month ({achievedPct}%).",
    bn: "{subject} এ মাসে {elapsedDays} দিনে {monthToDatePoisha:money} বিক্রি করেছে; এই হারে মাস শেষে হবে {projectedPoisha:money}, গত মাসে ছিল {benchmarkPoisha:money} ({achievedPct}%)।",
  },
};

const BEHIND_TARGET: Templates = {
  en: "{subject} has sold {monthToDatePoisha:money} in {elapsedDays} days this month, on course for {projectedPoisha:money} against its target of {benchmarkPoisha:money} ({achievedPct}%).",
  bn: "{subject} এ মাসে {elapsedDays} দিনে {monthToDatePoisha:money} বিক্রি করেছে; এই হারে মাস শেষে হবে {projectedPoisha:money}, লক্ষ্য {benchmarkPoisha:money} ({achievedPct}%)।",
};

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0));

/** The sentence for one warning: its stored detail plus the names of its subject and territory in the locale. */
export function warningMessage(
  kind: WarningKind,
  locale: Locale,
  detail: Record<string, string | number | null>,
  names: { subject: string; territory: string },
): string {
  const values: Record<string, unknown> = { ...detail, ...names };
  if (typeof detail.lastOrderOn === "string") values.lastOrderOn = formatDate(detail.lastOrderOn, locale);
  // Whole percentages: a fall of 37 %, 82 % of last month; basis points are for machines.
  if (kind === "sku_falling") values.fallPct = Math.round(-num(detail.changeBp) / 100);
  if (kind === "territory_behind") values.achievedPct = Math.round(num(detail.achievedBp) / 100);
  // Against the month's target (targets module) when one was set, else against last month.
  const sentence = kind === "territory_behind" && detail.benchmark === "target" ? BEHIND_TARGET : SENTENCES[kind];
  return fillMessage(sentence[locale], locale, values);
}

export interface DigestCounts {
  outlet_stopped: number;
  sku_falling: number;
  territory_behind: number;
}

const DIGEST = {
  title: {
    en: "Early warnings: {outlet_stopped} outlets stopped ordering, {sku_falling} SKUs falling, {territory_behind} territories behind",
    bn: "আগাম সতর্কতা: {outlet_stopped}টি আউটলেট অর্ডার বন্ধ করেছে, {sku_falling}টি এসকেইউ কমছে, {territory_behind}টি এলাকা পিছিয়ে",
  },
  body: {
    en: "Found on {date} in your area. Open Analytics → Early warnings to see each one.",
    bn: "{date} তারিখে আপনার এলাকায় পাওয়া গেছে। প্রতিটি দেখতে অ্যানালিটিক্স → আগাম সতর্কতা খুলুন।",
  },
  heading: {
    outlet_stopped: { en: "Outlets that stopped ordering", bn: "যেসব আউটলেট অর্ডার বন্ধ করেছে" },
    sku_falling: { en: "SKUs falling against their trend", bn: "যেসব এসকেইউ-এর বিক্রি কমছে" },
    territory_behind: { en: "Territories behind run-rate", bn: "যেসব এলাকা বিক্রির হারে পিছিয়ে" },
  },
  more: { en: "… and {count} more.", bn: "… এবং আরও {count}টি।" },
} as const;

/** The digest's title (notification title and email subject) in one language. */
export const digestTitle = (counts: DigestCounts, locale: Locale) =>
  fillMessage(DIGEST.title[locale], locale, { ...counts });

export const digestBody = (date: string, locale: Locale) =>
  fillMessage(DIGEST.body[locale], locale, { date: formatDate(date, locale) });

/** The digest email's text: the counts, then the worst few of each kind in sentences. */
export function digestEmailText(
  counts: DigestCounts,
  date: string,
  locale: Locale,
  worst: Record<WarningKind, string[]>,
): string {
  const parts = [digestTitle(counts, locale), "", digestBody(date, locale)];
  for (const kind of Object.keys(DIGEST.heading) as WarningKind[]) {
    const lines = worst[kind];
    if (counts[kind] === 0) continue;
    parts.push("", `${DIGEST.heading[kind][locale]} (${fillMessage("{n}", locale, { n: counts[kind] })})`);
    for (const line of lines) parts.push(`• ${line}`);
    const rest = counts[kind] - lines.length;
    if (rest > 0) parts.push(fillMessage(DIGEST.more[locale], locale, { count: rest }));
  }
  return parts.join("\n");
}

/** Column headings of the warnings' report table. */
export const WARNING_COLUMNS: Record<string, Templates> = {
  kind: { en: "Kind", bn: "ধরন" },
  subject: { en: "Subject", bn: "বিষয়" },
  territory: { en: "Territory", bn: "এলাকা" },
  severity: { en: "Severity", bn: "গুরুত্ব" },
  message: { en: "What was seen", bn: "যা দেখা গেছে" },
  detectedOn: { en: "Found on", bn: "পাওয়ার তারিখ" },
};

export const KIND_LABELS: Record<WarningKind, Templates> = {
  outlet_stopped: { en: "Outlet stopped ordering", bn: "আউটলেট অর্ডার বন্ধ" },
  sku_falling: { en: "SKU falling", bn: "এসকেইউ কমছে" },
  territory_behind: { en: "Territory behind run-rate", bn: "এলাকা পিছিয়ে" },
};

export const WARNINGS_TITLE: Templates = { en: "Early warnings", bn: "আগাম সতর্কতা" };
