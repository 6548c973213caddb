// Demo data for CRM records: custom fields a Bangladeshi FMCG company would keep (an account's tier and number of
// staff, the date a contact became a customer, a contact's preferred call time), company accounts (super shops,
// corporate buyers, institutions) with their people, a few outlets and distributors opened as accounts, and two
// shared segments. Everything goes through the module's own use cases (as the system), so phones are normalised,
// duplicates refused, custom values checked and the audit log written as real use would. Deterministic for a seed.
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { companyName, personName, phoneNumber } from "../demo/bangladeshi-names.ts";
import { createRng } from "../demo/seeded-random.ts";
import { systemCtx } from "../platform/context.ts";
import { createAccountTx, ensureAccountForDistributor, ensureAccountForOutlet } from "./accounts.service.ts";
import { createContactTx } from "./contacts.service.ts";
import { createCustomField } from "./custom-fields.service.ts";
import { createSegment } from "./segments.service.ts";

export interface CrmAccountsDemoOptions {
  seed?: string;
  /** Company accounts to make (each with one to three contacts). */
  companies?: number;
  /** Outlets and distributors to open as accounts (the first of each the caller names). */
  outletIds?: readonly string[];
  distributorIds?: readonly string[];
  /** Territories the companies are spread over (none: no territory, owned by nobody). */
  territoryIds?: readonly string[];
  /** Users who own the companies, in turn (the reps and managers of those territories). */
  ownerUserIds?: readonly string[];
}

const INDUSTRIES: readonly (readonly [en: string, bn: string])[] = [
  ["Super shop", "সুপার শপ"],
  ["Corporate canteen", "কর্পোরেট ক্যান্টিন"],
  ["Hotel and restaurant", "হোটেল ও রেস্তোরাঁ"],
  ["Hospital", "হাসপাতাল"],
  ["School and college", "স্কুল ও কলেজ"],
  ["Garment factory", "গার্মেন্টস কারখানা"],
];

const TITLES = ["Purchase manager", "Store manager", "Owner", "Accounts officer", "Admin officer"];
const CALL_TIMES = ["morning", "afternoon", "evening"] as const;

/** Adds the demo's CRM records to an org; returns what it made. Run once per org. */
export async function seedCrmAccountsDemo(db: Db, orgId: string, options: CrmAccountsDemoOptions = {}) {
  const rng = createRng(`${options.seed ?? "bikri-demo"}:crm-accounts`);
  const ctx = systemCtx(db, orgId);
  const field = (entity: "account" | "contact", key: string, labelEn: string, labelBn: string, extra = {}) =>
    createCustomField(ctx, {
      entity,
      key,
      labelEn,
      labelBn,
      type: "text",
      options: [],
      required: false,
      ...extra,
    });
  await field("account", "tier", "Tier", "স্তর", {
    type: "choice",
    options: [
      { key: "gold", labelEn: "Gold", labelBn: "গোল্ড" },
      { key: "silver", labelEn: "Silver", labelBn: "সিলভার" },
      { key: "bronze", labelEn: "Bronze", labelBn: "ব্রোঞ্জ" },
    ],
  });
  await field("account", "staff", "Staff", "কর্মী সংখ্যা", { type: "number" });
  await field("account", "monthly_need_taka", "Monthly need (৳)", "মাসিক চাহিদা (৳)", { type: "number" });
  await field("contact", "customer_since", "Customer since", "গ্রাহক হয়েছেন", { type: "date" });
  await field("contact", "call_time", "Best time to call", "ফোন করার ভালো সময়", {
    type: "choice",
    options: [
      { key: "morning", labelEn: "Morning", labelBn: "সকাল" },
      { key: "afternoon", labelEn: "Afternoon", labelBn: "দুপুর" },
      { key: "evening", labelEn: "Evening", labelBn: "সন্ধ্যা" },
    ],
  });

  const territories = options.territoryIds ?? [];
  const owners = options.ownerUserIds ?? [];
  const accountIds: string[] = [];
  let contacts = 0;
  const companies = options.companies ?? 12;
  for (let i = 0; i < companies; i++) {
    const name = companyName(rng);
    const [industryEn] = rng.pick(INDUSTRIES);
    await withTransaction(db, async (tx) => {
      const { id } = await createAccountTx(tx, ctx, {
        name: name.en,
        industry: industryEn,
        phone: phoneNumber(rng),
        email: null,
        website: null,
        address: rng.pick(["Motijheel, Dhaka", "Agrabad, Chattogram", "Zindabazar, Sylhet", "Shaheb Bazar, Rajshahi"]),
        territoryId: territories.length ? (territories[i % territories.length] ?? null) : null,
        ownerUserId: owners.length ? (owners[i % owners.length] ?? null) : null,
        custom: {
          tier: rng.weightedPick([
            ["gold", 1],
            ["silver", 2],
            ["bronze", 3],
          ] as const),
          staff: rng.int(5, 800),
          monthly_need_taka: rng.int(20, 500) * 1000,
        },
      });
      accountIds.push(id);
      const people = rng.int(1, 3);
      for (let p = 0; p < people; p++) {
        const person = personName(rng);
        const bengali = rng.chance(0.7);
        await createContactTx(tx, ctx, {
          name: bengali ? person.bn : person.en,
          accountId: id,
          title: rng.pick(TITLES),
          phone: phoneNumber(rng),
          email: rng.chance(0.5) ? `${person.en.toLowerCase().replace(/[^a-z]+/g, ".")}.${i}${p}@example.com.bd` : null,
          locale: bengali ? "bn" : "en",
          territoryId: territories.length ? (territories[i % territories.length] ?? null) : null,
          ownerUserId: owners.length ? (owners[i % owners.length] ?? null) : null,
          source: rng.pick(["referral", "trade fair", "cold call", "website"]),
          custom: {
            customer_since: `20${rng.int(18, 26)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
            call_time: rng.pick(CALL_TIMES),
          },
          allowDuplicate: true,
        });
        contacts++;
      }
    });
  }

  const networkAccountIds: string[] = [];
  await withTransaction(db, async (tx) => {
    for (const outletId of options.outletIds ?? [])
      networkAccountIds.push((await ensureAccountForOutlet(tx, orgId, outletId)).id);
    for (const distributorId of options.distributorIds ?? [])
      networkAccountIds.push((await ensureAccountForDistributor(tx, orgId, distributorId)).id);
  });

  await createSegment(ctx, {
    name: "Gold accounts",
    entity: "account",
    shared: true,
    filter: { all: [{ field: "custom.tier", op: "eq", value: "gold" }] },
  });
  await createSegment(ctx, {
    name: "Call in the morning",
    entity: "contact",
    shared: true,
    filter: { all: [{ field: "custom.call_time", op: "eq", value: "morning" }] },
  });
  return { accountIds, networkAccountIds, contacts };
}
