// Bangladesh's administrative geography, for demo territories, outlet addresses and map pins.
// Written by hand from public knowledge: 8 divisions, 64 districts, and a few well-known upazilas or
// city thanas per district (not all ~495 upazilas; the demo needs believable market areas, not a
// gazetteer). Centres are the district towns, rounded to 2 decimals (about 1 km), good enough for
// scattering demo outlets, not for navigation.
//
// Codes are stable identifiers that seeded data and tests refer to, so never rename one; add new ones.
// District codes start with their division's code and upazila codes with their district's, so a code
// alone says where a place sits in the hierarchy.

export type DivisionCode = "BAR" | "CHA" | "DHA" | "KHU" | "MYM" | "RAJ" | "RAN" | "SYL";

export interface Division {
  readonly code: DivisionCode;
  readonly en: string;
  readonly bn: string;
  /** Centre of the divisional headquarters town. */
  readonly lat: number;
  readonly lng: number;
}

export interface Upazila {
  /** `<district code>-<XXX>`, e.g. `DHA-GAZ-KAL`. */
  readonly code: string;
  readonly en: string;
  readonly bn: string;
}

export interface District {
  /** `<division code>-<XXX>`, e.g. `DHA-GAZ`. */
  readonly code: string;
  readonly divisionCode: DivisionCode;
  readonly en: string;
  readonly bn: string;
  /** Centre of the district town. */
  readonly lat: number;
  readonly lng: number;
  readonly upazilas: readonly Upazila[];
}

export const DIVISIONS: readonly Division[] = [
  { code: "BAR", en: "Barishal", bn: "বরিশাল", lat: 22.7, lng: 90.37 },
  { code: "CHA", en: "Chattogram", bn: "চট্টগ্রাম", lat: 22.36, lng: 91.78 },
  { code: "DHA", en: "Dhaka", bn: "ঢাকা", lat: 23.81, lng: 90.41 },
  { code: "KHU", en: "Khulna", bn: "খুলনা", lat: 22.82, lng: 89.55 },
  { code: "MYM", en: "Mymensingh", bn: "ময়মনসিংহ", lat: 24.75, lng: 90.41 },
  { code: "RAJ", en: "Rajshahi", bn: "রাজশাহী", lat: 24.37, lng: 88.6 },
  { code: "RAN", en: "Rangpur", bn: "রংপুর", lat: 25.75, lng: 89.25 },
  { code: "SYL", en: "Sylhet", bn: "সিলেট", lat: 24.9, lng: 91.87 },
];

// [suffix, English, Bengali]; the full code is built below so the hierarchy prefix cannot drift.
type UpazilaRow = readonly [code: string, en: string, bn: string];

function district(
  divisionCode: DivisionCode,
  suffix: string,
  en: string,
  bn: string,
  lat: number,
  lng: number,
  upazilas: readonly UpazilaRow[],
): District {
  const code = `${divisionCode}-${suffix}`;
  return {
    code,
    divisionCode,
    en,
    bn,
    lat,
    lng,
    upazilas: upazilas.map(([u, uEn, uBn]) => ({ code: `${code}-${u}`, en: uEn, bn: uBn })),
  };
}

export const DISTRICTS: readonly District[] = [
  // Barishal division (6)
  district("BAR", "BRG", "Barguna", "বরগুনা", 22.15, 90.12, [
    ["SDR", "Barguna Sadar", "বরগুনা সদর"],
    ["AMT", "Amtali", "আমতলী"],
    ["PTG", "Patharghata", "পাথরঘাটা"],
  ]),
  district("BAR", "BAR", "Barishal", "বরিশাল", 22.7, 90.37, [
    ["SDR", "Barishal Sadar", "বরিশাল সদর"],
    ["BAK", "Bakerganj", "বাকেরগঞ্জ"],
    ["GOU", "Gournadi", "গৌরনদী"],
  ]),
  district("BAR", "BHO", "Bhola", "ভোলা", 22.69, 90.65, [
    ["SDR", "Bhola Sadar", "ভোলা সদর"],
    ["CHF", "Char Fasson", "চরফ্যাশন"],
    ["LAL", "Lalmohan", "লালমোহন"],
  ]),
  district("BAR", "JHA", "Jhalokati", "ঝালকাঠি", 22.64, 90.2, [
    ["SDR", "Jhalokati Sadar", "ঝালকাঠি সদর"],
    ["NAL", "Nalchity", "নলছিটি"],
    ["RAJ", "Rajapur", "রাজাপুর"],
  ]),
  district("BAR", "PAT", "Patuakhali", "পটুয়াখালী", 22.36, 90.33, [
    ["SDR", "Patuakhali Sadar", "পটুয়াখালী সদর"],
    ["KAL", "Kalapara", "কলাপাড়া"],
    ["GAL", "Galachipa", "গলাচিপা"],
  ]),
  district("BAR", "PIR", "Pirojpur", "পিরোজপুর", 22.58, 89.97, [
    ["SDR", "Pirojpur Sadar", "পিরোজপুর সদর"],
    ["MAT", "Mathbaria", "মঠবাড়িয়া"],
    ["NES", "Nesarabad", "নেছারাবাদ"],
  ]),

  // Chattogram division (11)
  district("CHA", "BAN", "Bandarban", "বান্দরবান", 22.19, 92.22, [
    ["SDR", "Bandarban Sadar", "বান্দরবান সদর"],
    ["LAM", "Lama", "লামা"],
    ["RUM", "Ruma", "রুমা"],
  ]),
  district("CHA", "BRA", "Brahmanbaria", "ব্রাহ্মণবাড়িয়া", 23.96, 91.11, [
    ["SDR", "Brahmanbaria Sadar", "ব্রাহ্মণবাড়িয়া সদর"],
    ["ASH", "Ashuganj", "আশুগঞ্জ"],
    ["SAR", "Sarail", "সরাইল"],
  ]),
  district("CHA", "CHD", "Chandpur", "চাঁদপুর", 23.23, 90.67, [
    ["SDR", "Chandpur Sadar", "চাঁদপুর সদর"],
    ["HAJ", "Hajiganj", "হাজীগঞ্জ"],
    ["MTD", "Matlab Dakshin", "মতলব দক্ষিণ"],
  ]),
  // Chattogram city is split into thanas rather than a "Sadar" upazila.
  district("CHA", "CTG", "Chattogram", "চট্টগ্রাম", 22.36, 91.78, [
    ["KOT", "Kotwali", "কোতোয়ালী"],
    ["DBM", "Double Mooring", "ডবলমুরিং"],
    ["HAT", "Hathazari", "হাটহাজারী"],
  ]),
  district("CHA", "COX", "Cox's Bazar", "কক্সবাজার", 21.45, 92.0, [
    ["SDR", "Cox's Bazar Sadar", "কক্সবাজার সদর"],
    ["CHK", "Chakaria", "চকরিয়া"],
    ["TEK", "Teknaf", "টেকনাফ"],
  ]),
  district("CHA", "CUM", "Cumilla", "কুমিল্লা", 23.46, 91.18, [
    ["SDR", "Cumilla Adarsha Sadar", "কুমিল্লা আদর্শ সদর"],
    ["CHO", "Chauddagram", "চৌদ্দগ্রাম"],
    ["DAU", "Daudkandi", "দাউদকান্দি"],
  ]),
  district("CHA", "FEN", "Feni", "ফেনী", 23.01, 91.4, [
    ["SDR", "Feni Sadar", "ফেনী সদর"],
    ["CHH", "Chhagalnaiya", "ছাগলনাইয়া"],
    ["DAG", "Daganbhuiyan", "দাগনভূঞা"],
  ]),
  district("CHA", "KHA", "Khagrachhari", "খাগড়াছড়ি", 23.12, 91.98, [
    ["SDR", "Khagrachhari Sadar", "খাগড়াছড়ি সদর"],
    ["DIG", "Dighinala", "দীঘিনালা"],
    ["RAM", "Ramgarh", "রামগড়"],
  ]),
  district("CHA", "LAK", "Lakshmipur", "লক্ষ্মীপুর", 22.94, 90.83, [
    ["SDR", "Lakshmipur Sadar", "লক্ষ্মীপুর সদর"],
    ["RAI", "Raipur", "রায়পুর"],
    ["RAM", "Ramganj", "রামগঞ্জ"],
  ]),
  // The district town is Maijdee; the centre is placed there, not at old Noakhali town.
  district("CHA", "NOA", "Noakhali", "নোয়াখালী", 22.87, 91.1, [
    ["SDR", "Noakhali Sadar", "নোয়াখালী সদর"],
    ["BEG", "Begumganj", "বেগমগঞ্জ"],
    ["HAT", "Hatiya", "হাতিয়া"],
  ]),
  district("CHA", "RNG", "Rangamati", "রাঙ্গামাটি", 22.65, 92.17, [
    ["SDR", "Rangamati Sadar", "রাঙ্গামাটি সদর"],
    ["KAP", "Kaptai", "কাপ্তাই"],
    ["BAG", "Baghaichhari", "বাঘাইছড়ি"],
  ]),

  // Dhaka division (13)
  // Dhaka city is split into thanas; Savar is the large upazila on its edge.
  district("DHA", "DHA", "Dhaka", "ঢাকা", 23.81, 90.41, [
    ["MIR", "Mirpur", "মিরপুর"],
    ["DHN", "Dhanmondi", "ধানমন্ডি"],
    ["SAV", "Savar", "সাভার"],
  ]),
  district("DHA", "FAR", "Faridpur", "ফরিদপুর", 23.61, 89.84, [
    ["SDR", "Faridpur Sadar", "ফরিদপুর সদর"],
    ["BOA", "Boalmari", "বোয়ালমারী"],
    ["BHA", "Bhanga", "ভাঙ্গা"],
  ]),
  district("DHA", "GAZ", "Gazipur", "গাজীপুর", 24.0, 90.42, [
    ["SDR", "Gazipur Sadar", "গাজীপুর সদর"],
    ["KAL", "Kaliakair", "কালিয়াকৈর"],
    ["SRE", "Sreepur", "শ্রীপুর"],
  ]),
  district("DHA", "GOP", "Gopalganj", "গোপালগঞ্জ", 23.01, 89.83, [
    ["SDR", "Gopalganj Sadar", "গোপালগঞ্জ সদর"],
    ["TUN", "Tungipara", "টুঙ্গিপাড়া"],
    ["KOT", "Kotalipara", "কোটালীপাড়া"],
  ]),
  district("DHA", "KIS", "Kishoreganj", "কিশোরগঞ্জ", 24.43, 90.78, [
    ["SDR", "Kishoreganj Sadar", "কিশোরগঞ্জ সদর"],
    ["BHA", "Bhairab", "ভৈরব"],
    ["BAJ", "Bajitpur", "বাজিতপুর"],
  ]),
  district("DHA", "MAD", "Madaripur", "মাদারীপুর", 23.17, 90.2, [
    ["SDR", "Madaripur Sadar", "মাদারীপুর সদর"],
    ["SHI", "Shibchar", "শিবচর"],
    ["KAL", "Kalkini", "কালকিনি"],
  ]),
  district("DHA", "MAN", "Manikganj", "মানিকগঞ্জ", 23.86, 90.0, [
    ["SDR", "Manikganj Sadar", "মানিকগঞ্জ সদর"],
    ["SIN", "Singair", "সিংগাইর"],
    ["SHI", "Shibalaya", "শিবালয়"],
  ]),
  district("DHA", "MUN", "Munshiganj", "মুন্সীগঞ্জ", 23.54, 90.53, [
    ["SDR", "Munshiganj Sadar", "মুন্সীগঞ্জ সদর"],
    ["SRE", "Sreenagar", "শ্রীনগর"],
    ["TON", "Tongibari", "টংগিবাড়ী"],
  ]),
  district("DHA", "NAR", "Narayanganj", "নারায়ণগঞ্জ", 23.62, 90.5, [
    ["SDR", "Narayanganj Sadar", "নারায়ণগঞ্জ সদর"],
    ["RUP", "Rupganj", "রূপগঞ্জ"],
    ["SON", "Sonargaon", "সোনারগাঁও"],
  ]),
  district("DHA", "NRS", "Narsingdi", "নরসিংদী", 23.92, 90.72, [
    ["SDR", "Narsingdi Sadar", "নরসিংদী সদর"],
    ["PAL", "Palash", "পলাশ"],
    ["SHI", "Shibpur", "শিবপুর"],
  ]),
  district("DHA", "RAJ", "Rajbari", "রাজবাড়ী", 23.76, 89.64, [
    ["SDR", "Rajbari Sadar", "রাজবাড়ী সদর"],
    ["GOA", "Goalanda", "গোয়ালন্দ"],
    ["PAN", "Pangsha", "পাংশা"],
  ]),
  district("DHA", "SHA", "Shariatpur", "শরীয়তপুর", 23.21, 90.35, [
    ["SDR", "Shariatpur Sadar", "শরীয়তপুর সদর"],
    ["NAR", "Naria", "নড়িয়া"],
    ["ZAJ", "Zajira", "জাজিরা"],
  ]),
  district("DHA", "TAN", "Tangail", "টাঙ্গাইল", 24.25, 89.92, [
    ["SDR", "Tangail Sadar", "টাঙ্গাইল সদর"],
    ["MIR", "Mirzapur", "মির্জাপুর"],
    ["MAD", "Madhupur", "মধুপুর"],
  ]),

  // Khulna division (10)
  district("KHU", "BAG", "Bagerhat", "বাগেরহাট", 22.65, 89.79, [
    ["SDR", "Bagerhat Sadar", "বাগেরহাট সদর"],
    ["MON", "Mongla", "মোংলা"],
    ["MOR", "Morrelganj", "মোরেলগঞ্জ"],
  ]),
  district("KHU", "CHU", "Chuadanga", "চুয়াডাঙ্গা", 23.64, 88.84, [
    ["SDR", "Chuadanga Sadar", "চুয়াডাঙ্গা সদর"],
    ["ALA", "Alamdanga", "আলমডাঙ্গা"],
    ["DAM", "Damurhuda", "দামুড়হুদা"],
  ]),
  district("KHU", "JAS", "Jashore", "যশোর", 23.17, 89.21, [
    ["SDR", "Jashore Sadar", "যশোর সদর"],
    ["SHA", "Sharsha", "শার্শা"],
    ["JHI", "Jhikargachha", "ঝিকরগাছা"],
  ]),
  district("KHU", "JHE", "Jhenaidah", "ঝিনাইদহ", 23.54, 89.15, [
    ["SDR", "Jhenaidah Sadar", "ঝিনাইদহ সদর"],
    ["KAL", "Kaliganj", "কালীগঞ্জ"],
    ["SHA", "Shailkupa", "শৈলকুপা"],
  ]),
  district("KHU", "KHU", "Khulna", "খুলনা", 22.82, 89.55, [
    ["SDR", "Khulna Sadar", "খুলনা সদর"],
    ["DUM", "Dumuria", "ডুমুরিয়া"],
    ["RUP", "Rupsha", "রূপসা"],
  ]),
  district("KHU", "KUS", "Kushtia", "কুষ্টিয়া", 23.9, 89.12, [
    ["SDR", "Kushtia Sadar", "কুষ্টিয়া সদর"],
    ["KUM", "Kumarkhali", "কুমারখালী"],
    ["BHE", "Bheramara", "ভেড়ামারা"],
  ]),
  district("KHU", "MAG", "Magura", "মাগুরা", 23.49, 89.42, [
    ["SDR", "Magura Sadar", "মাগুরা সদর"],
    ["SRE", "Sreepur", "শ্রীপুর"],
    ["MOH", "Mohammadpur", "মহম্মদপুর"],
  ]),
  district("KHU", "MEH", "Meherpur", "মেহেরপুর", 23.76, 88.63, [
    ["SDR", "Meherpur Sadar", "মেহেরপুর সদর"],
    ["GAN", "Gangni", "গাংনী"],
    ["MUJ", "Mujibnagar", "মুজিবনগর"],
  ]),
  district("KHU", "NRL", "Narail", "নড়াইল", 23.17, 89.5, [
    ["SDR", "Narail Sadar", "নড়াইল সদর"],
    ["LOH", "Lohagara", "লোহাগড়া"],
    ["KAL", "Kalia", "কালিয়া"],
  ]),
  district("KHU", "SAT", "Satkhira", "সাতক্ষীরা", 22.72, 89.07, [
    ["SDR", "Satkhira Sadar", "সাতক্ষীরা সদর"],
    ["SHY", "Shyamnagar", "শ্যামনগর"],
    ["KAL", "Kalaroa", "কলারোয়া"],
  ]),

  // Mymensingh division (4)
  district("MYM", "JAM", "Jamalpur", "জামালপুর", 24.92, 89.95, [
    ["SDR", "Jamalpur Sadar", "জামালপুর সদর"],
    ["SAR", "Sarishabari", "সরিষাবাড়ী"],
    ["ISL", "Islampur", "ইসলামপুর"],
  ]),
  district("MYM", "MYM", "Mymensingh", "ময়মনসিংহ", 24.75, 90.41, [
    ["SDR", "Mymensingh Sadar", "ময়মনসিংহ সদর"],
    ["TRI", "Trishal", "ত্রিশাল"],
    ["BHA", "Bhaluka", "ভালুকা"],
  ]),
  district("MYM", "NET", "Netrokona", "নেত্রকোণা", 24.88, 90.73, [
    ["SDR", "Netrokona Sadar", "নেত্রকোণা সদর"],
    ["MOH", "Mohanganj", "মোহনগঞ্জ"],
    ["DUR", "Durgapur", "দুর্গাপুর"],
  ]),
  district("MYM", "SHE", "Sherpur", "শেরপুর", 25.02, 90.02, [
    ["SDR", "Sherpur Sadar", "শেরপুর সদর"],
    ["NAL", "Nalitabari", "নালিতাবাড়ী"],
    ["SRE", "Sreebardi", "শ্রীবরদী"],
  ]),

  // Rajshahi division (8)
  district("RAJ", "BOG", "Bogura", "বগুড়া", 24.85, 89.37, [
    ["SDR", "Bogura Sadar", "বগুড়া সদর"],
    ["SAR", "Sariakandi", "সারিয়াকান্দি"],
    ["SHI", "Shibganj", "শিবগঞ্জ"],
  ]),
  district("RAJ", "CHN", "Chapainawabganj", "চাঁপাইনবাবগঞ্জ", 24.6, 88.27, [
    ["SDR", "Chapainawabganj Sadar", "চাঁপাইনবাবগঞ্জ সদর"],
    ["SHI", "Shibganj", "শিবগঞ্জ"],
    ["GOM", "Gomastapur", "গোমস্তাপুর"],
  ]),
  district("RAJ", "JOY", "Joypurhat", "জয়পুরহাট", 25.1, 89.02, [
    ["SDR", "Joypurhat Sadar", "জয়পুরহাট সদর"],
    ["PAN", "Panchbibi", "পাঁচবিবি"],
    ["KAL", "Kalai", "কালাই"],
  ]),
  district("RAJ", "NAO", "Naogaon", "নওগাঁ", 24.8, 88.94, [
    ["SDR", "Naogaon Sadar", "নওগাঁ সদর"],
    ["MAH", "Mohadevpur", "মহাদেবপুর"],
    ["PAT", "Patnitala", "পত্নীতলা"],
  ]),
  district("RAJ", "NAT", "Natore", "নাটোর", 24.41, 89.0, [
    ["SDR", "Natore Sadar", "নাটোর সদর"],
    ["SIN", "Singra", "সিংড়া"],
    ["BAR", "Baraigram", "বড়াইগ্রাম"],
  ]),
  district("RAJ", "PAB", "Pabna", "পাবনা", 24.0, 89.24, [
    ["SDR", "Pabna Sadar", "পাবনা সদর"],
    ["ISH", "Ishwardi", "ঈশ্বরদী"],
    ["CHA", "Chatmohar", "চাটমোহর"],
  ]),
  // Rajshahi city is split into thanas; Boalia is its commercial core.
  district("RAJ", "RAJ", "Rajshahi", "রাজশাহী", 24.37, 88.6, [
    ["BOA", "Boalia", "বোয়ালিয়া"],
    ["PAB", "Paba", "পবা"],
    ["GOD", "Godagari", "গোদাগাড়ী"],
  ]),
  district("RAJ", "SIR", "Sirajganj", "সিরাজগঞ্জ", 24.45, 89.7, [
    ["SDR", "Sirajganj Sadar", "সিরাজগঞ্জ সদর"],
    ["SHA", "Shahjadpur", "শাহজাদপুর"],
    ["ULL", "Ullapara", "উল্লাপাড়া"],
  ]),

  // Rangpur division (8)
  district("RAN", "DIN", "Dinajpur", "দিনাজপুর", 25.63, 88.64, [
    ["SDR", "Dinajpur Sadar", "দিনাজপুর সদর"],
    ["PAR", "Parbatipur", "পার্বতীপুর"],
    ["BIR", "Birampur", "বিরামপুর"],
  ]),
  district("RAN", "GAI", "Gaibandha", "গাইবান্ধা", 25.33, 89.53, [
    ["SDR", "Gaibandha Sadar", "গাইবান্ধা সদর"],
    ["GOB", "Gobindaganj", "গোবিন্দগঞ্জ"],
    ["PAL", "Palashbari", "পলাশবাড়ী"],
  ]),
  district("RAN", "KUR", "Kurigram", "কুড়িগ্রাম", 25.81, 89.64, [
    ["SDR", "Kurigram Sadar", "কুড়িগ্রাম সদর"],
    ["NAG", "Nageshwari", "নাগেশ্বরী"],
    ["ULI", "Ulipur", "উলিপুর"],
  ]),
  district("RAN", "LAL", "Lalmonirhat", "লালমনিরহাট", 25.91, 89.45, [
    ["SDR", "Lalmonirhat Sadar", "লালমনিরহাট সদর"],
    ["PAT", "Patgram", "পাটগ্রাম"],
    ["ADI", "Aditmari", "আদিতমারী"],
  ]),
  district("RAN", "NIL", "Nilphamari", "নীলফামারী", 25.93, 88.86, [
    ["SDR", "Nilphamari Sadar", "নীলফামারী সদর"],
    ["SAI", "Saidpur", "সৈয়দপুর"],
    ["DOM", "Domar", "ডোমার"],
  ]),
  district("RAN", "PAN", "Panchagarh", "পঞ্চগড়", 26.33, 88.56, [
    ["SDR", "Panchagarh Sadar", "পঞ্চগড় সদর"],
    ["TET", "Tetulia", "তেঁতুলিয়া"],
    ["BOD", "Boda", "বোদা"],
  ]),
  district("RAN", "RAN", "Rangpur", "রংপুর", 25.75, 89.25, [
    ["SDR", "Rangpur Sadar", "রংপুর সদর"],
    ["MIT", "Mithapukur", "মিঠাপুকুর"],
    ["PIR", "Pirganj", "পীরগঞ্জ"],
  ]),
  district("RAN", "THA", "Thakurgaon", "ঠাকুরগাঁও", 26.03, 88.46, [
    ["SDR", "Thakurgaon Sadar", "ঠাকুরগাঁও সদর"],
    ["BAL", "Baliadangi", "বালিয়াডাঙ্গী"],
    ["RAN", "Ranisankail", "রাণীশংকৈল"],
  ]),

  // Sylhet division (4)
  district("SYL", "HAB", "Habiganj", "হবিগঞ্জ", 24.37, 91.42, [
    ["SDR", "Habiganj Sadar", "হবিগঞ্জ সদর"],
    ["MAD", "Madhabpur", "মাধবপুর"],
    ["CHU", "Chunarughat", "চুনারুঘাট"],
  ]),
  district("SYL", "MOU", "Moulvibazar", "মৌলভীবাজার", 24.48, 91.78, [
    ["SDR", "Moulvibazar Sadar", "মৌলভীবাজার সদর"],
    ["SRE", "Sreemangal", "শ্রীমঙ্গল"],
    ["KUL", "Kulaura", "কুলাউড়া"],
  ]),
  district("SYL", "SUN", "Sunamganj", "সুনামগঞ্জ", 25.07, 91.4, [
    ["SDR", "Sunamganj Sadar", "সুনামগঞ্জ সদর"],
    ["CHH", "Chhatak", "ছাতক"],
    ["JAG", "Jagannathpur", "জগন্নাথপুর"],
  ]),
  district("SYL", "SYL", "Sylhet", "সিলেট", 24.9, 91.87, [
    ["SDR", "Sylhet Sadar", "সিলেট সদর"],
    ["BEA", "Beanibazar", "বিয়ানীবাজার"],
    ["GOL", "Golapganj", "গোলাপগঞ্জ"],
  ]),
];
