// Small display rules of the knowledge base and settings screens, pure so they are tested.

/** The title to list an article by: the reader's language first, else the other one. */
export const articleTitle = (a: { titleBn: string; titleEn: string }, locale: string) =>
  (locale === "bn" ? a.titleBn || a.titleEn : a.titleEn || a.titleBn) || "—";

/** Holidays as typed (one per line, or separated by commas or spaces): the well-formed dates, sorted, once each. */
export const parseHolidays = (text: string) =>
  [...new Set(text.split(/[\s,]+/).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
