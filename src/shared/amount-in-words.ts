// An amount of money in words, as a Bangladeshi invoice or cheque states it ("in words" on Mushak-6.3):
// "Taka One Thousand Two Hundred Three and Fifty Poisha Only" / "এক হাজার দুইশত তিন টাকা পঞ্চাশ পয়সা মাত্র".
// Both languages count in the South Asian way (hundred, thousand, lakh, crore); past 99 crore the crore
// count is itself spelled out ("One Hundred Twenty Three Crore"), as people read such figures aloud.
import type { Locale } from "./locale.ts";

const EN_ONES = [
  "Zero",
  "One",
  "Two",
  "Three",
  "Four",
  "Five",
  "Six",
  "Seven",
  "Eight",
  "Nine",
  "Ten",
  "Eleven",
  "Twelve",
  "Thirteen",
  "Fourteen",
  "Fifteen",
  "Sixteen",
  "Seventeen",
  "Eighteen",
  "Nineteen",
];
const EN_TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];

// Bengali has its own word for every number below a hundred: none is built from tens and units.
// biome-ignore format: ten to a line reads like a table
const BN_0_TO_99 = [
  "শূন্য", "এক", "দুই", "তিন", "চার", "পাঁচ", "ছয়", "সাত", "আট", "নয়",
  "দশ", "এগারো", "বারো", "তেরো", "চৌদ্দ", "পনেরো", "ষোলো", "সতেরো", "আঠারো", "উনিশ",
  "বিশ", "একুশ", "বাইশ", "তেইশ", "চব্বিশ", "পঁচিশ", "ছাব্বিশ", "সাতাশ", "আটাশ", "ঊনত্রিশ",
  "ত্রিশ", "একত্রিশ", "বত্রিশ", "তেত্রিশ", "চৌত্রিশ", "পঁয়ত্রিশ", "ছত্রিশ", "সাঁইত্রিশ", "আটত্রিশ", "ঊনচল্লিশ",
  "চল্লিশ", "একচল্লিশ", "বিয়াল্লিশ", "তেতাল্লিশ", "চুয়াল্লিশ", "পঁয়তাল্লিশ", "ছেচল্লিশ", "সাতচল্লিশ", "আটচল্লিশ", "ঊনপঞ্চাশ",
  "পঞ্চাশ", "একান্ন", "বাহান্ন", "তিপ্পান্ন", "চুয়ান্ন", "পঞ্চান্ন", "ছাপ্পান্ন", "সাতান্ন", "আটান্ন", "ঊনষাট",
  "ষাট", "একষট্টি", "বাষট্টি", "তেষট্টি", "চৌষট্টি", "পঁয়ষট্টি", "ছেষট্টি", "সাতষট্টি", "আটষট্টি", "ঊনসত্তর",
  "সত্তর", "একাত্তর", "বাহাত্তর", "তিয়াত্তর", "চুয়াত্তর", "পঁচাত্তর", "ছিয়াত্তর", "সাতাত্তর", "আটাত্তর", "ঊনআশি",
  "আশি", "একাশি", "বিরাশি", "তিরাশি", "চুরাশি", "পঁচাশি", "ছিয়াশি", "সাতাশি", "অষ্টাশি", "ঊননব্বই",
  "নব্বই", "একানব্বই", "বিরানব্বই", "তিরানব্বই", "চুরানব্বই", "পঁচানব্বই", "ছিয়ানব্বই", "সাতানব্বই", "আটানব্বই", "নিরানব্বই",
];

interface Words {
  below100: (n: number) => string;
  hundred: string;
  thousand: string;
  lakh: string;
  crore: string;
  /** Bengali joins the hundred to its count ("দুইশত"); English keeps them apart ("Two Hundred"). */
  joinHundred: boolean;
}

const EN: Words = {
  below100: (n) => {
    if (n < 20) return EN_ONES[n] ?? "";
    const unit = n % 10;
    return unit === 0 ? (EN_TENS[n / 10] ?? "") : `${EN_TENS[Math.floor(n / 10)]} ${EN_ONES[unit]}`;
  },
  hundred: "Hundred",
  thousand: "Thousand",
  lakh: "Lakh",
  crore: "Crore",
  joinHundred: false,
};

const BN: Words = {
  below100: (n) => BN_0_TO_99[n] ?? "",
  hundred: "শত",
  thousand: "হাজার",
  lakh: "লক্ষ",
  crore: "কোটি",
  joinHundred: true,
};

/** A whole number >= 1 in words; crore counts above 99 recurse ("এক হাজার কোটি"). */
function spell(n: number, w: Words): string {
  const parts: string[] = [];
  const crore = Math.floor(n / 10_000_000);
  let rest = n % 10_000_000;
  if (crore > 0) parts.push(`${spell(crore, w)} ${w.crore}`);
  const lakh = Math.floor(rest / 100_000);
  rest %= 100_000;
  if (lakh > 0) parts.push(`${w.below100(lakh)} ${w.lakh}`);
  const thousand = Math.floor(rest / 1000);
  rest %= 1000;
  if (thousand > 0) parts.push(`${w.below100(thousand)} ${w.thousand}`);
  const hundred = Math.floor(rest / 100);
  rest %= 100;
  if (hundred > 0)
    parts.push(w.joinHundred ? `${w.below100(hundred)}${w.hundred}` : `${w.below100(hundred)} ${w.hundred}`);
  if (rest > 0) parts.push(w.below100(rest));
  return parts.join(" ");
}

/** A whole number in words (0 included), e.g. for quantities. */
export function numberInWords(n: number, locale: Locale): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`expected a whole number >= 0, got ${n}`);
  const w = locale === "bn" ? BN : EN;
  return n === 0 ? w.below100(0) : spell(n, w);
}

/** An amount of poisha in words, ending "Only" / "মাত্র" as invoices and cheques do. */
export function amountInWords(poisha: number, locale: Locale): string {
  if (!Number.isSafeInteger(poisha) || poisha < 0) throw new RangeError(`expected whole poisha >= 0, got ${poisha}`);
  const paisa = poisha % 100;
  const taka = (poisha - paisa) / 100;
  if (locale === "bn") {
    const parts: string[] = [];
    if (taka > 0 || paisa === 0) parts.push(`${numberInWords(taka, "bn")} টাকা`);
    if (paisa > 0) parts.push(`${numberInWords(paisa, "bn")} পয়সা`);
    return `${parts.join(" ")} মাত্র`;
  }
  if (taka === 0 && paisa > 0) return `${numberInWords(paisa, "en")} Poisha Only`;
  const takaWords = `Taka ${numberInWords(taka, "en")}`;
  return paisa > 0 ? `${takaWords} and ${numberInWords(paisa, "en")} Poisha Only` : `${takaWords} Only`;
}
