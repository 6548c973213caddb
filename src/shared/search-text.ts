// Search that works across scripts: "মুদি", "mudi" and "mudee" find the same shop. Every stored name is
// reduced to a phonetic key per word (Bengali transliterated to Latin, then both folded the same way), plus a
// consonant skeleton for looser matches. The same functions run on the server (stored `search_text` columns)
// and in the browser (filtering a cached catalog), so both find the same things.

const CONSONANTS: Record<string, string> = {
  ক: "k",
  খ: "kh",
  গ: "g",
  ঘ: "gh",
  ঙ: "ng",
  চ: "ch",
  ছ: "chh",
  জ: "j",
  ঝ: "jh",
  ঞ: "n",
  ট: "t",
  ঠ: "th",
  ড: "d",
  ঢ: "dh",
  ণ: "n",
  ত: "t",
  থ: "th",
  দ: "d",
  ধ: "dh",
  ন: "n",
  প: "p",
  ফ: "ph",
  ব: "b",
  ভ: "bh",
  ম: "m",
  য: "j",
  র: "r",
  ল: "l",
  শ: "sh",
  ষ: "sh",
  স: "s",
  হ: "h",
  ড়: "r",
  ঢ়: "rh",
  য়: "y",
  ৎ: "t",
};
const VOWELS: Record<string, string> = {
  অ: "o",
  আ: "a",
  ই: "i",
  ঈ: "i",
  উ: "u",
  ঊ: "u",
  ঋ: "ri",
  এ: "e",
  ঐ: "oi",
  ও: "o",
  ঔ: "ou",
};
const VOWEL_SIGNS: Record<string, string> = {
  "া": "a",
  "ি": "i",
  "ী": "i",
  "ু": "u",
  "ূ": "u",
  "ৃ": "ri",
  "ে": "e",
  "ৈ": "oi",
  "ো": "o",
  "ৌ": "ou",
};
const SIGNS: Record<string, string> = { "ং": "ng", "ঃ": "h", "ঁ": "" };
const HASANTA = "্";
const NUKTA = "়";

/** Bengali to a plain Latin spelling as people type it ("মুদি দোকান" -> "mudi dokan"). */
export function transliterate(text: string): string {
  // Decomposed forms (ড + nukta) are folded to the precomposed letters first.
  const s = text.normalize("NFC").replace(/ড়/g, "ড়").replace(/ঢ়/g, "ঢ়").replace(/য়/g, "য়");
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    const next = s.charAt(i + 1);
    const consonant = CONSONANTS[ch];
    if (consonant !== undefined) {
      out += consonant;
      // The inherent vowel sounds unless a sign, a hasanta or the word's end follows.
      const atWordEnd = !/[\u0980-\u09FF]/.test(next) || next === NUKTA;
      if (!atWordEnd && next !== HASANTA && VOWEL_SIGNS[next] === undefined && SIGNS[next] === undefined) out += "o";
      continue;
    }
    const digit = ch.charCodeAt(0) - 0x09e6;
    if (digit >= 0 && digit <= 9) out += String(digit);
    else if (VOWELS[ch] !== undefined) out += VOWELS[ch];
    else if (VOWEL_SIGNS[ch] !== undefined) out += VOWEL_SIGNS[ch];
    else if (SIGNS[ch] !== undefined) out += SIGNS[ch];
    else if (ch === HASANTA || ch === NUKTA) continue;
    else out += ch;
  }
  return out;
}

const FOLDS: [RegExp, string][] = [
  [/chh/g, "c"],
  [/ch/g, "c"],
  [/ph/g, "f"],
  [/([kgjtdb])h/g, "$1"],
  [/sh/g, "s"],
  [/z/g, "j"],
  [/q/g, "k"],
  [/v/g, "b"],
  [/w/g, "o"],
  [/x/g, "ks"],
  [/ee/g, "i"],
  [/oo/g, "u"],
  [/y/g, "i"],
  // Bengali অ is written "a" as often as "o" (Rahman / Rohman): treat them as one sound.
  [/o/g, "a"],
  [/([a-z])\1+/g, "$1"],
];

/** One word's phonetic key: lower-case Latin with spellings that sound alike made equal. */
export function phoneticKey(word: string): string {
  let w = transliterate(word.toLowerCase()).replace(/[^a-z0-9]/g, "");
  for (const [re, to] of FOLDS) w = w.replace(re, to);
  return w;
}

/** The consonants of a key, keeping its first letter: matches spellings that differ in vowels. */
export function skeletonKey(key: string): string {
  return key.length === 0 ? "" : (key.charAt(0) + key.slice(1).replace(/[aeiu]/g, "")).replace(/([a-z])\1+/g, "$1");
}

function words(text: string): string[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== "");
}

/**
 * The stored search text of a record, from its names, codes and phone numbers. Each word appears as
 * " <key>" and " ~<skeleton>", so a word-prefix match is a LIKE '% <term>%'.
 */
export function searchText(...parts: (string | null | undefined)[]): string {
  const keys = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    for (const w of words(part)) {
      const key = phoneticKey(w);
      if (key === "") continue;
      keys.add(key);
      const skeleton = skeletonKey(key);
      if (skeleton.length >= 2) keys.add(`~${skeleton}`);
    }
  }
  return keys.size === 0 ? "" : ` ${[...keys].join(" ")}`;
}

export interface SearchTerm {
  key: string;
  /** Null when too short to be useful (one letter would match almost everything). */
  skeleton: string | null;
}

/** The terms of a query; a record matches when every term prefixes one of its words. */
export function searchTerms(query: string): SearchTerm[] {
  return words(query)
    .slice(0, 8)
    .map((w) => {
      const key = phoneticKey(w);
      const skeleton = skeletonKey(key);
      return { key, skeleton: skeleton.length >= 3 ? skeleton : null };
    })
    .filter((t) => t.key !== "");
}

/** 2 when every term matches by its phonetic key, 1 when some match only by skeleton, 0 for no match. */
export function searchScore(stored: string, terms: SearchTerm[]): 0 | 1 | 2 {
  let score: 0 | 1 | 2 = 2;
  for (const t of terms) {
    if (stored.includes(` ${t.key}`)) continue;
    if (t.skeleton && stored.includes(` ~${t.skeleton}`)) score = 1;
    else return 0;
  }
  return score;
}
