// The pipeline every org starts with (C3): the path of a B2B sale in Bangladeshi distribution, from the first call
// to a loyal customer, each stage with its probability and playbook in Bengali and English.
import type { Playbook, StageKind } from "../../shared/contracts/deals.ts";

export const DEFAULT_PIPELINE = { name: "Sales", name_bn: "বিক্রয়" } as const;

interface DefaultStage {
  name: string;
  nameBn: string;
  kind: StageKind;
  probabilityBp: number;
  stuckAfterDays: number | null;
  playbook: Playbook;
}

const none = { templates: [], content: [] };

export const DEFAULT_STAGES: readonly DefaultStage[] = [
  {
    name: "First contact",
    nameBn: "প্রথম যোগাযোগ",
    kind: "open",
    probabilityBp: 1000,
    stuckAfterDays: 7,
    playbook: {
      channel: "call",
      message:
        "Introduce yourself and the company, ask who decides on purchases and which products they stock today, and agree a time to visit.",
      messageBn:
        "নিজের ও কোম্পানির পরিচয় দিন, কেনাকাটার সিদ্ধান্ত কে নেন এবং এখন কোন পণ্য রাখেন জেনে নিন, আর দেখা করার একটি সময় ঠিক করুন।",
      ...none,
      checklist: [
        { text: "Decision maker identified", textBn: "সিদ্ধান্ত গ্রহণকারীকে চেনা গেছে" },
        { text: "Visit date agreed", textBn: "দেখা করার তারিখ ঠিক হয়েছে" },
      ],
    },
  },
  {
    name: "Qualified",
    nameBn: "যোগ্য",
    kind: "open",
    probabilityBp: 2500,
    stuckAfterDays: 14,
    playbook: {
      channel: "visit",
      message: "Visit the shop or office: check monthly volume, credit needs and current suppliers' terms.",
      messageBn: "দোকান বা অফিসে যান: মাসিক বিক্রির পরিমাণ, বাকির প্রয়োজন ও বর্তমান সরবরাহকারীর শর্ত দেখে নিন।",
      ...none,
      checklist: [
        { text: "Monthly volume noted", textBn: "মাসিক পরিমাণ লেখা হয়েছে" },
        { text: "Credit need understood", textBn: "বাকির প্রয়োজন বোঝা গেছে" },
      ],
    },
  },
  {
    name: "Proposal",
    nameBn: "প্রস্তাব",
    kind: "open",
    probabilityBp: 5000,
    stuckAfterDays: 10,
    playbook: {
      channel: "email",
      message: "Send the price proposal with the scheme on offer and the delivery days for their area.",
      messageBn: "চলমান স্কিম ও তাদের এলাকার ডেলিভারির দিনসহ দামের প্রস্তাব পাঠান।",
      ...none,
      checklist: [{ text: "Proposal sent", textBn: "প্রস্তাব পাঠানো হয়েছে" }],
    },
  },
  {
    name: "Negotiation",
    nameBn: "দরকষাকষি",
    kind: "open",
    probabilityBp: 7500,
    stuckAfterDays: 10,
    playbook: {
      channel: "meeting",
      message: "Meet to settle the terms: discount, credit days and the first order.",
      messageBn: "শর্ত চূড়ান্ত করতে দেখা করুন: ছাড়, বাকির দিন ও প্রথম অর্ডার।",
      ...none,
      checklist: [{ text: "Terms agreed", textBn: "শর্তে সম্মতি হয়েছে" }],
    },
  },
  {
    name: "Won",
    nameBn: "জয়",
    kind: "won",
    probabilityBp: 10000,
    stuckAfterDays: null,
    playbook: {
      channel: "whatsapp",
      message: "Thank them, confirm the first delivery date and introduce their delivery contact.",
      messageBn: "ধন্যবাদ জানান, প্রথম ডেলিভারির তারিখ নিশ্চিত করুন এবং ডেলিভারির যোগাযোগকারীর পরিচয় দিন।",
      ...none,
      checklist: [],
    },
  },
  {
    name: "Lost",
    nameBn: "হারানো",
    kind: "lost",
    probabilityBp: 0,
    stuckAfterDays: null,
    playbook: {
      channel: null,
      message: "Record why it was lost; plan a call back in three months.",
      messageBn: "কেন হারানো গেল লিখে রাখুন; তিন মাস পরে আবার ফোন করার পরিকল্পনা করুন।",
      ...none,
      checklist: [],
    },
  },
  {
    name: "Onboarding",
    nameBn: "অনবোর্ডিং",
    kind: "after_sale",
    probabilityBp: 10000,
    stuckAfterDays: 30,
    playbook: {
      channel: "visit",
      message: "Visit after the first delivery: check the stock is displayed and the invoice was clear.",
      messageBn: "প্রথম ডেলিভারির পরে যান: পণ্য সাজানো আছে কি না এবং চালান পরিষ্কার ছিল কি না দেখুন।",
      ...none,
      checklist: [{ text: "First delivery received", textBn: "প্রথম ডেলিভারি পৌঁছেছে" }],
    },
  },
  {
    name: "Loyal",
    nameBn: "অনুগত গ্রাহক",
    kind: "after_sale",
    probabilityBp: 10000,
    stuckAfterDays: null,
    playbook: {
      channel: "sms",
      message: "Keep in touch: tell them of new schemes and ask for a referral.",
      messageBn: "যোগাযোগ রাখুন: নতুন স্কিমের খবর দিন এবং পরিচিত কাউকে সুপারিশ করতে বলুন।",
      ...none,
      checklist: [],
    },
  },
];

export const DEFAULT_LOST_REASONS = [
  { label: "Price too high", labelBn: "দাম বেশি" },
  { label: "Chose a competitor", labelBn: "প্রতিযোগীকে বেছে নিয়েছে" },
  { label: "No budget or credit", labelBn: "বাজেট বা বাকির সুযোগ নেই" },
  { label: "No response", labelBn: "সাড়া নেই" },
  { label: "Not the right time", labelBn: "সঠিক সময় নয়" },
] as const;
