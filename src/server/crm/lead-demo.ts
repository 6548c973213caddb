// Demo leads: a company's web-site enquiry form and a lead magnet (a retail price guide), assignment rules (the
// form's leads in turn to the reps named, the magnet's by territory), and believable Bangladeshi leads from both,
// from a trade-fair import and by hand, with campaigns (Eid offer, winter sale, Facebook boost), a few written twice
// with the mobile number spelt differently (the inbox flags them), some worked on and two converted. Everything goes
// through the module's own use cases as the system, so keys are normalised, rules applied and the audit written.
// Deterministic for a seed.
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { companyName, personName, phoneNumber } from "../demo/bangladeshi-names.ts";
import { createRng } from "../demo/seeded-random.ts";
import { systemCtx } from "../platform/context.ts";
import { convertLead } from "./lead-conversion.service.ts";
import { createForm } from "./lead-forms.service.ts";
import * as repo from "./leads.repository.ts";
import { createLeadTx, type NewLeadInput, putAssignmentRules, updateLead } from "./leads.service.ts";

export interface LeadsDemoOptions {
  seed?: string;
  /** How many leads to make (default 40). */
  leads?: number;
  /** Territories the leads come from (none: no territory). */
  territoryIds?: readonly string[];
  /** Reps who take the web form's leads in turn (none: no round-robin rule). */
  repUserIds?: readonly string[];
}

const CAMPAIGNS = [
  { source: "facebook", medium: "paid_social", campaign: "eid-offer-2026" },
  { source: "facebook", medium: "boost", campaign: "facebook-boost" },
  { source: "google", medium: "cpc", campaign: "winter-sale" },
  { source: "newsletter", medium: "email", campaign: "dealer-news-nov" },
] as const;

const DISTRICTS = [
  "Dhaka",
  "Gazipur",
  "Narayanganj",
  "Chattogram",
  "Cumilla",
  "Sylhet",
  "Rajshahi",
  "Khulna",
  "Bogura",
];
const MESSAGES = [
  "We want to stock your products in our super shop. Please send the dealer price list.",
  "আমাদের দোকানে আপনাদের পণ্য রাখতে চাই। পরিবেশকের দাম জানাবেন।",
  "Need 50 cartons of soap every month for our factory canteen.",
  "আমাদের এলাকায় আপনাদের ডিস্ট্রিবিউটর কে? যোগাযোগ নম্বর দিন।",
  "Interested in becoming a distributor in our district.",
];
const STATUSES = ["new", "new", "new", "contacted", "contacted", "qualified", "unqualified"] as const;

/** 01712-345678 from +8801712345678: the way a person types it on a form. */
const spelt = (e164: string) => `0${e164.slice(4, 8)}-${e164.slice(8)}`;

export async function seedLeadsDemo(db: Db, orgId: string, options: LeadsDemoOptions = {}) {
  const rng = createRng(`${options.seed ?? "bikri-demo"}:leads`);
  const ctx = systemCtx(db, orgId);
  const territories = options.territoryIds ?? [];
  const reps = options.repUserIds ?? [];

  const webForm = await createForm(ctx, {
    name: "Website enquiry",
    kind: "form",
    fields: { phone: "required", email: "optional", company: "optional", district: "optional", message: "optional" },
    defaultLocale: "bn",
    thankYouEn: "Thank you! Our sales team will call you within one working day.",
    thankYouBn: "ধন্যবাদ! আমাদের বিক্রয় দল এক কর্মদিবসের মধ্যে আপনাকে ফোন করবে।",
    active: true,
  });
  const magnet = await createForm(ctx, {
    name: "Retail price guide 2026",
    kind: "magnet",
    fields: { phone: "required", company: "optional" },
    defaultLocale: "bn",
    thankYouEn: "Thank you! Your price guide is ready to download.",
    thankYouBn: "ধন্যবাদ! আপনার মূল্য নির্দেশিকা ডাউনলোডের জন্য প্রস্তুত।",
    magnetTitleEn: "Retail price guide 2026",
    magnetTitleBn: "খুচরা মূল্য নির্দেশিকা ২০২৬",
    magnetDescriptionEn: "Every product's trade and retail price, pack sizes and this season's schemes, in one PDF.",
    magnetDescriptionBn: "প্রতিটি পণ্যের ট্রেড ও খুচরা মূল্য, প্যাকের মাপ ও এই মৌসুমের স্কিম, একটি পিডিএফে।",
    downloadUrl: "https://example.com/bikri-demo/retail-price-guide-2026.pdf",
    active: true,
  });
  await putAssignmentRules(ctx, {
    rules: [
      ...(reps.length
        ? [
            {
              name: "Website enquiries to the reps",
              matchFormId: webForm.id,
              strategy: "round_robin" as const,
              userIds: [...reps],
              active: true,
            },
          ]
        : []),
      {
        name: "Price-guide readers by territory",
        matchFormId: magnet.id,
        strategy: "territory" as const,
        userIds: [],
        active: true,
      },
    ],
  });

  const count = options.leads ?? 40;
  const inputs: NewLeadInput[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.fork(`lead-${i}`);
    const person = personName(r);
    const company = r.chance(0.6) ? companyName(r) : null;
    const phone = phoneNumber(r);
    const bengali = r.chance(0.5);
    const kind = r.weightedPick([
      ["form", 5],
      ["magnet", 3],
      ["import", 1],
      ["manual", 1],
    ] as const);
    const utm = kind === "form" || kind === "magnet" ? r.pick(CAMPAIGNS) : null;
    inputs.push({
      name: bengali ? person.bn : person.en,
      company: company ? (bengali ? company.bn : company.en) : null,
      phone: r.chance(0.5) ? spelt(phone) : phone,
      email: r.chance(0.4) ? `${person.en.toLowerCase().replace(/[^a-z]+/g, ".")}${r.int(1, 99)}@example.com` : null,
      locale: bengali ? "bn" : "en",
      message: r.chance(0.6) ? r.pick(MESSAGES) : null,
      district: r.chance(0.7) ? r.pick(DISTRICTS) : null,
      source: kind === "form" ? "web_form" : kind === "magnet" ? "lead_magnet" : kind,
      formId: kind === "form" ? webForm.id : kind === "magnet" ? magnet.id : null,
      utm: utm ?? undefined,
      referrerUrl:
        utm?.source === "facebook"
          ? "https://www.facebook.com/"
          : utm?.source === "google"
            ? "https://www.google.com/"
            : null,
      landingUrl: utm ? `https://company.example.com/offer?utm_campaign=${utm.campaign}` : null,
      territoryId: territories.length && r.chance(0.8) ? r.pick(territories) : null,
    });
    // Now and then the same person writes again, the number spelt another way.
    if (r.chance(0.12))
      inputs.push({
        ...inputs[inputs.length - 1],
        name: bengali ? person.bn : person.en,
        phone: spelt(phone) === inputs[inputs.length - 1]?.phone ? phone : spelt(phone),
        message: null,
      } as NewLeadInput);
  }
  const ids = await withTransaction(db, async (tx) => {
    const out: string[] = [];
    for (const input of inputs) out.push((await createLeadTx(tx, ctx, input)).id);
    return out;
  });

  // Some were already worked on: a status by hand; the two oldest qualified ones converted.
  const worked: string[] = [];
  for (const [i, id] of ids.entries()) {
    const status = STATUSES[createRng(`${options.seed ?? "bikri-demo"}:lead-status-${i}`).int(0, STATUSES.length - 1)];
    if (!status || status === "new") continue;
    await updateLead(ctx, id, { status });
    if (status === "qualified") worked.push(id);
  }
  let converted = 0;
  for (const id of worked.slice(0, 2)) {
    const [lead] = await repo.findLeadsByIds(db, orgId, [id]);
    if (!lead) continue;
    await convertLead(ctx, id, {
      account: { name: lead.company ?? `${lead.name} Traders` },
      contact: { create: true },
      deal: { name: `${lead.company ?? lead.name}: first order`, amountPoisha: 5_000_000 + 100_000 * converted },
    });
    converted++;
  }
  return { forms: 2, leads: ids.length, converted, formKeys: [webForm.publicKey, magnet.publicKey] };
}
