// Converting a lead (C1 -> C2, C3): in one transaction, with the lead's row locked, its account is linked or created,
// its contact linked or created (with the lead's phone, email and title), optionally a deal opened, the lead's
// activities shown on each new record, and the lead marked converted with the ids. A second conversion (also one
// racing the first: it waits on the lock, then sees the first's result) answers lead.already_converted and creates
// nothing.

import type { ConvertLeadRequest } from "../../shared/contracts/leads.ts";
import { withTransaction } from "../db/transaction.ts";
import { territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { isSystemActor } from "../platform/context.ts";
import { createAccountTx, visibleAccount } from "./accounts.service.ts";
import { copyActivityLinks } from "./activities.service.ts";
import { createContactTx, visibleContact } from "./contacts.service.ts";
import { createDealTx } from "./deals.service.ts";
import { LeadErrors } from "./leads.errors.ts";
import * as repo from "./leads.repository.ts";
import { leadResponse, needs, viewerOf } from "./leads.service.ts";
import type { RecordRef } from "./timeline-source.ts";

export async function convertLead(ctx: Ctx, id: string, body: ConvertLeadRequest) {
  needs(ctx, "crm.write");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    if ((await repo.lockLeads(tx, viewerOf(ctx), [id])).length === 0) throw LeadErrors.notFound();
    const [lead] = await repo.findLeadsByIds(tx, orgId, [id]);
    if (!lead) throw LeadErrors.notFound();
    if (lead.status === "converted") throw LeadErrors.alreadyConverted();
    if (lead.status === "merged") throw LeadErrors.closed();

    // The new records keep the lead's territory when the caller may place records there (a rep converting a lead
    // they own in another territory makes records without one: they own them).
    const path = lead.territory_id
      ? (await repo.territoryPaths(tx, orgId, [lead.territory_id])).get(lead.territory_id)
      : undefined;
    const territoryId =
      lead.territory_id && path !== undefined && (isSystemActor(ctx) || territoryInScope(ctx.actor.scope, path))
        ? lead.territory_id
        : null;
    const ownerUserId = lead.owner_user_id ?? undefined;
    const email = lead.email?.toLowerCase() ?? null;

    const accountId =
      "id" in body.account
        ? (await visibleAccount(tx, ctx, body.account.id)).id
        : (
            await createAccountTx(tx, ctx, {
              name: body.account.name,
              industry: body.account.industry ?? null,
              website: body.account.website ?? null,
              address: body.account.address ?? null,
              phone: lead.phone,
              email,
              territoryId,
              ownerUserId,
            })
          ).id;

    const contactId =
      "id" in body.contact
        ? (await visibleContact(tx, ctx, body.contact.id)).id
        : (
            await createContactTx(tx, ctx, {
              name: lead.name,
              accountId,
              title: lead.title,
              phone: lead.phone,
              email,
              locale: lead.locale,
              territoryId,
              ownerUserId,
              source: `lead:${lead.source}`,
              // The person chose to create it: a matching contact was theirs to pick instead.
              allowDuplicate: true,
            })
          ).id;

    const dealId = body.deal
      ? (
          await createDealTx(tx, ctx, {
            name: body.deal.name,
            accountId,
            contactId,
            leadId: id,
            ownerUserId,
            amountPoisha: body.deal.amountPoisha,
            expectedClose: body.deal.expectedClose,
            pipelineId: body.deal.pipelineId,
          })
        ).id
      : null;

    const targets: RecordRef[] = [
      { type: "contact", id: contactId },
      { type: "account", id: accountId },
      ...(dealId ? [{ type: "deal" as const, id: dealId }] : []),
    ];
    const copied = await copyActivityLinks(tx, orgId, { type: "lead", id }, targets);
    await repo.updateLead(tx, orgId, id, {
      status: "converted",
      converted_account_id: accountId,
      converted_contact_id: contactId,
      converted_deal_id: dealId,
      converted_at: new Date(),
    });
    const [after] = await repo.findLeadsByIds(tx, orgId, [id]);
    if (!after) throw LeadErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "lead",
      entityId: id,
      action: "convert",
      before: leadResponse(lead, "en"),
      after: { ...leadResponse(after, "en"), activitiesCopied: copied },
    });
    return { lead: leadResponse(after, ctx.locale), accountId, contactId, dealId };
  });
}
