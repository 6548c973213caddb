// The demo's CRM, service desk and loyalty, made through each module's own use cases after the sales history is in:
// company accounts with their people (and a few of the rep's shops and the demo distributor opened as accounts), a
// pipeline of deals at every stage with their calls, meetings and tasks, a week of leads from the web form and a
// lead magnet, service tickets with a bilingual FAQ, and a loyalty program earning on the delivered memos, so the
// CRM screens open on believable work for the demo's rep, manager, marketing and service users.

import type { Role } from "../../shared/roles.ts";
import { seedCrmAccountsDemo } from "../crm/crm-demo.ts";
import { seedLeadsDemo } from "../crm/lead-demo.ts";
import { seedPipelineDemo } from "../crm/pipeline-demo.ts";
import type { Db } from "../db/transaction.ts";
import { seedLoyaltyDemo } from "../loyalty/loyalty-demo.ts";
import { seedServiceDemo } from "../service/service-demo.ts";
import { placesForCrmDemo } from "./sales-seed.repository.ts";

export interface CrmDemoInput {
  orgId: string;
  seed: string;
  usersByRole: Record<Role, string>;
  /** The demo's "now". */
  asOf: Date;
}

export interface CrmDemoSummary {
  accounts: number;
  contacts: number;
  tickets: number;
  articles: number;
}

export async function seedCrmDemo(db: Db, input: CrmDemoInput): Promise<CrmDemoSummary> {
  const { orgId, seed, usersByRole: users } = input;
  const places = await placesForCrmDemo(db, orgId, users);
  const territoryIds = [places.repTerritoryId, places.managerTerritoryId].filter((t): t is string => t !== null);
  const accounts = await seedCrmAccountsDemo(db, orgId, {
    seed,
    territoryIds,
    ownerUserIds: [users.rep, users.manager],
    outletIds: places.repOutletIds.slice(0, 3),
    distributorIds: places.distributorId ? [places.distributorId] : [],
  });
  await seedPipelineDemo(db, orgId, { seed, accountIds: accounts.accountIds, asOf: input.asOf });
  await seedLeadsDemo(db, orgId, { seed, territoryIds, repUserIds: [users.rep] });
  const service = await seedServiceDemo(db, orgId, { seed });
  await seedLoyaltyDemo(db, orgId, { seed });
  return {
    accounts: accounts.accountIds.length + accounts.networkAccountIds.length,
    contacts: accounts.contacts,
    tickets: service.tickets,
    articles: service.articles,
  };
}
