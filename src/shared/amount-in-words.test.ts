import { describe, expect, it } from "vitest";
import { amountInWords, numberInWords } from "./amount-in-words.ts";

describe("numbers in English words (South Asian grouping)", () => {
  it.each([
    [0, "Zero"],
    [7, "Seven"],
    [13, "Thirteen"],
    [20, "Twenty"],
    [45, "Forty Five"],
    [99, "Ninety Nine"],
    [100, "One Hundred"],
    [101, "One Hundred One"],
    [110, "One Hundred Ten"],
    [999, "Nine Hundred Ninety Nine"],
    [1000, "One Thousand"],
    [1203, "One Thousand Two Hundred Three"],
    [10_000, "Ten Thousand"],
    [99_999, "Ninety Nine Thousand Nine Hundred Ninety Nine"],
    [100_000, "One Lakh"],
    [250_075, "Two Lakh Fifty Thousand Seventy Five"],
    [10_000_000, "One Crore"],
    [12_345_678, "One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight"],
    [1_000_000_000, "One Hundred Crore"],
    [12_340_000_000, "One Thousand Two Hundred Thirty Four Crore"],
  ])("%d -> %s", (n, words) => {
    expect(numberInWords(n, "en")).toBe(words);
  });
});

describe("numbers in Bengali words", () => {
  it("has its own word for each number below a hundred, irregular ones included", () => {
    expect(numberInWords(0, "bn")).toBe("শূন্য");
    expect(numberInWords(11, "bn")).toBe("এগারো");
    expect(numberInWords(19, "bn")).toBe("উনিশ");
    expect(numberInWords(29, "bn")).toBe("ঊনত্রিশ");
    expect(numberInWords(37, "bn")).toBe("সাঁইত্রিশ");
    expect(numberInWords(42, "bn")).toBe("বিয়াল্লিশ");
    expect(numberInWords(46, "bn")).toBe("ছেচল্লিশ");
    expect(numberInWords(53, "bn")).toBe("তিপ্পান্ন");
    expect(numberInWords(59, "bn")).toBe("ঊনষাট");
    expect(numberInWords(66, "bn")).toBe("ছেষট্টি");
    expect(numberInWords(73, "bn")).toBe("তিয়াত্তর");
    expect(numberInWords(88, "bn")).toBe("অষ্টাশি");
    expect(numberInWords(92, "bn")).toBe("বিরানব্বই");
    expect(numberInWords(99, "bn")).toBe("নিরানব্বই");
  });

  it("has a hundred distinct words for 0 to 99, all in Bengali script", () => {
    const words = Array.from({ length: 100 }, (_, i) => numberInWords(i, "bn"));
    expect(new Set(words).size).toBe(100);
    for (const w of words) expect(w).toMatch(/^[\u0980-\u09FF]+$/);
  });

  it.each([
    [100, "একশত"],
    [205, "দুইশত পাঁচ"],
    [1203, "এক হাজার দুইশত তিন"],
    [21_000, "একুশ হাজার"],
    [100_000, "এক লক্ষ"],
    [1_525_050, "পনেরো লক্ষ পঁচিশ হাজার পঞ্চাশ"],
    [10_000_000, "এক কোটি"],
    [12_345_678, "এক কোটি তেইশ লক্ষ পঁয়তাল্লিশ হাজার ছয়শত আটাত্তর"],
    [1_000_000_000, "একশত কোটি"],
  ])("%d -> %s", (n, words) => {
    expect(numberInWords(n, "bn")).toBe(words);
  });
});

describe("amounts in words", () => {
  it("states taka and poisha the way an invoice does", () => {
    expect(amountInWords(120_350, "en")).toBe("Taka One Thousand Two Hundred Three and Fifty Poisha Only");
    expect(amountInWords(120_350, "bn")).toBe("এক হাজার দুইশত তিন টাকা পঞ্চাশ পয়সা মাত্র");
  });

  it("leaves out poisha when there are none, and taka when there are none", () => {
    expect(amountInWords(500_000, "en")).toBe("Taka Five Thousand Only");
    expect(amountInWords(500_000, "bn")).toBe("পাঁচ হাজার টাকা মাত্র");
    expect(amountInWords(75, "en")).toBe("Seventy Five Poisha Only");
    expect(amountInWords(75, "bn")).toBe("পঁচাত্তর পয়সা মাত্র");
    expect(amountInWords(0, "en")).toBe("Taka Zero Only");
    expect(amountInWords(0, "bn")).toBe("শূন্য টাকা মাত্র");
    expect(amountInWords(101, "en")).toBe("Taka One and One Poisha Only");
  });

  it("reads lakh and crore amounts", () => {
    // ৳1,23,45,678.09
    expect(amountInWords(1_234_567_809, "en")).toBe(
      "Taka One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight and Nine Poisha Only",
    );
    expect(amountInWords(1_234_567_809, "bn")).toBe("এক কোটি তেইশ লক্ষ পঁয়তাল্লিশ হাজার ছয়শত আটাত্তর টাকা নয় পয়সা মাত্র");
  });

  it("handles the largest exact amount without losing a poisha", () => {
    const words = amountInWords(Number.MAX_SAFE_INTEGER, "en");
    // 90071992547409.91 taka = 90,07,199 crore + 25,47,409
    expect(words).toBe(
      "Taka Ninety Lakh Seven Thousand One Hundred Ninety Nine Crore Twenty Five Lakh Forty Seven Thousand Four Hundred Nine and Ninety One Poisha Only",
    );
  });

  it("refuses negative and fractional amounts", () => {
    expect(() => amountInWords(-1, "en")).toThrow(RangeError);
    expect(() => amountInWords(1.5, "bn")).toThrow(RangeError);
    expect(() => numberInWords(Number.NaN, "en")).toThrow(RangeError);
  });
});
