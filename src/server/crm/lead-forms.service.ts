// Lead forms (C1): a form a company embeds on its own site (or a lead-magnet page offering a download), and what
// happens when a visitor submits it. The public key in the snippet names the form and, through it, the org: a
// submission can only ever create a lead in the org that owns the form.
//
// Spam: a honeypot field (website) that people never see; a filled one is answered exactly like a success and
// nothing is stored, so a robot learns nothing. The route also limits submissions per IP and form.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { normalizeBdPhone } from "../../shared/bd-phone.ts";
import type {
  CreateLeadFormRequest,
  LeadFormResponse,
  PublicFormResponse,
  PublicSubmissionRequest,
  UpdateLeadFormRequest,
} from "../../shared/contracts/leads.ts";
import { LEAD_FORM_FIELDS } from "../../shared/contracts/leads.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { territoryInScope } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import { type Ctx, type RequestMeta, systemCtx } from "../platform/context.ts";
import { FIELD_WORDS, LeadErrors } from "./leads.errors.ts";
import * as repo from "./leads.repository.ts";
import { createLeadTx, needs } from "./leads.service.ts";

/** A random, URL-safe public key (24 characters, 144 bits). */
export const newPublicKey = (): string => randomBytes(18).toString("base64url");

export function formResponse(f: repo.FormRow): LeadFormResponse {
  return {
    id: f.id,
    publicKey: f.public_key,
    name: f.name,
    kind: f.kind,
    fields: fieldModes(f.fields),
    defaultLocale: f.default_locale,
    thankYouEn: f.thank_you_en,
    thankYouBn: f.thank_you_bn,
    magnetTitleEn: f.magnet_title_en,
    magnetTitleBn: f.magnet_title_bn,
    magnetDescriptionEn: f.magnet_description_en,
    magnetDescriptionBn: f.magnet_description_bn,
    downloadUrl: f.download_url,
    territoryId: f.territory_id,
    ownerUserId: f.owner_user_id,
    active: f.active,
    leadCount: Number(f.lead_count),
    createdAt: f.created_at.toISOString(),
    updatedAt: f.updated_at.toISOString(),
  };
}

/** Every optional field with its mode (hidden when the form does not say). */
function fieldModes(stored: Record<string, string> | null): Record<string, "hidden" | "optional" | "required"> {
  const out: Record<string, "hidden" | "optional" | "required"> = {};
  for (const f of LEAD_FORM_FIELDS) {
    const m = stored?.[f];
    out[f] = m === "optional" || m === "required" ? m : "hidden";
  }
  return out;
}

async function checkFormPlacement(
  ctx: Ctx,
  db: Db | Parameters<typeof repo.territoryPaths>[0],
  p: { territoryId?: string | null | undefined; ownerUserId?: string | null | undefined },
) {
  if (p.territoryId) {
    const path = (await repo.territoryPaths(db, ctx.actor.orgId, [p.territoryId])).get(p.territoryId);
    if (path === undefined || !territoryInScope(ctx.actor.scope, path)) throw LeadErrors.territoryNotFound();
  }
  if (p.ownerUserId && (await repo.activeUsers(db, ctx.actor.orgId, [p.ownerUserId])).length === 0)
    throw LeadErrors.userNotFound();
}

export async function listForms(ctx: Ctx) {
  needs(ctx, "crm.forms");
  return { items: (await repo.listForms(ctx.db, ctx.actor.orgId)).map(formResponse) };
}

export async function getForm(ctx: Ctx, id: string) {
  needs(ctx, "crm.forms");
  const f = await repo.findForm(ctx.db, ctx.actor.orgId, id);
  if (!f) throw LeadErrors.formNotFound();
  return formResponse(f);
}

export async function createForm(ctx: Ctx, body: CreateLeadFormRequest) {
  needs(ctx, "crm.forms");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    await checkFormPlacement(ctx, tx, body);
    const id = newId();
    await repo.insertForm(tx, {
      org_id: orgId,
      id,
      public_key: newPublicKey(),
      name: body.name,
      kind: body.kind,
      fields: JSON.stringify(fieldModes(body.fields)),
      default_locale: body.defaultLocale,
      thank_you_en: body.thankYouEn,
      thank_you_bn: body.thankYouBn,
      magnet_title_en: body.magnetTitleEn ?? null,
      magnet_title_bn: body.magnetTitleBn ?? null,
      magnet_description_en: body.magnetDescriptionEn ?? null,
      magnet_description_bn: body.magnetDescriptionBn ?? null,
      download_url: body.downloadUrl ?? null,
      territory_id: body.territoryId ?? null,
      owner_user_id: body.ownerUserId ?? null,
      active: body.active,
    });
    const f = await repo.findForm(tx, orgId, id);
    if (!f) throw LeadErrors.formNotFound();
    const after = formResponse(f);
    await recordAudit(tx, ctx, { entity: "lead_form", entityId: id, action: "create", after });
    return after;
  });
}

export async function updateForm(ctx: Ctx, id: string, body: UpdateLeadFormRequest) {
  needs(ctx, "crm.forms");
  const orgId = ctx.actor.orgId;
  return withTransaction(ctx.db, async (tx) => {
    const before = await repo.findForm(tx, orgId, id);
    if (!before) throw LeadErrors.formNotFound();
    await checkFormPlacement(ctx, tx, body);
    const kind = body.kind ?? before.kind;
    const downloadUrl = body.downloadUrl !== undefined ? body.downloadUrl : before.download_url;
    if (kind === "magnet" && !downloadUrl)
      throw LeadErrors.fieldRequired({ field: "download link", fieldBn: "ডাউনলোড লিংক" });
    await repo.updateForm(tx, orgId, id, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.kind !== undefined && { kind: body.kind }),
      ...(body.fields !== undefined && { fields: JSON.stringify(fieldModes({ ...before.fields, ...body.fields })) }),
      ...(body.defaultLocale !== undefined && { default_locale: body.defaultLocale }),
      ...(body.thankYouEn !== undefined && { thank_you_en: body.thankYouEn }),
      ...(body.thankYouBn !== undefined && { thank_you_bn: body.thankYouBn }),
      ...(body.magnetTitleEn !== undefined && { magnet_title_en: body.magnetTitleEn }),
      ...(body.magnetTitleBn !== undefined && { magnet_title_bn: body.magnetTitleBn }),
      ...(body.magnetDescriptionEn !== undefined && { magnet_description_en: body.magnetDescriptionEn }),
      ...(body.magnetDescriptionBn !== undefined && { magnet_description_bn: body.magnetDescriptionBn }),
      ...(body.downloadUrl !== undefined && { download_url: body.downloadUrl }),
      ...(body.territoryId !== undefined && { territory_id: body.territoryId }),
      ...(body.ownerUserId !== undefined && { owner_user_id: body.ownerUserId }),
      ...(body.active !== undefined && { active: body.active }),
    });
    const f = await repo.findForm(tx, orgId, id);
    if (!f) throw LeadErrors.formNotFound();
    const after = formResponse(f);
    await recordAudit(tx, ctx, {
      entity: "lead_form",
      entityId: id,
      action: "update",
      before: formResponse(before),
      after,
    });
    return after;
  });
}

// --- public

export function publicFormOf(f: repo.FormRow): PublicFormResponse {
  return {
    key: f.public_key,
    kind: f.kind,
    defaultLocale: f.default_locale,
    fields: fieldModes(f.fields),
    magnet:
      f.kind === "magnet"
        ? {
            titleEn: f.magnet_title_en,
            titleBn: f.magnet_title_bn,
            descriptionEn: f.magnet_description_en,
            descriptionBn: f.magnet_description_bn,
          }
        : null,
  };
}

export async function publicForm(db: Db, key: string): Promise<PublicFormResponse> {
  const f = await repo.findActiveFormByKey(db, key);
  if (!f) throw LeadErrors.formNotFound();
  return publicFormOf(f);
}

/** The language a submission is answered in: the one it says, else the form's. */
export async function submissionLocale(db: Db, key: string, asked: Locale | undefined): Promise<Locale | undefined> {
  if (asked) return asked;
  return (await repo.findActiveFormByKey(db, key))?.default_locale;
}

const EmailCheck = z.email();

const THANKS = {
  en: "Thank you! We will get in touch with you soon.",
  bn: "ধন্যবাদ! আমরা শিগগিরই আপনার সঙ্গে যোগাযোগ করব।",
};

/**
 * A visitor's submission: checked against the form's fields, stored as a lead of the form's org with its UTM
 * parameters, referrer and landing page, assigned by the rules (the form's owner and territory first).
 */
export async function submitPublicForm(
  db: Db,
  key: string,
  body: PublicSubmissionRequest,
  meta: RequestMeta & { locale?: Locale },
): Promise<{ ok: true; message: string; downloadUrl: string | null; leadId: string | null }> {
  const f = await repo.findActiveFormByKey(db, key);
  if (!f) throw LeadErrors.formNotFound();
  /** The language of the answer: the caller's, else the submission's, else the form's. */
  const locale = meta.locale ?? body.locale ?? f.default_locale;
  const thanks = (locale === "bn" ? f.thank_you_bn : f.thank_you_en) || THANKS[locale];
  const answer = { ok: true as const, message: thanks, downloadUrl: f.kind === "magnet" ? f.download_url : null };
  // The honeypot: the same answer as a success, and nothing stored.
  if (body.website?.trim()) return { ...answer, leadId: null };

  const modes = fieldModes(f.fields);
  const value = (field: (typeof LEAD_FORM_FIELDS)[number]) =>
    modes[field] === "hidden" ? null : body[field]?.trim() || null;
  for (const field of LEAD_FORM_FIELDS)
    if (modes[field] === "required" && !value(field)) {
      const w = FIELD_WORDS[field] ?? { en: field, bn: field };
      throw LeadErrors.fieldRequired({ field: w.en, fieldBn: w.bn });
    }
  const phone = value("phone");
  if (phone && !normalizeBdPhone(phone)) throw LeadErrors.badPhone();
  const email = value("email");
  if (email && (email.length > 200 || !EmailCheck.safeParse(email).success)) throw LeadErrors.badEmail();

  const ctx: Ctx = {
    ...systemCtx(db, f.org_id),
    requestId: meta.requestId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    locale,
  };
  const lead = await withTransaction(db, (tx) =>
    createLeadTx(tx, ctx, {
      name: body.name,
      phone,
      email,
      company: value("company"),
      message: value("message"),
      district: value("district"),
      locale: body.locale ?? locale,
      source: f.kind === "magnet" ? "lead_magnet" : "web_form",
      formId: f.id,
      utm: {
        source: body.utm_source,
        medium: body.utm_medium,
        campaign: body.utm_campaign,
        term: body.utm_term,
        content: body.utm_content,
      },
      referrerUrl: body.referrer,
      landingUrl: body.landing_url,
      referralCode: body.ref,
      territoryId: f.territory_id,
      ownerUserId: f.owner_user_id,
    }),
  );
  return { ...answer, leadId: lead.id };
}
