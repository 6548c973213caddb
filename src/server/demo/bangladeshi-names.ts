// Made-up but believable Bangladeshi people, shops, companies and mobile numbers for demo data, in
// English and Bengali, so that both locales of the app show realistic text. Names are combined from
// common given and family names, so any match with a real person or business is a coincidence.
// Everything comes from the caller's Rng: the same stream gives the same names.
import type { Rng } from "./seeded-random.ts";

export interface Bilingual {
  readonly en: string;
  readonly bn: string;
}

export type Gender = "male" | "female";

export interface PersonName extends Bilingual {
  readonly gender: Gender;
}

type Word = readonly [en: string, bn: string];

// About nine in ten Bangladeshis are Muslim and most of the rest Hindu; the names follow that mix.
const MUSLIM_SHARE = 0.9;

const MUSLIM_MALE_GIVEN: readonly Word[] = [
  ["Rahim", "রহিম"],
  ["Karim", "করিম"],
  ["Jamal", "জামাল"],
  ["Kamal", "কামাল"],
  ["Nazrul", "নজরুল"],
  ["Shafiq", "শফিক"],
  ["Habib", "হাবিব"],
  ["Mizan", "মিজান"],
  ["Rafiq", "রফিক"],
  ["Sohel", "সোহেল"],
  ["Jahid", "জাহিদ"],
  ["Tanvir", "তানভীর"],
  ["Rakib", "রাকিব"],
  ["Shahin", "শাহীন"],
  ["Alamgir", "আলমগীর"],
  ["Faruk", "ফারুক"],
  ["Anwar", "আনোয়ার"],
  ["Masud", "মাসুদ"],
  ["Mahmud", "মাহমুদ"],
  ["Sumon", "সুমন"],
  ["Ripon", "রিপন"],
  ["Babul", "বাবুল"],
  ["Delwar", "দেলোয়ার"],
  ["Harun", "হারুন"],
  ["Imran", "ইমরান"],
  ["Arif", "আরিফ"],
  ["Shakil", "শাকিল"],
  ["Monir", "মনির"],
  ["Selim", "সেলিম"],
  ["Jahangir", "জাহাঙ্গীর"],
  ["Mostafa", "মোস্তফা"],
  ["Nurul", "নুরুল"],
];

const MUSLIM_FEMALE_GIVEN: readonly Word[] = [
  ["Fatema", "ফাতেমা"],
  ["Ayesha", "আয়েশা"],
  ["Nasrin", "নাসরিন"],
  ["Shirin", "শিরিন"],
  ["Rokeya", "রোকেয়া"],
  ["Salma", "সালমা"],
  ["Rehana", "রেহানা"],
  ["Nazma", "নাজমা"],
  ["Taslima", "তাসলিমা"],
  ["Sharmin", "শারমিন"],
  ["Sabina", "সাবিনা"],
  ["Rumana", "রুমানা"],
  ["Farzana", "ফারজানা"],
  ["Nusrat", "নুসরাত"],
  ["Tahmina", "তাহমিনা"],
  ["Shamima", "শামীমা"],
  ["Laila", "লায়লা"],
  ["Sumaiya", "সুমাইয়া"],
  ["Sadia", "সাদিয়া"],
  ["Afroza", "আফরোজা"],
  ["Ferdousi", "ফেরদৌসী"],
  ["Moriom", "মরিয়ম"],
];

const MUSLIM_MALE_FAMILY: readonly Word[] = [
  ["Uddin", "উদ্দিন"],
  ["Hossain", "হোসেন"],
  ["Rahman", "রহমান"],
  ["Islam", "ইসলাম"],
  ["Ahmed", "আহমেদ"],
  ["Khan", "খান"],
  ["Chowdhury", "চৌধুরী"],
  ["Miah", "মিয়া"],
  ["Sarkar", "সরকার"],
  ["Talukder", "তালুকদার"],
  ["Molla", "মোল্লা"],
  ["Sheikh", "শেখ"],
  ["Haque", "হক"],
  ["Ali", "আলী"],
  ["Kabir", "কবির"],
  ["Alam", "আলম"],
  ["Bhuiyan", "ভূঁইয়া"],
  ["Patwary", "পাটোয়ারী"],
  ["Howlader", "হাওলাদার"],
  ["Mridha", "মৃধা"],
  ["Sikder", "সিকদার"],
  ["Majumder", "মজুমদার"],
];

const MUSLIM_FEMALE_FAMILY: readonly Word[] = [
  ["Akter", "আক্তার"],
  ["Begum", "বেগম"],
  ["Khatun", "খাতুন"],
  ["Sultana", "সুলতানা"],
  ["Islam", "ইসলাম"],
  ["Rahman", "রহমান"],
  ["Chowdhury", "চৌধুরী"],
  ["Haque", "হক"],
  ["Jahan", "জাহান"],
  ["Parvin", "পারভীন"],
  ["Nahar", "নাহার"],
];

const HINDU_MALE_GIVEN: readonly Word[] = [
  ["Amit", "অমিত"],
  ["Sujan", "সুজন"],
  ["Tapan", "তপন"],
  ["Pradip", "প্রদীপ"],
  ["Shyamal", "শ্যামল"],
  ["Gopal", "গোপাল"],
  ["Ratan", "রতন"],
  ["Sanjay", "সঞ্জয়"],
  ["Dipankar", "দীপঙ্কর"],
  ["Biswajit", "বিশ্বজিৎ"],
  ["Subrata", "সুব্রত"],
  ["Nitai", "নিতাই"],
  ["Uttam", "উত্তম"],
  ["Ashok", "অশোক"],
  ["Nikhil", "নিখিল"],
  ["Rajib", "রাজীব"],
  ["Prasanta", "প্রশান্ত"],
  ["Swapan", "স্বপন"],
  ["Gobinda", "গোবিন্দ"],
  ["Bijoy", "বিজয়"],
  ["Sukumar", "সুকুমার"],
  ["Anup", "অনুপ"],
];

const HINDU_FEMALE_GIVEN: readonly Word[] = [
  ["Puja", "পূজা"],
  ["Shipra", "শিপ্রা"],
  ["Anjali", "অঞ্জলি"],
  ["Lipika", "লিপিকা"],
  ["Sumita", "সুমিতা"],
  ["Rupa", "রূপা"],
  ["Mamata", "মমতা"],
  ["Kakoli", "কাকলি"],
  ["Swapna", "স্বপ্না"],
  ["Priyanka", "প্রিয়াঙ্কা"],
  ["Chandana", "চন্দনা"],
  ["Sima", "সীমা"],
  ["Moushumi", "মৌসুমী"],
  ["Dipa", "দীপা"],
  ["Rina", "রীনা"],
  ["Shikha", "শিখা"],
  ["Mitali", "মিতালী"],
];

const HINDU_FAMILY: readonly Word[] = [
  ["Das", "দাস"],
  ["Saha", "সাহা"],
  ["Roy", "রায়"],
  ["Ghosh", "ঘোষ"],
  ["Dey", "দে"],
  ["Sen", "সেন"],
  ["Paul", "পাল"],
  ["Barman", "বর্মন"],
  ["Biswas", "বিশ্বাস"],
  ["Chakraborty", "চক্রবর্তী"],
  ["Bhattacharjee", "ভট্টাচার্য"],
  ["Mondal", "মণ্ডল"],
  ["Sarkar", "সরকার"],
  ["Datta", "দত্ত"],
  ["Kundu", "কুণ্ডু"],
  ["Shil", "শীল"],
  ["Banik", "বণিক"],
  ["Pramanik", "প্রামানিক"],
  ["Basak", "বসাক"],
  ["Nath", "নাথ"],
  ["Debnath", "দেবনাথ"],
  ["Majumder", "মজুমদার"],
];

// Common middle words: many Hindu men are "<name> Chandra/Kumar <family>", many Hindu women
// "<name> Rani <family>", and many Muslim men write "Md." (Mohammad) before the name.
const HINDU_MALE_MIDDLE: readonly Word[] = [
  ["Chandra", "চন্দ্র"],
  ["Kumar", "কুমার"],
];
const HINDU_FEMALE_MIDDLE: Word = ["Rani", "রানী"];
const MD: Word = ["Md.", "মোঃ"];

export function personName(rng: Rng, options: { gender?: Gender } = {}): PersonName {
  const gender = options.gender ?? (rng.chance(0.5) ? "male" : "female");
  const words: Word[] = [];
  if (rng.chance(MUSLIM_SHARE)) {
    if (gender === "male") {
      if (rng.chance(0.35)) words.push(MD);
      words.push(rng.pick(MUSLIM_MALE_GIVEN), rng.pick(MUSLIM_MALE_FAMILY));
    } else {
      words.push(rng.pick(MUSLIM_FEMALE_GIVEN), rng.pick(MUSLIM_FEMALE_FAMILY));
    }
  } else if (gender === "male") {
    words.push(rng.pick(HINDU_MALE_GIVEN));
    if (rng.chance(0.4)) words.push(rng.pick(HINDU_MALE_MIDDLE));
    words.push(rng.pick(HINDU_FAMILY));
  } else {
    words.push(rng.pick(HINDU_FEMALE_GIVEN));
    if (rng.chance(0.4)) words.push(HINDU_FEMALE_MIDDLE);
    words.push(rng.pick(HINDU_FAMILY));
  }
  return { ...join(words), gender };
}

// Shop names as they appear on signboards: a blessing, a family word, a river or an owner's name,
// followed by what kind of shop it is.
const SHOP_PREFIXES: readonly Word[] = [
  ["Maa", "মা"],
  ["Bhai Bhai", "ভাই ভাই"],
  ["Mayer Doa", "মায়ের দোয়া"],
  ["Babar Doa", "বাবার দোয়া"],
  ["Bismillah", "বিসমিল্লাহ"],
  ["Allahr Dan", "আল্লাহর দান"],
  ["Madina", "মদিনা"],
  ["Al-Amin", "আল-আমিন"],
  ["Haji", "হাজী"],
  ["Shah Jalal", "শাহজালাল"],
  ["Loknath", "লোকনাথ"],
  ["Joy Guru", "জয় গুরু"],
  ["Radha Krishna", "রাধাকৃষ্ণ"],
  ["Shapla", "শাপলা"],
  ["Sonali", "সোনালী"],
  ["Rupali", "রূপালী"],
  ["Jononi", "জননী"],
  ["Sonar Bangla", "সোনার বাংলা"],
  ["Padma", "পদ্মা"],
  ["Meghna", "মেঘনা"],
  ["Jamuna", "যমুনা"],
  ["Bondhu", "বন্ধু"],
  ["Mitali", "মিতালী"],
  ["Nobanno", "নবান্ন"],
];

const SHOP_KINDS: readonly (readonly [kind: Word, weight: number])[] = [
  [["Store", "স্টোর"], 30],
  [["General Store", "জেনারেল স্টোর"], 20],
  [["Traders", "ট্রেডার্স"], 12],
  [["Enterprise", "এন্টারপ্রাইজ"], 10],
  [["Pharmacy", "ফার্মেসী"], 8],
  [["Departmental Store", "ডিপার্টমেন্টাল স্টোর"], 6],
  [["Varieties Store", "ভ্যারাইটিজ স্টোর"], 5],
  [["Telecom", "টেলিকম"], 4],
  [["Medical Hall", "মেডিকেল হল"], 3],
  [["Bhandar", "ভান্ডার"], 2],
];

const NEW: Word = ["New", "নিউ"];

export function shopName(rng: Rng): Bilingual {
  const words: Word[] = [];
  // "New" marks a shop that reopened or moved, common enough to appear now and then.
  if (rng.chance(0.08)) words.push(NEW);
  if (rng.chance(0.25)) {
    // Named after the owner: "Rahim Store", "Gopal Traders".
    const owner = rng.chance(MUSLIM_SHARE) ? rng.pick(MUSLIM_MALE_GIVEN) : rng.pick(HINDU_MALE_GIVEN);
    words.push(owner);
  } else {
    words.push(rng.pick(SHOP_PREFIXES));
  }
  words.push(rng.weightedPick(SHOP_KINDS));
  return join(words);
}

// Outlets by trade channel: the corner grocery ("Mudi Dokan"), the pharmacy, the confectionery, the cosmetics
// shop and the wholesaler, each named the way its signboard would read. A separate function from shopName
// so that adding it changed no name that shopName already gave.
export type OutletChannel = "grocery" | "pharmacy" | "confectionery" | "cosmetics" | "wholesale";

const CHANNEL_KINDS: Record<OutletChannel, readonly (readonly [kind: Word, weight: number])[]> = {
  grocery: [
    [["Store", "স্টোর"], 30],
    [["General Store", "জেনারেল স্টোর"], 22],
    [["Mudi Dokan", "মুদি দোকান"], 18],
    [["Departmental Store", "ডিপার্টমেন্টাল স্টোর"], 8],
    [["Varieties Store", "ভ্যারাইটিজ স্টোর"], 8],
    [["Bhandar", "ভান্ডার"], 6],
  ],
  pharmacy: [
    [["Pharmacy", "ফার্মেসী"], 60],
    [["Medical Hall", "মেডিকেল হল"], 30],
    [["Drug House", "ড্রাগ হাউস"], 10],
  ],
  confectionery: [
    [["Confectionery", "কনফেকশনারি"], 60],
    [["Bakery", "বেকারি"], 25],
    [["Tea Stall", "টি স্টল"], 15],
  ],
  cosmetics: [
    [["Cosmetics", "কসমেটিকস"], 70],
    [["Fancy Store", "ফ্যান্সি স্টোর"], 30],
  ],
  wholesale: [
    [["Traders", "ট্রেডার্স"], 40],
    [["Wholesale", "হোলসেল"], 30],
    [["Enterprise", "এন্টারপ্রাইজ"], 20],
    [["Arot", "আড়ত"], 10],
  ],
};

export function outletName(rng: Rng, channel: OutletChannel): Bilingual {
  const words: Word[] = [];
  if (rng.chance(0.08)) words.push(NEW);
  if (rng.chance(0.25)) {
    words.push(rng.chance(MUSLIM_SHARE) ? rng.pick(MUSLIM_MALE_GIVEN) : rng.pick(HINDU_MALE_GIVEN));
  } else {
    words.push(rng.pick(SHOP_PREFIXES));
  }
  words.push(rng.weightedPick(CHANNEL_KINDS[channel]));
  return join(words);
}

// Distributors and suppliers: a family name ("Hossain Traders", "Saha & Sons") or an auspicious or
// river name ("Meghna Distribution Ltd.") plus a trading form; the incorporated forms carry "Ltd." as
// on letterheads. "& Sons" only follows a family name, and "Uddin" or "Ali" never stand alone.
const MUSLIM_COMPANY_FAMILIES: readonly Word[] = MUSLIM_MALE_FAMILY.filter(([en]) => en !== "Uddin" && en !== "Ali");
const FAMILY_COMPANY_KINDS: readonly Word[] = [
  ["Traders", "ট্রেডার্স"],
  ["Enterprise", "এন্টারপ্রাইজ"],
  ["Agencies", "এজেন্সিস"],
  ["& Sons", "অ্যান্ড সন্স"],
  ["Trading Corporation", "ট্রেডিং কর্পোরেশন"],
];
const NAMED_COMPANY_KINDS: readonly Word[] = [
  ["Traders", "ট্রেডার্স"],
  ["Enterprise", "এন্টারপ্রাইজ"],
  ["Agencies", "এজেন্সিস"],
  ["Group", "গ্রুপ"],
  ["Distribution Ltd.", "ডিস্ট্রিবিউশন লিমিটেড"],
  ["Trading Ltd.", "ট্রেডিং লিমিটেড"],
];

export function companyName(rng: Rng): Bilingual {
  if (rng.chance(0.5)) {
    const family = rng.chance(MUSLIM_SHARE) ? rng.pick(MUSLIM_COMPANY_FAMILIES) : rng.pick(HINDU_FAMILY);
    return join([family, rng.pick(FAMILY_COMPANY_KINDS)]);
  }
  return join([rng.pick(SHOP_PREFIXES), rng.pick(NAMED_COMPANY_KINDS)]);
}

// Mobile prefixes by operator (013/017 Grameenphone, 014/019 Banglalink, 016/018 Robi, 015
// Teletalk), weighted roughly by subscriber share so the demo looks like a real customer list.
const MOBILE_PREFIXES: readonly (readonly [prefix: string, weight: number])[] = [
  ["17", 30],
  ["13", 15],
  ["19", 17],
  ["14", 7],
  ["18", 15],
  ["16", 10],
  ["15", 6],
];

/** A Bangladeshi mobile number in E.164: `+8801[3-9]` and 8 more digits. */
export function phoneNumber(rng: Rng): string {
  const prefix = rng.weightedPick(MOBILE_PREFIXES);
  const subscriber = String(rng.int(0, 99_999_999)).padStart(8, "0");
  return `+880${prefix}${subscriber}`;
}

function join(words: readonly Word[]): Bilingual {
  return { en: words.map((w) => w[0]).join(" "), bn: words.map((w) => w[1]).join(" ") };
}
