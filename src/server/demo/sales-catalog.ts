// The made-up FMCG company's range: brands, categories and 150 SKUs (soap, shampoo, toothpaste, detergent,
// biscuits, noodles, snacks, tea, edible oil, spices, salt, flour, juice, semai ...) in English and Bengali,
// with believable MRPs, pack sizes and VAT rates. Written by hand, so the same list on every machine; the
// brands are invented and any likeness to a real product is a coincidence.

export interface CatalogBrand {
  readonly code: string;
  readonly en: string;
  readonly bn: string;
}

export interface CatalogCategory {
  readonly code: string;
  readonly en: string;
  readonly bn: string;
  /** Code of the parent group; null for a group. */
  readonly parent: string | null;
}

export interface CatalogUnit {
  readonly unit: "piece" | "pack" | "case";
  readonly name: string;
  readonly nameBn: string;
  readonly factor: number;
}

export interface CatalogSku {
  readonly code: string;
  readonly en: string;
  readonly bn: string;
  readonly brand: string;
  readonly category: string;
  /** EAN-13 with a valid check digit, in the 2xx range (never issued to real products). */
  readonly barcode: string;
  readonly vatBp: number;
  readonly mrpPoisha: number;
  readonly units: readonly CatalogUnit[];
  /** 'case' for wholesale-only lines: orders must be whole cases. */
  readonly sellByUnit: "case" | null;
  /** Shelf life from manufacture, for batch expiry dates. */
  readonly shelfLifeMonths: number;
  /** One piece as shipped (contents and packaging), for delivery capacity. */
  readonly weightG: number;
  readonly volumeCm3: number;
}

export const BRANDS: readonly CatalogBrand[] = [
  { code: "SHV", en: "Shuvro", bn: "শুভ্র" },
  { code: "MKT", en: "Mukta", bn: "মুক্তা" },
  { code: "JKJ", en: "Jhokjhok", bn: "ঝকঝক" },
  { code: "MYN", en: "Moyna", bn: "ময়না" },
  { code: "MJD", en: "Mojadar", bn: "মজাদার" },
  { code: "CBG", en: "Cha Bagan", bn: "চা বাগান" },
  { code: "SNL", en: "Sonali", bn: "সোনালী" },
  { code: "RSI", en: "Rasui", bn: "রসুই" },
  { code: "SGR", en: "Sagor", bn: "সাগর" },
  { code: "KHM", en: "Khamar", bn: "খামার" },
  { code: "RNG", en: "Rongin", bn: "রঙিন" },
];

export const CATEGORIES: readonly CatalogCategory[] = [
  { code: "PC", en: "Personal care", bn: "ব্যক্তিগত যত্ন", parent: null },
  { code: "HC", en: "Home care", bn: "গৃহস্থালি পরিচ্ছন্নতা", parent: null },
  { code: "FD", en: "Foods", bn: "খাদ্যপণ্য", parent: null },
  { code: "BV", en: "Beverages", bn: "পানীয়", parent: null },
  { code: "PC-SOAP", en: "Soap", bn: "সাবান", parent: "PC" },
  { code: "PC-HAIR", en: "Shampoo", bn: "শ্যাম্পু", parent: "PC" },
  { code: "PC-ORAL", en: "Oral care", bn: "দাঁতের যত্ন", parent: "PC" },
  { code: "PC-SKIN", en: "Skin care", bn: "ত্বকের যত্ন", parent: "PC" },
  { code: "HC-LAUN", en: "Detergent", bn: "ডিটারজেন্ট", parent: "HC" },
  { code: "HC-DISH", en: "Dishwash and cleaners", bn: "ডিশওয়াশ ও ক্লিনার", parent: "HC" },
  { code: "FD-BISC", en: "Biscuits", bn: "বিস্কুট", parent: "FD" },
  { code: "FD-NOOD", en: "Noodles and semai", bn: "নুডলস ও সেমাই", parent: "FD" },
  { code: "FD-SNAK", en: "Snacks", bn: "স্ন্যাকস", parent: "FD" },
  { code: "FD-OIL", en: "Edible oil", bn: "ভোজ্য তেল", parent: "FD" },
  { code: "FD-SPIC", en: "Spices", bn: "মসলা", parent: "FD" },
  { code: "FD-SALT", en: "Salt", bn: "লবণ", parent: "FD" },
  { code: "FD-FLOR", en: "Flour and rice", bn: "আটা, ময়দা ও চাল", parent: "FD" },
  { code: "BV-TEA", en: "Tea", bn: "চা", parent: "BV" },
  { code: "BV-JUIC", en: "Juice and water", bn: "জুস ও পানি", parent: "BV" },
];

// A product line: one brand and category, one VAT rate and shelf life, and its variants
// [variant en, variant bn, size, MRP in taka, case factor, pack factor (pieces per pack) or 0, wholesale-only].
type Variant = readonly [
  en: string,
  bn: string,
  size: string,
  mrpTaka: number,
  perCase: number,
  perPack: number,
  caseOnly?: boolean,
];
interface Line {
  brand: string;
  category: string;
  en: string;
  bn: string;
  vatBp: number;
  shelf: number;
  variants: readonly Variant[];
}

const LINES: readonly Line[] = [
  {
    brand: "SHV",
    category: "PC-SOAP",
    en: "Beauty Soap",
    bn: "বিউটি সোপ",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Rose", "গোলাপ", "100g", 55, 72, 0],
      ["Rose", "গোলাপ", "150g", 75, 48, 0],
      ["Lemon", "লেবু", "100g", 55, 72, 0],
      ["Lemon", "লেবু", "150g", 75, 48, 0],
      ["Sandal", "চন্দন", "100g", 60, 72, 0],
      ["Sandal", "চন্দন", "150g", 80, 48, 0],
      ["Neem", "নিম", "100g", 50, 72, 0],
      ["Neem", "নিম", "150g", 70, 48, 0],
      ["Aloe Vera", "অ্যালোভেরা", "75g", 40, 96, 0],
      ["Milk", "দুধ", "125g", 65, 60, 0],
    ],
  },
  {
    brand: "SHV",
    category: "PC-SOAP",
    en: "Health Soap",
    bn: "হেলথ সোপ",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Active", "অ্যাকটিভ", "75g", 38, 96, 0],
      ["Active", "অ্যাকটিভ", "100g", 48, 72, 0],
      ["Cool", "কুল", "100g", 48, 72, 0],
      ["Active", "অ্যাকটিভ", "150g", 68, 48, 0],
    ],
  },
  {
    brand: "SHV",
    category: "PC-HAIR",
    en: "Shampoo",
    bn: "শ্যাম্পু",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Anti-dandruff sachet", "খুশকিনাশক স্যাশে", "6ml", 4, 480, 12],
      ["Anti-dandruff", "খুশকিনাশক", "80ml", 95, 48, 0],
      ["Anti-dandruff", "খুশকিনাশক", "180ml", 210, 24, 0],
      ["Anti-dandruff", "খুশকিনাশক", "340ml", 380, 12, 0],
      ["Silky Black sachet", "সিল্কি ব্ল্যাক স্যাশে", "6ml", 4, 480, 12],
      ["Silky Black", "সিল্কি ব্ল্যাক", "80ml", 90, 48, 0],
      ["Silky Black", "সিল্কি ব্ল্যাক", "180ml", 200, 24, 0],
      ["Silky Black", "সিল্কি ব্ল্যাক", "340ml", 365, 12, 0],
      ["Herbal", "হারবাল", "180ml", 195, 24, 0],
      ["Herbal", "হারবাল", "340ml", 350, 12, 0],
    ],
  },
  {
    brand: "MKT",
    category: "PC-ORAL",
    en: "Toothpaste",
    bn: "টুথপেস্ট",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Fresh Gel", "ফ্রেশ জেল", "45g", 45, 144, 12],
      ["Fresh Gel", "ফ্রেশ জেল", "100g", 95, 72, 0],
      ["Fresh Gel", "ফ্রেশ জেল", "200g", 175, 36, 0],
      ["Herbal", "হারবাল", "45g", 45, 144, 12],
      ["Herbal", "হারবাল", "100g", 95, 72, 0],
      ["Herbal", "হারবাল", "200g", 170, 36, 0],
      ["Kids Strawberry", "কিডস স্ট্রবেরি", "50g", 60, 72, 0],
      ["Sensitive", "সেনসিটিভ", "75g", 140, 48, 0],
    ],
  },
  {
    brand: "MKT",
    category: "PC-ORAL",
    en: "Toothbrush",
    bn: "টুথব্রাশ",
    vatBp: 1500,
    shelf: 36,
    variants: [
      ["Soft", "সফট", "1pc", 35, 144, 12],
      ["Medium", "মিডিয়াম", "1pc", 35, 144, 12],
      ["Kids", "কিডস", "1pc", 30, 144, 12],
    ],
  },
  {
    brand: "MKT",
    category: "PC-ORAL",
    en: "Mouthwash",
    bn: "মাউথওয়াশ",
    vatBp: 1500,
    shelf: 24,
    variants: [["Cool Mint", "কুল মিন্ট", "250ml", 180, 24, 0]],
  },
  {
    brand: "SHV",
    category: "PC-SKIN",
    en: "Skin care",
    bn: "স্কিন কেয়ার",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Petroleum Jelly", "পেট্রোলিয়াম জেলি", "50ml", 55, 72, 0],
      ["Petroleum Jelly", "পেট্রোলিয়াম জেলি", "100ml", 95, 48, 0],
      ["Hand Wash", "হ্যান্ড ওয়াশ", "200ml", 110, 24, 0],
      ["Hand Wash refill", "হ্যান্ড ওয়াশ রিফিল", "170ml", 80, 36, 0],
      ["Body Lotion", "বডি লোশন", "100ml", 150, 36, 0],
      ["Body Lotion", "বডি লোশন", "200ml", 270, 24, 0],
    ],
  },
  {
    brand: "JKJ",
    category: "HC-LAUN",
    en: "Detergent Powder",
    bn: "ডিটারজেন্ট পাউডার",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Regular", "রেগুলার", "200g", 35, 60, 0],
      ["Regular", "রেগুলার", "500g", 80, 24, 0],
      ["Regular", "রেগুলার", "1kg", 150, 12, 0],
      ["Regular", "রেগুলার", "2kg", 290, 6, 0, true],
      ["Power Plus", "পাওয়ার প্লাস", "500g", 95, 24, 0],
      ["Power Plus", "পাওয়ার প্লাস", "1kg", 180, 12, 0],
    ],
  },
  {
    brand: "JKJ",
    category: "HC-LAUN",
    en: "Laundry Bar",
    bn: "লন্ড্রি বার",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Blue", "নীল", "130g", 22, 100, 0],
      ["Blue", "নীল", "250g", 40, 48, 0],
    ],
  },
  {
    brand: "JKJ",
    category: "HC-DISH",
    en: "Dishwash",
    bn: "ডিশওয়াশ",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Lemon bar", "লেবু বার", "100g", 15, 144, 12],
      ["Lemon bar", "লেবু বার", "300g", 40, 48, 0],
      ["Liquid", "লিকুইড", "250ml", 65, 24, 0],
      ["Liquid", "লিকুইড", "500ml", 120, 24, 0],
      ["Toilet Cleaner", "টয়লেট ক্লিনার", "500ml", 110, 24, 0],
      ["Toilet Cleaner", "টয়লেট ক্লিনার", "1L", 200, 12, 0],
    ],
  },
  {
    brand: "MYN",
    category: "FD-BISC",
    en: "Biscuits",
    bn: "বিস্কুট",
    vatBp: 1500,
    shelf: 9,
    variants: [
      ["Milk Cream", "মিল্ক ক্রিম", "45g", 10, 144, 12],
      ["Milk Cream", "মিল্ক ক্রিম", "250g", 50, 24, 0],
      ["Orange Cream", "অরেঞ্জ ক্রিম", "45g", 10, 144, 12],
      ["Orange Cream", "অরেঞ্জ ক্রিম", "250g", 50, 24, 0],
      ["Chocolate Cream", "চকলেট ক্রিম", "45g", 10, 144, 12],
      ["Chocolate Cream", "চকলেট ক্রিম", "250g", 55, 24, 0],
      ["Butter Cookies", "বাটার কুকিজ", "70g", 20, 96, 12],
      ["Butter Cookies", "বাটার কুকিজ", "300g", 80, 24, 0],
      ["Glucose", "গ্লুকোজ", "65g", 10, 144, 12],
      ["Glucose", "গ্লুকোজ", "300g", 45, 24, 0],
      ["Salted Crackers", "সল্টেড ক্র্যাকার", "55g", 10, 144, 12],
      ["Salted Crackers", "সল্টেড ক্র্যাকার", "250g", 45, 24, 0],
      ["Coconut", "নারকেল", "60g", 10, 144, 12],
      ["Coconut", "নারকেল", "300g", 50, 24, 0],
      ["Digestive", "ডাইজেস্টিভ", "70g", 20, 96, 12],
      ["Digestive", "ডাইজেস্টিভ", "300g", 85, 24, 0],
      ["Toast", "টোস্ট", "300g", 70, 24, 0],
      ["Cake Slice", "কেক স্লাইস", "40g", 15, 96, 12],
    ],
  },
  {
    brand: "MJD",
    category: "FD-NOOD",
    en: "Noodles",
    bn: "নুডলস",
    vatBp: 1500,
    shelf: 9,
    variants: [
      ["Masala", "মাসালা", "62g", 20, 96, 0],
      ["Masala 8-pack", "মাসালা ৮ প্যাক", "496g", 155, 12, 0],
      ["Chicken", "চিকেন", "62g", 20, 96, 0],
      ["Chicken 8-pack", "চিকেন ৮ প্যাক", "496g", 155, 12, 0],
      ["Shrimp", "চিংড়ি", "62g", 22, 96, 0],
      ["Cup Masala", "কাপ মাসালা", "40g", 35, 48, 0],
      ["Cup Chicken", "কাপ চিকেন", "40g", 35, 48, 0],
    ],
  },
  {
    brand: "MJD",
    category: "FD-NOOD",
    en: "Semai",
    bn: "সেমাই",
    vatBp: 500,
    shelf: 12,
    variants: [
      ["Vermicelli", "চিকন", "200g", 35, 48, 0],
      ["Laccha", "লাচ্ছা", "200g", 60, 48, 0],
      ["Laccha", "লাচ্ছা", "500g", 140, 20, 0],
    ],
  },
  {
    brand: "MJD",
    category: "FD-SNAK",
    en: "Chanachur",
    bn: "চানাচুর",
    vatBp: 1500,
    shelf: 6,
    variants: [
      ["Jhal", "ঝাল", "40g", 10, 144, 12],
      ["Jhal", "ঝাল", "150g", 45, 48, 0],
      ["Jhal", "ঝাল", "300g", 85, 24, 0],
      ["Bombay Mix", "বোম্বে মিক্স", "150g", 50, 48, 0],
      ["Bombay Mix", "বোম্বে মিক্স", "300g", 95, 24, 0],
    ],
  },
  {
    brand: "MJD",
    category: "FD-SNAK",
    en: "Potato Chips",
    bn: "পটেটো চিপস",
    vatBp: 1500,
    shelf: 6,
    variants: [
      ["Tomato", "টমেটো", "25g", 20, 120, 12],
      ["Salted", "লবণাক্ত", "25g", 20, 120, 12],
      ["Masala", "মাসালা", "50g", 40, 60, 0],
    ],
  },
  {
    brand: "CBG",
    category: "BV-TEA",
    en: "Tea",
    bn: "চা",
    vatBp: 1500,
    shelf: 24,
    variants: [
      ["Premium", "প্রিমিয়াম", "50g", 30, 120, 12],
      ["Premium", "প্রিমিয়াম", "200g", 110, 40, 0],
      ["Premium", "প্রিমিয়াম", "400g", 215, 20, 0],
      ["Gold", "গোল্ড", "200g", 130, 40, 0],
      ["Gold", "গোল্ড", "400g", 250, 20, 0],
      ["Tea Bags 25s", "টি ব্যাগ ২৫টি", "50g", 75, 48, 0],
      ["Tea Bags 50s", "টি ব্যাগ ৫০টি", "100g", 140, 24, 0],
      ["Loose", "খোলা", "500g", 240, 20, 0, true],
      ["Green Tea Bags 25s", "গ্রিন টি ব্যাগ ২৫টি", "40g", 120, 48, 0],
    ],
  },
  {
    brand: "SNL",
    category: "FD-OIL",
    en: "Oil",
    bn: "তেল",
    vatBp: 500,
    shelf: 18,
    variants: [
      ["Soybean", "সয়াবিন", "500ml", 95, 24, 0],
      ["Soybean", "সয়াবিন", "1L", 185, 12, 0],
      ["Soybean", "সয়াবিন", "2L", 365, 6, 0],
      ["Soybean", "সয়াবিন", "5L", 890, 4, 0, true],
      ["Mustard", "সরিষা", "250ml", 80, 24, 0],
      ["Mustard", "সরিষা", "500ml", 150, 24, 0],
      ["Mustard", "সরিষা", "1L", 290, 12, 0],
      ["Rice Bran", "রাইস ব্রান", "1L", 210, 12, 0],
      ["Rice Bran", "রাইস ব্রান", "5L", 1020, 4, 0, true],
    ],
  },
  {
    brand: "RSI",
    category: "FD-SPIC",
    en: "Powder",
    bn: "গুঁড়া",
    vatBp: 500,
    shelf: 12,
    variants: [
      ["Turmeric", "হলুদ", "50g", 30, 120, 12],
      ["Turmeric", "হলুদ", "200g", 100, 48, 0],
      ["Turmeric", "হলুদ", "500g", 230, 24, 0, true],
      ["Chilli", "মরিচ", "50g", 35, 120, 12],
      ["Chilli", "মরিচ", "200g", 120, 48, 0],
      ["Chilli", "মরিচ", "500g", 280, 24, 0, true],
      ["Coriander", "ধনিয়া", "50g", 25, 120, 12],
      ["Coriander", "ধনিয়া", "200g", 85, 48, 0],
      ["Cumin", "জিরা", "50g", 70, 120, 12],
      ["Cumin", "জিরা", "100g", 135, 48, 0],
    ],
  },
  {
    brand: "RSI",
    category: "FD-SPIC",
    en: "Masala",
    bn: "মসলা",
    vatBp: 500,
    shelf: 12,
    variants: [
      ["Garam", "গরম", "20g", 40, 120, 12],
      ["Garam", "গরম", "50g", 90, 48, 0],
      ["Meat", "মাংসের", "20g", 35, 120, 12],
      ["Meat", "মাংসের", "100g", 120, 48, 0],
      ["Biryani", "বিরিয়ানি", "40g", 65, 96, 0],
      ["Fish", "মাছের", "50g", 55, 96, 0],
      ["Chicken", "মুরগির", "100g", 110, 48, 0],
    ],
  },
  {
    brand: "SGR",
    category: "FD-SALT",
    en: "Salt",
    bn: "লবণ",
    vatBp: 0,
    shelf: 36,
    variants: [
      ["Iodized", "আয়োডিনযুক্ত", "500g", 25, 50, 0],
      ["Iodized", "আয়োডিনযুক্ত", "1kg", 45, 25, 0],
      ["Vacuum Evaporated", "ভ্যাকুয়াম", "1kg", 55, 25, 0],
    ],
  },
  {
    brand: "KHM",
    category: "FD-FLOR",
    en: "Flour",
    bn: "আটা",
    vatBp: 0,
    shelf: 6,
    variants: [
      ["Atta", "লাল আটা", "1kg", 65, 20, 0],
      ["Atta", "লাল আটা", "2kg", 125, 10, 0],
      ["Atta", "লাল আটা", "5kg", 300, 4, 0, true],
      ["Maida", "ময়দা", "1kg", 75, 20, 0],
      ["Maida", "ময়দা", "2kg", 145, 10, 0],
      ["Suji", "সুজি", "500g", 45, 40, 0],
      ["Rice Flour", "চালের গুঁড়া", "500g", 55, 40, 0],
      ["Rice Flour", "চালের গুঁড়া", "1kg", 100, 20, 0],
    ],
  },
  {
    brand: "KHM",
    category: "FD-FLOR",
    en: "Chinigura Rice",
    bn: "চিনিগুঁড়া চাল",
    vatBp: 0,
    shelf: 12,
    variants: [
      ["Aromatic", "সুগন্ধি", "1kg", 160, 20, 0],
      ["Aromatic", "সুগন্ধি", "2kg", 315, 10, 0, true],
    ],
  },
  {
    brand: "RNG",
    category: "BV-JUIC",
    en: "Juice",
    bn: "জুস",
    vatBp: 1500,
    shelf: 6,
    variants: [
      ["Mango", "আম", "150ml", 15, 72, 0],
      ["Mango", "আম", "250ml", 25, 24, 0],
      ["Mango", "আম", "1L", 90, 12, 0],
      ["Orange", "কমলা", "250ml", 25, 24, 0],
      ["Orange", "কমলা", "1L", 90, 12, 0],
      ["Litchi", "লিচু", "250ml", 25, 24, 0],
      ["Litchi", "লিচু", "1L", 95, 12, 0],
      ["Mixed Fruit", "মিক্সড ফ্রুট", "150ml", 15, 72, 0],
    ],
  },
  {
    brand: "RNG",
    category: "BV-JUIC",
    en: "Drinking Water",
    bn: "খাবার পানি",
    vatBp: 1500,
    shelf: 12,
    variants: [
      ["Mineral", "মিনারেল", "500ml", 15, 24, 0],
      ["Mineral", "মিনারেল", "1500ml", 30, 12, 0],
    ],
  },
];

const UNIT_WORDS: Record<string, [en: string, bn: string]> = {
  g: ["g", "গ্রাম"],
  kg: ["kg", "কেজি"],
  ml: ["ml", "মিলি"],
  L: ["L", "লিটার"],
  pc: ["pc", "পিস"],
};

const bengaliDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x09e6 + Number(d)));

function sizeWords(size: string): [en: string, bn: string] {
  const m = /^(\d+)([a-zA-Z]+)$/.exec(size);
  const [en, bn] = UNIT_WORDS[m?.[2] ?? ""] ?? [m?.[2] ?? "", m?.[2] ?? ""];
  return [`${m?.[1]} ${en}`, `${bengaliDigits(m?.[1] ?? "")} ${bn}`];
}

/**
 * One piece's shipping weight and volume from its pack size: contents plus about 10 % packaging (liquids weigh about
 * a gram per ml); a piece takes about 1.6 cm³ per gram in its case (air, cartons), a bottle 1.25 per ml; a
 * toothbrush ('1pc') weighs 20 g in a 90 cm³ blister.
 */
export function packedWeightVolume(size: string): { weightG: number; volumeCm3: number } {
  const m = /^(\d+)([a-zA-Z]+)$/.exec(size);
  const n = Number(m?.[1] ?? 0);
  switch (m?.[2]) {
    case "g":
      return { weightG: Math.round(n * 1.1), volumeCm3: Math.round(n * 1.6) };
    case "kg":
      return { weightG: Math.round(n * 1100), volumeCm3: Math.round(n * 1400) };
    case "ml":
      return { weightG: Math.round(n * 1.1), volumeCm3: Math.round(n * 1.25) };
    case "L":
      return { weightG: Math.round(n * 1080), volumeCm3: Math.round(n * 1200) };
    default:
      return { weightG: 20 * Math.max(n, 1), volumeCm3: 90 * Math.max(n, 1) };
  }
}

/** EAN-13 check digit: weights 1 and 3 from the left over the first 12 digits. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

function buildSkus(): CatalogSku[] {
  const out: CatalogSku[] = [];
  const perBrand = new Map<string, number>();
  for (const line of LINES) {
    const brand = BRANDS.find((b) => b.code === line.brand);
    if (!brand) throw new Error(`unknown brand ${line.brand}`);
    for (const [vEn, vBn, size, mrpTaka, perCase, perPack, caseOnly] of line.variants) {
      const n = (perBrand.get(line.brand) ?? 0) + 1;
      perBrand.set(line.brand, n);
      const [sizeEn, sizeBn] = sizeWords(size);
      const first12 = `2${String(41_000_000_000 + out.length * 7919 + 13).slice(0, 11)}`;
      const units: CatalogUnit[] = [{ unit: "piece", name: "Piece", nameBn: "পিস", factor: 1 }];
      if (perPack > 0)
        units.push({
          unit: "pack",
          name: `Pack of ${perPack}`,
          nameBn: `${bengaliDigits(String(perPack))} পিসের প্যাক`,
          factor: perPack,
        });
      units.push({
        unit: "case",
        name: perPack > 0 ? `Case of ${perCase / perPack} packs` : `Case of ${perCase}`,
        nameBn:
          perPack > 0
            ? `${bengaliDigits(String(perCase / perPack))} প্যাকের কার্টন`
            : `${bengaliDigits(String(perCase))} পিসের কার্টন`,
        factor: perCase,
      });
      out.push({
        code: `${line.brand}-${String(n).padStart(3, "0")}`,
        en: `${brand.en} ${vEn} ${line.en} ${sizeEn}`,
        bn: `${brand.bn} ${vBn} ${line.bn} ${sizeBn}`,
        brand: line.brand,
        category: line.category,
        barcode: `${first12}${ean13CheckDigit(first12)}`,
        vatBp: line.vatBp,
        mrpPoisha: mrpTaka * 100,
        units,
        sellByUnit: caseOnly ? "case" : null,
        shelfLifeMonths: line.shelf,
        ...packedWeightVolume(size),
      });
    }
  }
  return out;
}

/** The whole range, in catalogue order. */
export const CATALOG_SKUS: readonly CatalogSku[] = buildSkus();

/**
 * `count` SKUs spread over the whole range (every category keeps some), in catalogue order; the full range
 * when count is at least its length.
 */
export function pickCatalogSkus(count: number): CatalogSku[] {
  if (count >= CATALOG_SKUS.length) return [...CATALOG_SKUS];
  const out: CatalogSku[] = [];
  for (let i = 0; i < count; i++) {
    const sku = CATALOG_SKUS[Math.floor((i * CATALOG_SKUS.length) / count)];
    if (sku) out.push(sku);
  }
  return out;
}
