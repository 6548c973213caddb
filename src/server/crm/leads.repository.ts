// All SQL of leads (C1): the leads themselves with what the inbox shows beside them (form, territory, owner, how
// many possible duplicates), the duplicate search across open leads and contacts, lead forms, assignment rules and
// their round-robin cursors. The territories and users named here are read, never written.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Executor } from "../db/transaction.ts";
import type { Scope } from "../platform/access.ts";
import { crmScopeCondition } from "./crm-scope.repository.ts";
import { MERGE_FILLED } from "./lead-dedupe.ts";

export interface LeadRow {
  id: string;
  name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  email_lower: string | null;
  locale: "bn" | "en";
  message: string | null;
  district: string | null;
  source: "web_form" | "lead_magnet" | "api" | "import" | "manual" | "referral" | "chat";
  form_id: string | null;
  form_name: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  referrer_url: string | null;
  landing_url: string | null;
  referral_code: string | null;
  territory_id: string | null;
  territory_name: string | null;
  territory_name_bn: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
  status: "new" | "contacted" | "qualified" | "unqualified" | "converted" | "merged";
  merged_into_id: string | null;
  converted_contact_id: string | null;
  converted_account_id: string | null;
  converted_deal_id: string | null;
  converted_at: Date | null;
  duplicate_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Who is asking: their org, and the CRM scope rule (crm-scope.repository.ts) narrowing within it. */
export interface Viewer {
  orgId: string;
  scope: Scope;
  userId: string;
}

const OPEN = sql`('new', 'contacted', 'qualified', 'unqualified')`;

/** Open leads (other than l itself) and live contacts sharing l's phone or email. */
const duplicateCount = sql<number>`(
  (select count(*) from leads d where d.org_id = l.org_id and d.id <> l.id and d.status in ${OPEN}
     and ((l.phone_e164 is not null and d.phone_e164 = l.phone_e164)
       or (l.email_lower is not null and d.email_lower = l.email_lower)))
  + (select count(*) from contacts c where c.org_id = l.org_id and c.archived_at is null
     and ((l.phone_e164 is not null and c.phone_e164 = l.phone_e164)
       or (l.email_lower is not null and c.email_lower = l.email_lower)))
)::int`;

function selectLeads(where: RawBuilder<unknown>[], tail: RawBuilder<unknown> = sql``) {
  return sql<LeadRow>`
    select l.id, l.name, l.company, l.title, l.phone, l.phone_e164, l.email, l.email_lower, l.locale, l.message,
           l.district, l.source, l.form_id, f.name as form_name, l.utm_source, l.utm_medium, l.utm_campaign,
           l.utm_term, l.utm_content, l.referrer_url, l.landing_url, l.referral_code, l.territory_id,
           t.name as territory_name, t.name_bn as territory_name_bn, l.owner_user_id, u.name as owner_name, l.status,
           l.merged_into_id, l.converted_contact_id, l.converted_account_id, l.converted_deal_id, l.converted_at,
           ${duplicateCount} as duplicate_count, l.created_at, l.updated_at
    from leads l
    left join lead_forms f on f.org_id = l.org_id and f.id = l.form_id
    left join territories t on t.org_id = l.org_id and t.id = l.territory_id
    left join users u on u.org_id = l.org_id and u.id = l.owner_user_id
    where ${sql.join(where, sql` and `)} ${tail}`;
}

const visible = (v: Viewer): RawBuilder<unknown> =>
  sql`l.org_id = ${v.orgId} and ${crmScopeCondition(v.scope, v.userId, "l")}`;

export interface LeadFilter {
  status?: string | undefined;
  openOnly: boolean;
  source?: string | undefined;
  ownerId?: string | undefined;
  campaign?: string | undefined;
  formId?: string | undefined;
  /** Search words: every one must appear in the lead's search text. */
  words: string[];
  /** The last id of the previous page (ids are UUIDv7: newest first is id descending). */
  beforeId?: string | undefined;
  limit: number;
}

export async function listLeads(db: Executor, v: Viewer, f: LeadFilter): Promise<LeadRow[]> {
  const where: RawBuilder<unknown>[] = [visible(v)];
  if (f.status) where.push(sql`l.status = ${f.status}`);
  else if (f.openOnly) where.push(sql`l.status in ${OPEN}`);
  if (f.source) where.push(sql`l.source = ${f.source}`);
  if (f.ownerId === "none") where.push(sql`l.owner_user_id is null`);
  else if (f.ownerId) where.push(sql`l.owner_user_id = ${f.ownerId}`);
  if (f.campaign) where.push(sql`lower(l.utm_campaign) = ${f.campaign.toLowerCase()}`);
  if (f.formId) where.push(sql`l.form_id = ${f.formId}`);
  for (const w of f.words) where.push(sql`l.search_text like ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.beforeId) where.push(sql`l.id < ${f.beforeId}`);
  return (await selectLeads(where, sql`order by l.id desc limit ${f.limit + 1}`).execute(db)).rows;
}

export async function findLead(db: Executor, v: Viewer, id: string): Promise<LeadRow | undefined> {
  return (await selectLeads([visible(v), sql`l.id = ${id}`]).execute(db)).rows[0];
}

/** Leads by id without a scope (the caller has decided), e.g. to answer after a write. */
export async function findLeadsByIds(db: Executor, orgId: string, ids: readonly string[]): Promise<LeadRow[]> {
  if (ids.length === 0) return [];
  return (await selectLeads([sql`l.org_id = ${orgId}`, sql`l.id in (${sql.join([...ids])})`]).execute(db)).rows;
}

/** Takes the leads' row locks (in id order, so two merges never wait on each other in a circle); returns those seen. */
export async function lockLeads(db: Executor, v: Viewer, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string }>`select l.id from leads l
    where ${visible(v)} and l.id in (${sql.join([...ids])}) order by l.id for update of l`.execute(db);
  return r.rows.map((x) => x.id);
}

export interface LeadValues {
  org_id: string;
  id: string;
  name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  email_lower: string | null;
  locale: "bn" | "en";
  message: string | null;
  district: string | null;
  source: LeadRow["source"];
  form_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  referrer_url: string | null;
  landing_url: string | null;
  referral_code: string | null;
  territory_id: string | null;
  owner_user_id: string | null;
  search_text: string;
}

export async function insertLeads(db: Executor, rows: LeadValues[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("leads")
      .values(rows.slice(i, i + 500))
      .execute();
}

export type LeadPatch = Partial<Omit<LeadValues, "org_id" | "id">> & {
  status?: LeadRow["status"];
  merged_into_id?: string | null;
  converted_contact_id?: string | null;
  converted_account_id?: string | null;
  converted_deal_id?: string | null;
  converted_at?: Date | null;
};

export async function updateLead(db: Executor, orgId: string, id: string, patch: LeadPatch): Promise<void> {
  await db
    .updateTable("leads")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** The raw columns a merge reads and fills. */
export async function mergeValues(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("leads")
    .select(["id", "name", "status", ...MERGE_FILLED, "created_at", "search_text"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
}

export interface DuplicateRow {
  type: "lead" | "contact";
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  company: string | null;
  status: string | null;
  phone_match: boolean;
  email_match: boolean;
  created_at: Date;
}

/**
 * Open leads and live contacts with this phone key or email key, other than the lead itself. Leads are those the
 * viewer may see; contacts by the same CRM scope rule.
 */
export async function findDuplicates(
  db: Executor,
  v: Viewer,
  of: { id: string; phoneE164: string | null; emailLower: string | null },
): Promise<DuplicateRow[]> {
  if (!of.phoneE164 && !of.emailLower) return [];
  const match = (alias: string): RawBuilder<SqlBool> => sql<SqlBool>`(
    (${of.phoneE164}::text is not null and ${sql.ref(`${alias}.phone_e164`)} = ${of.phoneE164})
    or (${of.emailLower}::text is not null and ${sql.ref(`${alias}.email_lower`)} = ${of.emailLower}))`;
  const r = await sql<DuplicateRow>`
    select 'lead' as type, l.id, l.name, l.phone, l.email, l.company, l.status,
           coalesce(l.phone_e164 = ${of.phoneE164}, false) as phone_match,
           coalesce(l.email_lower = ${of.emailLower}, false) as email_match, l.created_at
    from leads l
    where ${visible(v)} and l.id <> ${of.id} and l.status in ${OPEN} and ${match("l")}
    union all
    select 'contact', c.id, c.name, c.phone, c.email, a.name, null,
           coalesce(c.phone_e164 = ${of.phoneE164}, false), coalesce(c.email_lower = ${of.emailLower}, false),
           c.created_at
    from contacts c
    left join accounts a on a.org_id = c.org_id and a.id = c.account_id
    where c.org_id = ${v.orgId} and c.archived_at is null and ${crmScopeCondition(v.scope, v.userId, "c")}
      and ${match("c")}
    order by created_at
    limit 100`.execute(db);
  return r.rows;
}

// --- referrals and timelines, for other modules

export async function leadsByReferralCodes(db: Executor, orgId: string, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom("leads")
    .select(["id", "name", "status", "referral_code", "created_at", "converted_at"])
    .where("org_id", "=", orgId)
    .where("referral_code", "in", [...codes])
    .orderBy("created_at")
    .execute();
}

/** The leads that became these contacts or accounts, with the form they came through. */
export async function originatingLeads(
  db: Executor,
  orgId: string,
  q: { contactIds: readonly string[]; accountIds: readonly string[]; before: Date; limit: number },
) {
  if (q.contactIds.length === 0 && q.accountIds.length === 0) return [];
  const ors: RawBuilder<unknown>[] = [];
  if (q.contactIds.length) ors.push(sql`l.converted_contact_id in (${sql.join([...q.contactIds])})`);
  if (q.accountIds.length) ors.push(sql`l.converted_account_id in (${sql.join([...q.accountIds])})`);
  const r = await sql<{
    id: string;
    name: string;
    source: LeadRow["source"];
    form_name: string | null;
    utm_campaign: string | null;
    utm_source: string | null;
    created_at: Date;
  }>`select l.id, l.name, l.source, f.name as form_name, l.utm_campaign, l.utm_source, l.created_at
    from leads l left join lead_forms f on f.org_id = l.org_id and f.id = l.form_id
    where l.org_id = ${orgId} and (${sql.join(ors, sql` or `)}) and l.created_at <= ${q.before}
    order by l.created_at desc limit ${q.limit}`.execute(db);
  return r.rows;
}

// --- territories and people named by leads, forms and rules

export async function territoryPaths(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("territories")
    .select(["id", "path"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .where("archived_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** Active users of the org among these ids. */
export async function activeUsers(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("users as u")
    .leftJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
    .select(["u.id", "u.name", "u.role", "t.path as territory_path"])
    .where("u.org_id", "=", orgId)
    .where("u.id", "in", [...ids])
    .where("u.deactivated_at", "is", null)
    .execute();
}

/** The active reps based in this territory subtree, by id. */
export async function repsUnder(db: Executor, orgId: string, path: string): Promise<string[]> {
  const r = await sql<{ id: string }>`select u.id from users u
    join territories t on t.org_id = u.org_id and t.id = u.territory_id
    where u.org_id = ${orgId} and u.role = 'rep' and u.deactivated_at is null
      and t.path like ${`${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
    order by u.id`.execute(db);
  return r.rows.map((x) => x.id);
}

// --- forms

export interface FormRow {
  id: string;
  org_id: string;
  public_key: string;
  name: string;
  kind: "form" | "magnet";
  fields: Record<string, "hidden" | "optional" | "required">;
  default_locale: "bn" | "en";
  thank_you_en: string;
  thank_you_bn: string;
  magnet_title_en: string | null;
  magnet_title_bn: string | null;
  magnet_description_en: string | null;
  magnet_description_bn: string | null;
  download_url: string | null;
  territory_id: string | null;
  owner_user_id: string | null;
  active: boolean;
  lead_count: number;
  created_at: Date;
  updated_at: Date;
}

const selectForms = (where: RawBuilder<unknown>) => sql<FormRow>`
  select f.*, (select count(*) from leads l where l.org_id = f.org_id and l.form_id = f.id)::int as lead_count
  from lead_forms f where ${where} order by f.created_at desc, f.id`;

export async function listForms(db: Executor, orgId: string): Promise<FormRow[]> {
  return (await selectForms(sql`f.org_id = ${orgId}`).execute(db)).rows;
}

export async function findForm(db: Executor, orgId: string, id: string): Promise<FormRow | undefined> {
  return (await selectForms(sql`f.org_id = ${orgId} and f.id = ${id}`).execute(db)).rows[0];
}

/** A public key names one form of one org (keys are random); an inactive form is not found. */
export async function findActiveFormByKey(db: Executor, key: string): Promise<FormRow | undefined> {
  return (await selectForms(sql`f.public_key = ${key} and f.active`).execute(db)).rows[0];
}

export type FormValues = {
  org_id: string;
  id: string;
  public_key: string;
  name: string;
  kind: "form" | "magnet";
  fields: string;
  default_locale: "bn" | "en";
  thank_you_en: string;
  thank_you_bn: string;
  magnet_title_en: string | null;
  magnet_title_bn: string | null;
  magnet_description_en: string | null;
  magnet_description_bn: string | null;
  download_url: string | null;
  territory_id: string | null;
  owner_user_id: string | null;
  active: boolean;
};

export async function insertForm(db: Executor, row: FormValues): Promise<void> {
  await db.insertInto("lead_forms").values(row).execute();
}

export async function updateForm(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<Omit<FormValues, "org_id" | "id" | "public_key">>,
): Promise<void> {
  await db
    .updateTable("lead_forms")
    .set({ ...patch, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

// --- assignment rules

export interface RuleRow {
  id: string;
  position: number;
  name: string;
  match_source: string | null;
  match_form_id: string | null;
  match_utm_campaign: string | null;
  match_territory_id: string | null;
  match_territory_path: string | null;
  strategy: "round_robin" | "territory";
  user_ids: string[];
  active: boolean;
  assigned_count: number;
}

export async function listRules(db: Executor, orgId: string): Promise<RuleRow[]> {
  const r = await sql<RuleRow>`
    select r.id, r.position, r.name, r.match_source, r.match_form_id, r.match_utm_campaign, r.match_territory_id,
           t.path as match_territory_path, r.strategy, r.user_ids, r.active,
           coalesce(c.assigned_count, 0)::int as assigned_count
    from lead_assignment_rules r
    left join territories t on t.org_id = r.org_id and t.id = r.match_territory_id
    left join lead_assignment_cursors c on c.org_id = r.org_id and c.rule_id = r.id
    where r.org_id = ${orgId} order by r.position, r.id`.execute(db);
  return r.rows;
}

export interface RuleValues {
  org_id: string;
  id: string;
  position: number;
  name: string;
  match_source: string | null;
  match_form_id: string | null;
  match_utm_campaign: string | null;
  match_territory_id: string | null;
  strategy: "round_robin" | "territory";
  user_ids: string[];
  active: boolean;
}

/** Replaces the org's rules: known ids are updated (their cursors kept), others inserted, the rest deleted. */
export async function replaceRules(db: Executor, orgId: string, rules: RuleValues[]): Promise<void> {
  const keep = rules.map((r) => r.id);
  let del = db.deleteFrom("lead_assignment_rules").where("org_id", "=", orgId);
  if (keep.length) del = del.where("id", "not in", keep);
  await del.execute();
  for (const r of rules)
    await db
      .insertInto("lead_assignment_rules")
      .values({ ...r, user_ids: sql<string[]>`${`{${r.user_ids.join(",")}}`}::uuid[]` })
      .onConflict((oc) =>
        oc.columns(["org_id", "id"]).doUpdateSet({
          position: r.position,
          name: r.name,
          match_source: r.match_source,
          match_form_id: r.match_form_id,
          match_utm_campaign: r.match_utm_campaign,
          match_territory_id: r.match_territory_id,
          strategy: r.strategy,
          user_ids: sql<string[]>`${`{${r.user_ids.join(",")}}`}::uuid[]`,
          active: r.active,
          updated_at: new Date(),
        }),
      )
      .execute();
}

/** The rule's cursor, locked until the transaction ends: concurrent captures under one rule take turns. */
export async function lockCursor(db: Executor, orgId: string, ruleId: string): Promise<string | null> {
  await sql`insert into lead_assignment_cursors (org_id, rule_id) values (${orgId}, ${ruleId})
    on conflict (org_id, rule_id) do nothing`.execute(db);
  const r = await sql<{ last_user_id: string | null }>`select last_user_id from lead_assignment_cursors
    where org_id = ${orgId} and rule_id = ${ruleId} for update`.execute(db);
  return r.rows[0]?.last_user_id ?? null;
}

export async function advanceCursor(db: Executor, orgId: string, ruleId: string, userId: string): Promise<void> {
  await sql`update lead_assignment_cursors
    set last_user_id = ${userId}, assigned_count = assigned_count + 1, updated_at = now()
    where org_id = ${orgId} and rule_id = ${ruleId}`.execute(db);
}

/** Ids among these that exist in the org (forms), for rule checks. */
export async function existingFormIds(db: Executor, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("lead_forms")
    .select("id")
    .where("org_id", "=", orgId)
    .where("id", "in", [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}
