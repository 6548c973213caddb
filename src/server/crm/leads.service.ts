// Leads (C1): capture (by hand, API, public form, import, referral, chat), the inbox, duplicates and merge,
// assignment by rules and conversion. Scope is the CRM rule (crm-scope.repository.ts): org-wide roles see every
// lead, a manager or rep those in their territory subtree and those they own; outside it a lead does not exist.
//
// Every new lead goes through createLeadTx: it keeps the dedupe keys (a Bangladesh mobile as +8801XXXXXXXXX, the
// email lower-cased), runs the assignment rules when nobody owns it yet, tells the assignee, writes the audit row
// and publishes lead.created to the org's webhooks, all in the caller's transaction.
import type {
  AssignmentRuleResponse,
  CreateLeadRequest,
  DuplicateResponse,
  LeadListQuery,
  LeadResponse,
  LeadSource,
  PutAssignmentRulesRequest,
  UpdateLeadRequest,
} from "../../shared/contracts/leads.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import { searchText, transliterate } from "../../shared/search-text.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can, type Permission, territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { isSystemActor } from "../platform/context.ts";
import { notify } from "../platform/notifications/notifications.service.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { publishEvent } from "../webhooks/webhooks.service.ts";
import { moveActivityLinks } from "./activities.service.ts";
import { firstMatch, nextInTurn } from "./lead-assignment.ts";
import { dedupeKeys, mergeFill } from "./lead-dedupe.ts";
import { LeadErrors } from "./leads.errors.ts";
import * as repo from "./leads.repository.ts";

export function needs(ctx: Ctx, permission: Permission) {
  if (!can(ctx.actor, permission)) throw AccessErrors.forbidden();
}

export const viewerOf = (ctx: Ctx): repo.Viewer => ({
  orgId: ctx.actor.orgId,
  scope: ctx.actor.scope,
  userId: ctx.actor.userId,
});

export function leadResponse(l: repo.LeadRow, locale: Locale): LeadResponse {
  return {
    id: l.id,
    name: l.name,
    company: l.company,
    title: l.title,
    phone: l.phone,
    phoneE164: l.phone_e164,
    email: l.email,
    locale: l.locale,
    message: l.message,
    district: l.district,
    source: l.source,
    formId: l.form_id,
    formName: l.form_name,
    utm: {
      source: l.utm_source,
      medium: l.utm_medium,
      campaign: l.utm_campaign,
      term: l.utm_term,
      content: l.utm_content,
    },
    referrerUrl: l.referrer_url,
    landingUrl: l.landing_url,
    referralCode: l.referral_code,
    territoryId: l.territory_id,
    territoryName: (locale === "bn" ? l.territory_name_bn : l.territory_name) ?? l.territory_name,
    ownerUserId: l.owner_user_id,
    ownerName: l.owner_name,
    status: l.status,
    mergedIntoId: l.merged_into_id,
    convertedContactId: l.converted_contact_id,
    convertedAccountId: l.converted_account_id,
    convertedDealId: l.converted_deal_id,
    convertedAt: l.converted_at?.toISOString() ?? null,
    duplicateCount: Number(l.duplicate_count),
    createdAt: l.created_at.toISOString(),
    updatedAt: l.updated_at.toISOString(),
  };
}

const leadSearchText = (l: {
  name: string;
  company?: string | null;
  phone?: string | null;
  email?: string | null;
  district?: string | null;
  utm_campaign?: string | null;
}) => searchText(l.name, l.company, l.phone, l.email, l.district, l.utm_campaign);

// --- capture

/** A new lead as every capture path gives it (the HTTP contract, a form submission, an import row, chat, referrals). */
export interface NewLeadInput {
  name: string;
  company?: string | null | undefined;
  title?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  locale?: Locale | undefined;
  message?: string | null | undefined;
  district?: string | null | undefined;
  source: LeadSource;
  formId?: string | null | undefined;
  utm?:
    | {
        source?: string | null | undefined;
        medium?: string | null | undefined;
        campaign?: string | null | undefined;
        term?: string | null | undefined;
        content?: string | null | undefined;
      }
    | undefined;
  referrerUrl?: string | null | undefined;
  landingUrl?: string | null | undefined;
  referralCode?: string | null | undefined;
  territoryId?: string | null | undefined;
  /** Who owns it; when nobody, the assignment rules decide. */
  ownerUserId?: string | null | undefined;
}

const orNull = (s: string | null | undefined) => {
  const t = s?.trim();
  return t ? t : null;
};

/** The territory and owner a lead may be given by this actor: in their subtree, an active user of the org. */
async function checkPlacement(
  db: Executor,
  ctx: Ctx,
  p: { territoryId?: string | null | undefined; ownerUserId?: string | null | undefined },
) {
  if (p.territoryId) {
    const path = (await repo.territoryPaths(db, ctx.actor.orgId, [p.territoryId])).get(p.territoryId);
    if (path === undefined || (!isSystemActor(ctx) && !territoryInScope(ctx.actor.scope, path)))
      throw LeadErrors.territoryNotFound();
  }
  if (p.ownerUserId && (await repo.activeUsers(db, ctx.actor.orgId, [p.ownerUserId])).length === 0)
    throw LeadErrors.userNotFound();
}

function valuesOf(orgId: string, id: string, input: NewLeadInput, ownerUserId: string | null): repo.LeadValues {
  const phone = orNull(input.phone);
  const email = orNull(input.email);
  const keys = dedupeKeys(phone, email);
  const v = {
    org_id: orgId,
    id,
    name: input.name.trim(),
    company: orNull(input.company),
    title: orNull(input.title),
    phone,
    phone_e164: keys.phoneE164,
    email,
    email_lower: keys.emailLower,
    locale: input.locale ?? "bn",
    message: orNull(input.message),
    district: orNull(input.district),
    source: input.source,
    form_id: input.formId ?? null,
    utm_source: orNull(input.utm?.source),
    utm_medium: orNull(input.utm?.medium),
    utm_campaign: orNull(input.utm?.campaign),
    utm_term: orNull(input.utm?.term),
    utm_content: orNull(input.utm?.content),
    referrer_url: orNull(input.referrerUrl),
    landing_url: orNull(input.landingUrl),
    referral_code: orNull(input.referralCode),
    territory_id: input.territoryId ?? null,
    owner_user_id: ownerUserId,
    search_text: "",
  };
  v.search_text = leadSearchText(v);
  return v;
}

/**
 * The owner the rules give a new lead: the first active rule that matches names whose turn it is (its cursor row
 * locked until the caller's transaction ends, so concurrent captures alternate). Null when no rule matches or
 * the matching rule has nobody to give it to.
 */
export async function assignByRules(tx: Executor, orgId: string, lead: repo.LeadValues): Promise<string | null> {
  const rules = await repo.listRules(tx, orgId);
  if (rules.length === 0) return null;
  const territoryPath = lead.territory_id
    ? ((await repo.territoryPaths(tx, orgId, [lead.territory_id])).get(lead.territory_id) ?? null)
    : null;
  const rule = firstMatch(
    rules.map((r) => ({
      ...r,
      matchSource: r.match_source,
      matchFormId: r.match_form_id,
      matchUtmCampaign: r.match_utm_campaign,
      // A rule naming a territory that is gone matches nothing rather than everything.
      matchTerritoryPath: r.match_territory_id ? (r.match_territory_path ?? "\u0000") : null,
    })),
    { source: lead.source, formId: lead.form_id, utmCampaign: lead.utm_campaign, territoryPath },
  );
  if (!rule) return null;
  let candidates: string[];
  if (rule.strategy === "round_robin") {
    const active = new Set((await repo.activeUsers(tx, orgId, rule.user_ids)).map((u) => u.id));
    candidates = rule.user_ids.filter((id) => active.has(id));
  } else candidates = territoryPath ? await repo.repsUnder(tx, orgId, territoryPath) : [];
  if (candidates.length === 0) return null;
  const last = await repo.lockCursor(tx, orgId, rule.id);
  const next = nextInTurn(candidates, last);
  if (next) await repo.advanceCursor(tx, orgId, rule.id, next);
  return next;
}

async function tellAssignee(tx: Executor, orgId: string, lead: { id: string; name: string }, userId: string) {
  await notify(tx, orgId, {
    userIds: [userId],
    kind: "lead.assigned",
    title: { en: `New lead for you: ${lead.name}`, bn: `আপনার জন্য নতুন লিড: ${lead.name}` },
    body: {
      en: "Call or message them soon: a quick answer wins the customer.",
      bn: "শিগগিরই ফোন বা বার্তা দিন: দ্রুত সাড়া দিলেই গ্রাহক পাওয়া যায়।",
    },
    link: `/crm/leads/${lead.id}`,
  });
}

/**
 * Creates a lead inside the caller's transaction (the API, forms, imports; chat and referrals call it too). The
 * caller has checked the permission and validated the fields; this checks the territory and owner, runs the
 * assignment rules when nobody owns it, notifies the assignee, audits and publishes lead.created.
 */
export async function createLeadTx(tx: Executor, ctx: Ctx, input: NewLeadInput): Promise<repo.LeadRow> {
  const orgId = ctx.actor.orgId;
  await checkPlacement(tx, ctx, input);
  const id = newId();
  const given = input.ownerUserId ?? null;
  const values = valuesOf(orgId, id, input, given);
  const assigned = given ?? (await assignByRules(tx, orgId, values));
  values.owner_user_id = assigned;
  await repo.insertLeads(tx, [values]);
  const [row] = await repo.findLeadsByIds(tx, orgId, [id]);
  if (!row) throw LeadErrors.notFound();
  const response = leadResponse(row, "en");
  await recordAudit(tx, ctx, { entity: "lead", entityId: id, action: "create", after: response });
  if (assigned && assigned !== ctx.actor.userId) await tellAssignee(tx, orgId, row, assigned);
  await publishEvent(tx, orgId, "lead.created", { lead: response });
  return row;
}

/** The request of POST /crm/leads as a NewLeadInput. */
function fromRequest(ctx: Ctx, body: CreateLeadRequest): NewLeadInput {
  // A manager or rep writing a lead down by hand owns it unless they name someone (or the rules would hand it to
  // someone out of their sight); head office's leads go to the rules.
  const owner =
    body.ownerUserId !== undefined
      ? body.ownerUserId
      : ctx.actor.scope.kind !== "org" && !isSystemActor(ctx)
        ? ctx.actor.userId
        : null;
  return {
    ...body,
    utm: {
      source: body.utmSource,
      medium: body.utmMedium,
      campaign: body.utmCampaign,
      term: body.utmTerm,
      content: body.utmContent,
    },
    ownerUserId: owner,
  };
}

export async function createLead(ctx: Ctx, body: CreateLeadRequest): Promise<LeadResponse> {
  needs(ctx, "crm.write");
  const row = await withTransaction(ctx.db, (tx) => createLeadTx(tx, ctx, fromRequest(ctx, body)));
  return leadResponse(row, ctx.locale);
}

// --- the inbox

export async function listLeads(ctx: Ctx, q: LeadListQuery) {
  needs(ctx, "crm.read");
  const rows = await repo.listLeads(ctx.db, viewerOf(ctx), {
    status: q.status,
    openOnly: q.view === "open",
    source: q.source,
    ownerId: q.ownerId,
    campaign: q.campaign,
    formId: q.formId,
    words: q.q ? transliterate(q.q).toLowerCase().split(/\s+/).filter(Boolean) : [],
    beforeId: q.cursor ? decodeIdCursor(q.cursor) : undefined,
    limit: q.limit,
  });
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => leadResponse(r, ctx.locale)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function getLead(ctx: Ctx, id: string): Promise<LeadResponse> {
  needs(ctx, "crm.read");
  const row = await repo.findLead(ctx.db, viewerOf(ctx), id);
  if (!row) throw LeadErrors.notFound();
  return leadResponse(row, ctx.locale);
}

/** Whether the caller sees these leads (for activities linked to leads, and other modules). */
export async function visibleLeadIds(db: Executor, ctx: Ctx, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of ids) if (await repo.findLead(db, viewerOf(ctx), id)) out.add(id);
  return out;
}

export async function updateLead(ctx: Ctx, id: string, body: UpdateLeadRequest): Promise<LeadResponse> {
  needs(ctx, "crm.write");
  const orgId = ctx.actor.orgId;
  const row = await withTransaction(ctx.db, async (tx) => {
    if ((await repo.lockLeads(tx, viewerOf(ctx), [id])).length === 0) throw LeadErrors.notFound();
    const [before] = await repo.findLeadsByIds(tx, orgId, [id]);
    if (!before) throw LeadErrors.notFound();
    if (before.status === "converted" || before.status === "merged") throw LeadErrors.closed();
    await checkPlacement(tx, ctx, body);
    const patch: repo.LeadPatch = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.company !== undefined) patch.company = orNull(body.company);
    if (body.title !== undefined) patch.title = orNull(body.title);
    if (body.message !== undefined) patch.message = orNull(body.message);
    if (body.district !== undefined) patch.district = orNull(body.district);
    if (body.locale !== undefined) patch.locale = body.locale;
    if (body.status !== undefined) patch.status = body.status;
    if (body.territoryId !== undefined) patch.territory_id = body.territoryId;
    if (body.ownerUserId !== undefined) patch.owner_user_id = body.ownerUserId;
    if (body.phone !== undefined) {
      patch.phone = orNull(body.phone);
      patch.phone_e164 = dedupeKeys(patch.phone, null).phoneE164;
    }
    if (body.email !== undefined) {
      patch.email = orNull(body.email);
      patch.email_lower = dedupeKeys(null, patch.email).emailLower;
    }
    patch.search_text = leadSearchText({
      name: patch.name ?? before.name,
      company: patch.company !== undefined ? patch.company : before.company,
      phone: patch.phone !== undefined ? patch.phone : before.phone,
      email: patch.email !== undefined ? patch.email : before.email,
      district: patch.district !== undefined ? patch.district : before.district,
      utm_campaign: before.utm_campaign,
    });
    await repo.updateLead(tx, orgId, id, patch);
    const [after] = await repo.findLeadsByIds(tx, orgId, [id]);
    if (!after) throw LeadErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "lead",
      entityId: id,
      action: "update",
      before: leadResponse(before, "en"),
      after: leadResponse(after, "en"),
    });
    const owner = after.owner_user_id;
    if (owner && owner !== before.owner_user_id && owner !== ctx.actor.userId)
      await tellAssignee(tx, orgId, after, owner);
    return after;
  });
  return leadResponse(row, ctx.locale);
}

// --- duplicates and merge

export async function leadDuplicates(ctx: Ctx, id: string): Promise<DuplicateResponse> {
  needs(ctx, "crm.read");
  const lead = await repo.findLead(ctx.db, viewerOf(ctx), id);
  if (!lead) throw LeadErrors.notFound();
  const rows = await repo.findDuplicates(ctx.db, viewerOf(ctx), {
    id,
    phoneE164: lead.phone_e164,
    emailLower: lead.email_lower,
  });
  return {
    items: rows.map((d) => ({
      type: d.type,
      id: d.id,
      name: d.name,
      phone: d.phone,
      email: d.email,
      company: d.company,
      status: d.status,
      matchedOn: [...(d.phone_match ? (["phone"] as const) : []), ...(d.email_match ? (["email"] as const) : [])],
      createdAt: d.created_at.toISOString(),
    })),
  };
}

/**
 * Merges leads into the survivor `id`: the survivor keeps its values and fills its blanks from the others (oldest
 * first); the others become merged (merged_into_id = survivor) and every activity of theirs moves to the survivor.
 * All rows are locked first, in id order.
 */
export async function mergeLeads(ctx: Ctx, id: string, mergeIds: readonly string[]): Promise<LeadResponse> {
  needs(ctx, "crm.write");
  if (mergeIds.includes(id)) throw LeadErrors.mergeSelf();
  const orgId = ctx.actor.orgId;
  const row = await withTransaction(ctx.db, async (tx) => {
    const all = [id, ...mergeIds];
    const locked = new Set(await repo.lockLeads(tx, viewerOf(ctx), all));
    if (all.some((x) => !locked.has(x))) throw LeadErrors.notFound();
    const values = await repo.mergeValues(tx, orgId, all);
    if (values.some((v) => v.status === "converted" || v.status === "merged")) throw LeadErrors.closed();
    const survivor = values.find((v) => v.id === id);
    if (!survivor) throw LeadErrors.notFound();
    const others = values.filter((v) => v.id !== id);
    const [before] = await repo.findLeadsByIds(tx, orgId, [id]);
    const fill = mergeFill(survivor, others);
    const merged = { ...survivor, ...fill };
    await repo.updateLead(tx, orgId, id, { ...fill, search_text: leadSearchText(merged) });
    let moved = 0;
    for (const o of others) {
      await repo.updateLead(tx, orgId, o.id, { status: "merged", merged_into_id: id });
      moved += await moveActivityLinks(tx, orgId, { type: "lead", id: o.id }, { type: "lead", id });
      await recordAudit(tx, ctx, {
        entity: "lead",
        entityId: o.id,
        action: "merge",
        before: { status: o.status },
        after: { status: "merged", mergedIntoId: id },
      });
    }
    const [after] = await repo.findLeadsByIds(tx, orgId, [id]);
    if (!after || !before) throw LeadErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "lead",
      entityId: id,
      action: "merge",
      before: leadResponse(before, "en"),
      after: { ...leadResponse(after, "en"), mergedIds: [...mergeIds], activitiesMoved: moved },
    });
    return after;
  });
  return leadResponse(row, ctx.locale);
}

// --- assignment rules

function ruleResponse(r: repo.RuleRow): AssignmentRuleResponse {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    matchSource: r.match_source as AssignmentRuleResponse["matchSource"],
    matchFormId: r.match_form_id,
    matchUtmCampaign: r.match_utm_campaign,
    matchTerritoryId: r.match_territory_id,
    strategy: r.strategy,
    userIds: r.user_ids,
    active: r.active,
    assignedCount: Number(r.assigned_count),
  };
}

export async function listAssignmentRules(ctx: Ctx) {
  needs(ctx, "crm.manage");
  return { items: (await repo.listRules(ctx.db, ctx.actor.orgId)).map(ruleResponse) };
}

export async function putAssignmentRules(ctx: Ctx, body: PutAssignmentRulesRequest) {
  needs(ctx, "crm.manage");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await repo.listRules(tx, orgId);
    const known = new Set(before.map((r) => r.id));
    const forms = await repo.existingFormIds(
      tx,
      orgId,
      body.rules.flatMap((r) => (r.matchFormId ? [r.matchFormId] : [])),
    );
    const territories = await repo.territoryPaths(
      tx,
      orgId,
      body.rules.flatMap((r) => (r.matchTerritoryId ? [r.matchTerritoryId] : [])),
    );
    const userIds = [...new Set(body.rules.flatMap((r) => r.userIds))];
    const users = new Set((await repo.activeUsers(tx, orgId, userIds)).map((u) => u.id));
    const seen = new Set<string>();
    const rows: repo.RuleValues[] = body.rules.map((r, position) => {
      if (r.matchFormId && !forms.has(r.matchFormId)) throw LeadErrors.ruleRefInvalid();
      if (r.matchTerritoryId && !territories.has(r.matchTerritoryId)) throw LeadErrors.ruleRefInvalid();
      if (r.userIds.some((u) => !users.has(u))) throw LeadErrors.ruleRefInvalid();
      // An id that is not one of this org's rules (or named twice) makes a new rule.
      const id = r.id && known.has(r.id) && !seen.has(r.id) ? r.id : newId();
      seen.add(id);
      return {
        org_id: orgId,
        id,
        position,
        name: r.name,
        match_source: r.matchSource ?? null,
        match_form_id: r.matchFormId ?? null,
        match_utm_campaign: orNull(r.matchUtmCampaign),
        match_territory_id: r.matchTerritoryId ?? null,
        strategy: r.strategy,
        user_ids: [...new Set(r.userIds)],
        active: r.active,
      };
    });
    await repo.replaceRules(tx, orgId, rows);
    const after = (await repo.listRules(tx, orgId)).map(ruleResponse);
    await recordAudit(tx, ctx, {
      entity: "lead_assignment_rules",
      entityId: orgId,
      action: "update",
      before: before.map(ruleResponse),
      after,
    });
    return { items: after };
  });
}

// --- for other modules

/** Leads that came with these referral codes (referrals, C7). */
export async function leadsByReferralCodes(db: Executor, orgId: string, codes: string[]) {
  return repo.leadsByReferralCodes(db, orgId, codes);
}

const SOURCE_WORDS: Record<LeadSource, { en: string; bn: string }> = {
  web_form: { en: "the web form", bn: "ওয়েব ফর্ম" },
  lead_magnet: { en: "a lead magnet", bn: "লিড ম্যাগনেট" },
  api: { en: "the API", bn: "API" },
  import: { en: "an import", bn: "আমদানি" },
  manual: { en: "a hand entry", bn: "হাতে লেখা" },
  referral: { en: "a referral", bn: "রেফারেল" },
  chat: { en: "a chat", bn: "চ্যাট" },
};

/** "Captured from form X, campaign Y" in the caller's language. */
export function leadOriginTitle(
  l: { source: LeadSource; form_name: string | null; utm_campaign: string | null },
  locale: Locale,
): string {
  const from = l.form_name
    ? locale === "bn"
      ? `ফর্ম "${l.form_name}"`
      : `form "${l.form_name}"`
    : SOURCE_WORDS[l.source][locale];
  const campaign = l.utm_campaign
    ? locale === "bn"
      ? `, ক্যাম্পেইন ${l.utm_campaign}`
      : `, campaign ${l.utm_campaign}`
    : "";
  return locale === "bn" ? `লিড হিসেবে পাওয়া: ${from}${campaign}` : `Captured as a lead from ${from}${campaign}`;
}

/**
 * For the timeline of a contact or account: the leads it came from (timeline-sources.ts lists this source), newest
 * first, at most page.limit at or before page.before.
 */
export async function leadOriginItems(
  db: Executor,
  ctx: Ctx,
  refs: readonly { type: string; id: string }[],
  page: { before: Date; limit: number },
) {
  const rows = await repo.originatingLeads(db, ctx.actor.orgId, {
    contactIds: refs.filter((r) => r.type === "contact").map((r) => r.id),
    accountIds: refs.filter((r) => r.type === "account").map((r) => r.id),
    ...page,
  });
  return rows.map((l) => ({
    at: l.created_at.toISOString(),
    kind: "lead" as const,
    title: leadOriginTitle(l, ctx.locale),
    detail: l.utm_source ? `utm_source: ${l.utm_source}` : null,
    link: { type: "lead", id: l.id },
    actorName: null,
  }));
}
