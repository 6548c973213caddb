// The demo's demand calendar: the weeks before each Eid (when shops stock up), Pohela Boishakh and Durga Puja.
// Dates follow the expected lunar calendar for Bangladesh; a company edits its own in the settings.
import { newId } from "../../shared/ids.ts";
import type { Db } from "../db/transaction.ts";

const EVENTS: [name: string, nameBn: string, startsOn: string, endsOn: string][] = [
  ["Eid-ul-Fitr 2025", "ঈদুল ফিতর ২০২৫", "2025-03-24", "2025-03-31"],
  ["Eid-ul-Adha 2025", "ঈদুল আযহা ২০২৫", "2025-05-31", "2025-06-07"],
  ["Durga Puja 2025", "দুর্গাপূজা ২০২৫", "2025-09-28", "2025-10-02"],
  ["Eid-ul-Fitr 2026", "ঈদুল ফিতর ২০২৬", "2026-03-13", "2026-03-20"],
  ["Pohela Boishakh 2026", "পহেলা বৈশাখ ২০২৬", "2026-04-11", "2026-04-14"],
  ["Eid-ul-Adha 2026", "ঈদুল আযহা ২০২৬", "2026-05-20", "2026-05-27"],
  ["Durga Puja 2026", "দুর্গাপূজা ২০২৬", "2026-10-17", "2026-10-21"],
  ["Eid-ul-Fitr 2027", "ঈদুল ফিতর ২০২৭", "2027-03-03", "2027-03-10"],
  ["Pohela Boishakh 2027", "পহেলা বৈশাখ ২০২৭", "2027-04-11", "2027-04-14"],
];

export async function seedDemandEvents(db: Db, orgId: string): Promise<void> {
  await db
    .insertInto("demand_events")
    .values(
      EVENTS.map(([name, nameBn, startsOn, endsOn]) => ({
        org_id: orgId,
        id: newId(),
        name,
        name_bn: nameBn,
        starts_on: startsOn,
        ends_on: endsOn,
      })),
    )
    .execute();
}
