// Leads (C1): the API's questions and answers. A lead is a first contact before qualification, captured from an
// embedded web form, a lead-magnet page, the API, an import (CSV or vCard) or by hand; it is assigned by the org's
// rules, checked for duplicates (by Bangladesh phone and email) and finally converted to a contact, an account and
// possibly a deal.
//
// Routes:
//   GET    /api/v1/crm/leads                      inbox: filters status, source, owner, campaign, form, search
//   POST   /api/v1/crm/leads                      create by hand or by API (assignment rules apply when no owner)
//   GET    /api/v1/crm/leads/{id}                 one lead, with its possible duplicates counted
//   PATCH  /api/v1/crm/leads/{id}                 status, owner, territory, fields
//   GET    /api/v1/crm/leads/{id}/duplicates      open leads and contacts with the same phone or email
//   POST   /api/v1/crm/leads/{id}/merge           { mergeIds }: this lead survives, the others become merged
//   POST   /api/v1/crm/leads/{id}/convert         to account + contact (+ deal), once
//   POST   /api/v1/crm/leads/import               CSV or vCard, all rows or none
//   GET|POST /api/v1/crm/lead-forms, GET|PATCH /api/v1/crm/lead-forms/{id}
//   GET|PUT  /api/v1/crm/assignment-rules
//   GET    /api/v1/public/forms/{key}             the form as a page shows it (public)
//   POST   /api/v1/public/forms/{key}/submissions a visitor's submission (public; JSON or urlencoded)
import { z } from "zod";
import { IsoDate, LocaleSchema, PageQuery, Timestamp } from "./common.ts";

export const LEAD_SOURCES = ["web_form", "lead_magnet", "api", "import", "manual", "referral", "chat"] as const;
export const LEAD_STATUSES = ["new", "contacted", "qualified", "unqualified", "converted", "merged"] as const;
/** Statuses a person sets by hand; converted and merged come only from those operations. */
export const LEAD_SETTABLE_STATUSES = ["new", "contacted", "qualified", "unqualified"] as const;
export const LEAD_FORM_FIELDS = ["phone", "email", "company", "message", "district"] as const;
export const FIELD_MODES = ["hidden", "optional", "required"] as const;
export const ASSIGNMENT_STRATEGIES = ["round_robin", "territory"] as const;
export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;

export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadFormField = (typeof LEAD_FORM_FIELDS)[number];
export type FieldMode = (typeof FIELD_MODES)[number];

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptText = (max: number) => z.string().trim().max(max).nullable().optional();
const Email = z.email().max(200);

export const Utm = z.object({
  source: z.string().nullable(),
  medium: z.string().nullable(),
  campaign: z.string().nullable(),
  term: z.string().nullable(),
  content: z.string().nullable(),
});

export const LeadResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  /** +8801XXXXXXXXX when the phone is a Bangladesh mobile number. */
  phoneE164: z.string().nullable(),
  email: z.string().nullable(),
  locale: LocaleSchema,
  message: z.string().nullable(),
  district: z.string().nullable(),
  source: z.enum(LEAD_SOURCES),
  formId: z.uuid().nullable(),
  formName: z.string().nullable(),
  utm: Utm,
  referrerUrl: z.string().nullable(),
  landingUrl: z.string().nullable(),
  referralCode: z.string().nullable(),
  territoryId: z.uuid().nullable(),
  territoryName: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  mergedIntoId: z.uuid().nullable(),
  convertedContactId: z.uuid().nullable(),
  convertedAccountId: z.uuid().nullable(),
  convertedDealId: z.uuid().nullable(),
  convertedAt: Timestamp.nullable(),
  /** Open leads and contacts with the same phone or email. */
  duplicateCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type LeadResponse = z.infer<typeof LeadResponse>;

export const LeadListQuery = PageQuery.extend({
  status: z.enum(LEAD_STATUSES).optional(),
  /** "open": every status but converted and merged (the inbox's default view). */
  view: z.enum(["open", "all"]).default("open"),
  source: z.enum(LEAD_SOURCES).optional(),
  ownerId: z.union([z.uuid(), z.literal("none")]).optional(),
  campaign: z.string().trim().min(1).max(200).optional(),
  formId: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const LeadPage = z.object({ items: z.array(LeadResponse), nextCursor: z.string().nullable() });
export type LeadPage = z.infer<typeof LeadPage>;

const LeadFields = {
  name: Text(200),
  company: OptText(200),
  title: OptText(200),
  phone: z.string().trim().max(40).nullable().optional(),
  email: Email.nullable().optional(),
  locale: LocaleSchema.optional(),
  message: OptText(4000),
  district: OptText(100),
  territoryId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
};

export const CreateLeadRequest = z.strictObject({
  ...LeadFields,
  source: z.enum(["api", "manual"]).default("manual"),
  utmSource: OptText(200),
  utmMedium: OptText(200),
  utmCampaign: OptText(200),
  utmTerm: OptText(200),
  utmContent: OptText(200),
  referralCode: OptText(100),
});
export type CreateLeadRequest = z.infer<typeof CreateLeadRequest>;

export const UpdateLeadRequest = z.strictObject({
  ...LeadFields,
  name: Text(200).optional(),
  status: z.enum(LEAD_SETTABLE_STATUSES).optional(),
});
export type UpdateLeadRequest = z.infer<typeof UpdateLeadRequest>;

export const DuplicateResponse = z.object({
  items: z.array(
    z.object({
      type: z.enum(["lead", "contact"]),
      id: z.uuid(),
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      company: z.string().nullable(),
      status: z.string().nullable(),
      /** What matched: the phone, the email or both. */
      matchedOn: z.array(z.enum(["phone", "email"])),
      createdAt: Timestamp,
    }),
  ),
});

export type DuplicateResponse = z.infer<typeof DuplicateResponse>;

export const MergeLeadsRequest = z.strictObject({
  mergeIds: z
    .array(z.uuid())
    .min(1)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: "A lead is named twice|একটি লিড দুবার আছে" }),
});

export const ConvertLeadRequest = z.strictObject({
  account: z.union([
    z.strictObject({ id: z.uuid() }),
    z.strictObject({ name: Text(200), industry: OptText(100), website: OptText(300), address: OptText(500) }),
  ]),
  contact: z.union([z.strictObject({ id: z.uuid() }), z.strictObject({ create: z.literal(true) })]),
  deal: z
    .strictObject({
      name: Text(200),
      amountPoisha: z.number().int().min(0).max(100_000_000_000_000),
      expectedClose: IsoDate.optional(),
      pipelineId: z.uuid().optional(),
    })
    .nullable(),
});
export type ConvertLeadRequest = z.infer<typeof ConvertLeadRequest>;

export const ConvertLeadResponse = z.object({
  lead: LeadResponse,
  accountId: z.uuid(),
  contactId: z.uuid(),
  dealId: z.uuid().nullable(),
});
export type ConvertLeadResponse = z.infer<typeof ConvertLeadResponse>;

export const LeadImportRequest = z.strictObject({
  format: z.enum(["csv", "vcard"]),
  /** The file's text (CSV with a header row: name,phone,email,company,title,message,district,utm_campaign,...). */
  text: z.string().min(1).max(5_000_000),
});

export const LeadImportResult = z.object({ imported: z.number().int(), ids: z.array(z.uuid()) });
export type LeadImportResult = z.infer<typeof LeadImportResult>;

// --- forms

const FieldModes = z.strictObject(
  Object.fromEntries(LEAD_FORM_FIELDS.map((f) => [f, z.enum(FIELD_MODES).optional()])) as Record<
    LeadFormField,
    z.ZodOptional<z.ZodEnum<{ hidden: "hidden"; optional: "optional"; required: "required" }>>
  >,
);

const HttpUrl = z.url({ protocol: /^https?$/ }).max(2000);

const LeadFormFields = {
  name: Text(200),
  kind: z.enum(["form", "magnet"]).default("form"),
  fields: FieldModes.default({ phone: "required", email: "optional" }),
  defaultLocale: LocaleSchema.default("bn"),
  thankYouEn: z.string().trim().max(1000).default(""),
  thankYouBn: z.string().trim().max(1000).default(""),
  magnetTitleEn: OptText(200),
  magnetTitleBn: OptText(200),
  magnetDescriptionEn: OptText(2000),
  magnetDescriptionBn: OptText(2000),
  downloadUrl: HttpUrl.nullable().optional(),
  territoryId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  active: z.boolean().default(true),
};

export const CreateLeadFormRequest = z.strictObject(LeadFormFields).refine((f) => f.kind === "form" || f.downloadUrl, {
  message: "A lead magnet needs its download link|লিড ম্যাগনেটে ডাউনলোড লিংক লাগবে",
  path: ["downloadUrl"],
});
export type CreateLeadFormRequest = z.infer<typeof CreateLeadFormRequest>;

export const UpdateLeadFormRequest = z.strictObject({
  name: Text(200).optional(),
  kind: z.enum(["form", "magnet"]).optional(),
  fields: FieldModes.optional(),
  defaultLocale: LocaleSchema.optional(),
  thankYouEn: z.string().trim().max(1000).optional(),
  thankYouBn: z.string().trim().max(1000).optional(),
  magnetTitleEn: OptText(200),
  magnetTitleBn: OptText(200),
  magnetDescriptionEn: OptText(2000),
  magnetDescriptionBn: OptText(2000),
  downloadUrl: HttpUrl.nullable().optional(),
  territoryId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateLeadFormRequest = z.infer<typeof UpdateLeadFormRequest>;

export const LeadFormResponse = z.object({
  id: z.uuid(),
  publicKey: z.string(),
  name: z.string(),
  kind: z.enum(["form", "magnet"]),
  fields: z.record(z.string(), z.enum(FIELD_MODES)),
  defaultLocale: LocaleSchema,
  thankYouEn: z.string(),
  thankYouBn: z.string(),
  magnetTitleEn: z.string().nullable(),
  magnetTitleBn: z.string().nullable(),
  magnetDescriptionEn: z.string().nullable(),
  magnetDescriptionBn: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  territoryId: z.uuid().nullable(),
  ownerUserId: z.uuid().nullable(),
  active: z.boolean(),
  leadCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type LeadFormResponse = z.infer<typeof LeadFormResponse>;
export const LeadFormList = z.object({ items: z.array(LeadFormResponse) });
export type LeadFormList = z.infer<typeof LeadFormList>;

/** What a public page needs to draw the form: no ids, owners or territories. */
export const PublicFormResponse = z.object({
  key: z.string(),
  kind: z.enum(["form", "magnet"]),
  defaultLocale: LocaleSchema,
  fields: z.record(z.string(), z.enum(FIELD_MODES)),
  magnet: z
    .object({
      titleEn: z.string().nullable(),
      titleBn: z.string().nullable(),
      descriptionEn: z.string().nullable(),
      descriptionBn: z.string().nullable(),
    })
    .nullable(),
});
export type PublicFormResponse = z.infer<typeof PublicFormResponse>;

export const FormKeyParams = z.strictObject({ key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

/** A visitor's submission: plain strings (a plain HTML form posts those), checked against the form's fields. */
export const PublicSubmissionRequest = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(200).optional(),
  company: z.string().trim().max(200).optional(),
  message: z.string().trim().max(4000).optional(),
  district: z.string().trim().max(100).optional(),
  /** The honeypot: people never see it, robots fill it. */
  website: z.string().max(2000).optional(),
  locale: LocaleSchema.optional(),
  utm_source: z.string().trim().max(200).optional(),
  utm_medium: z.string().trim().max(200).optional(),
  utm_campaign: z.string().trim().max(200).optional(),
  utm_term: z.string().trim().max(200).optional(),
  utm_content: z.string().trim().max(200).optional(),
  referrer: z.string().trim().max(2000).optional(),
  landing_url: z.string().trim().max(2000).optional(),
  ref: z.string().trim().max(100).optional(),
});
export type PublicSubmissionRequest = z.infer<typeof PublicSubmissionRequest>;

export const PublicSubmissionResponse = z.object({
  ok: z.literal(true),
  /** The form's thank-you text in the submission's language. */
  message: z.string(),
  /** A lead magnet's download link. */
  downloadUrl: z.string().nullable(),
});
export type PublicSubmissionResponse = z.infer<typeof PublicSubmissionResponse>;

// --- assignment rules

export const AssignmentRule = z.strictObject({
  id: z.uuid().optional(),
  name: Text(200),
  matchSource: z.enum(LEAD_SOURCES).nullable().optional(),
  matchFormId: z.uuid().nullable().optional(),
  matchUtmCampaign: OptText(200),
  matchTerritoryId: z.uuid().nullable().optional(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES),
  userIds: z.array(z.uuid()).max(100).default([]),
  active: z.boolean().default(true),
});

export const PutAssignmentRulesRequest = z.strictObject({
  rules: z
    .array(AssignmentRule)
    .max(100)
    .refine((rules) => rules.every((r) => r.strategy === "territory" || r.userIds.length > 0), {
      message: "A round-robin rule needs at least one person|রাউন্ড-রবিন নিয়মে অন্তত একজন লাগবে",
    }),
});
export type PutAssignmentRulesRequest = z.infer<typeof PutAssignmentRulesRequest>;

export const AssignmentRuleResponse = z.object({
  id: z.uuid(),
  position: z.number().int(),
  name: z.string(),
  matchSource: z.enum(LEAD_SOURCES).nullable(),
  matchFormId: z.uuid().nullable(),
  matchUtmCampaign: z.string().nullable(),
  matchTerritoryId: z.uuid().nullable(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES),
  userIds: z.array(z.uuid()),
  active: z.boolean(),
  assignedCount: z.number().int(),
});
export type AssignmentRuleResponse = z.infer<typeof AssignmentRuleResponse>;
export const AssignmentRuleList = z.object({ items: z.array(AssignmentRuleResponse) });
export type AssignmentRuleList = z.infer<typeof AssignmentRuleList>;
