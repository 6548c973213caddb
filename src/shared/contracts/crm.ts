// CRM records (C2): accounts (companies, and outlets and distributors seen as accounts), contacts (people), the
// org's custom fields on them, filters and saved segments over the lists, and one timeline per record.
import { z } from "zod";
import { LocaleSchema, Page, PageQuery, Timestamp } from "./common.ts";

export const CRM_ENTITIES = ["contact", "account", "lead", "deal"] as const;
export const CrmEntity = z.enum(CRM_ENTITIES);
export type CrmEntity = z.infer<typeof CrmEntity>;

export const ACCOUNT_KINDS = ["company", "outlet", "distributor"] as const;
export const AccountKind = z.enum(ACCOUNT_KINDS);
export type AccountKind = z.infer<typeof AccountKind>;

// --- custom fields

export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "choice"] as const;
export const CustomFieldType = z.enum(CUSTOM_FIELD_TYPES);
export type CustomFieldType = z.infer<typeof CustomFieldType>;

/** A field's key as stored in the record's `custom` object: lower-case letters, digits and underscores. */
export const CustomFieldKey = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    "A key has lower-case letters, digits and _ (up to 40), starting with a letter|কী-তে ছোট হাতের ইংরেজি অক্ষর, অঙ্ক ও _ থাকে (৪০টি পর্যন্ত), শুরুতে অক্ষর",
  );

export const CustomFieldOption = z.strictObject({
  key: CustomFieldKey,
  labelEn: z.string().trim().min(1).max(80),
  labelBn: z.string().trim().min(1).max(80),
});
export type CustomFieldOption = z.infer<typeof CustomFieldOption>;

/** One value of a custom field: text and choice keys as strings, dates as YYYY-MM-DD, numbers; null clears it. */
export const CustomValue = z.union([z.string().max(2000), z.number().finite(), z.null()]);
export const CustomValues = z
  .record(z.string().max(40), CustomValue)
  .refine((v) => Object.keys(v).length <= 100, { message: "At most 100 custom fields|সর্বোচ্চ ১০০টি কাস্টম ফিল্ড" });
export type CustomValues = z.infer<typeof CustomValues>;

export const CreateCustomFieldRequest = z.strictObject({
  entity: CrmEntity,
  key: CustomFieldKey,
  labelEn: z.string().trim().min(1).max(80),
  labelBn: z.string().trim().min(1).max(80),
  type: CustomFieldType,
  options: z.array(CustomFieldOption).max(100).default([]),
  required: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateCustomFieldRequest = z.infer<typeof CreateCustomFieldRequest>;

/** The key, entity and type stay: stored values and saved filters depend on them. */
export const UpdateCustomFieldRequest = z.strictObject({
  labelEn: z.string().trim().min(1).max(80).optional(),
  labelBn: z.string().trim().min(1).max(80).optional(),
  options: z.array(CustomFieldOption).max(100).optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  archived: z.boolean().optional(),
});
export type UpdateCustomFieldRequest = z.infer<typeof UpdateCustomFieldRequest>;

export const CustomFieldResponse = z.object({
  id: z.uuid(),
  entity: CrmEntity,
  key: z.string(),
  labelEn: z.string(),
  labelBn: z.string(),
  type: CustomFieldType,
  options: z.array(CustomFieldOption),
  required: z.boolean(),
  position: z.number().int(),
  archivedAt: Timestamp.nullable(),
});
export type CustomFieldResponse = z.infer<typeof CustomFieldResponse>;

export const CustomFieldQuery = z.strictObject({
  entity: CrmEntity.optional(),
  includeArchived: z.enum(["true", "false"]).default("false"),
});
export const CustomFieldsResponse = z.object({ items: z.array(CustomFieldResponse) });

// --- filters

export const FILTER_OPS = ["eq", "neq", "contains", "gt", "gte", "lt", "lte", "between", "in", "is_empty"] as const;
export const FilterOp = z.enum(FILTER_OPS);
export type FilterOp = z.infer<typeof FilterOp>;

const Scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
export const FilterCondition = z.strictObject({
  /** A built-in field (territory, owner, kind, source, created_at, account, name, industry) or custom.<key>. */
  field: z.string().min(1).max(80),
  op: FilterOp,
  /** A scalar; [from, to] for between; a list for in; true/false (default true) for is_empty. */
  value: z.union([Scalar, z.array(Scalar).max(200), z.null()]).optional(),
});
export type FilterCondition = z.infer<typeof FilterCondition>;

export const CrmFilter = z.strictObject({ all: z.array(FilterCondition).max(30) });
export type CrmFilter = z.infer<typeof CrmFilter>;

const FILTER_JSON_MESSAGE = "The filter is not valid JSON|ফিল্টারটি সঠিক JSON নয়";

/** A filter in a query string: the JSON of CrmFilter. */
export const FilterParam = z
  .string()
  .max(8000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: FILTER_JSON_MESSAGE });
      return z.NEVER;
    }
  })
  .pipe(CrmFilter);

// --- accounts

const Name = z.string().trim().min(1).max(200);
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .optional();
const Email = z
  .union([z.literal(""), z.email().max(200)])
  .transform((s) => (s === "" ? null : s.toLowerCase()))
  .nullable()
  .optional();

export const CreateAccountRequest = z.strictObject({
  name: Name,
  industry: Text(100),
  phone: Text(40),
  email: Email,
  website: Text(300),
  address: Text(500),
  territoryId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  custom: CustomValues.optional(),
});
export type CreateAccountRequest = z.input<typeof CreateAccountRequest>;
export type NewAccountInput = z.output<typeof CreateAccountRequest>;

export const UpdateAccountRequest = CreateAccountRequest.partial();
export type UpdateAccountRequest = z.output<typeof UpdateAccountRequest>;

export const AccountResponse = z.object({
  id: z.uuid(),
  kind: AccountKind,
  name: z.string(),
  outletId: z.uuid().nullable(),
  distributorId: z.uuid().nullable(),
  territoryId: z.uuid().nullable(),
  territoryName: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  industry: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  address: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  contactCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  archivedAt: Timestamp.nullable(),
});
export type AccountResponse = z.infer<typeof AccountResponse>;

export const AccountListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  kind: AccountKind.optional(),
  status: z.enum(["active", "archived", "all"]).default("active"),
  filter: FilterParam.optional(),
  segmentId: z.uuid().optional(),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;
export const AccountListResponse = Page(AccountResponse).extend({ total: z.number().int() });
export type AccountListResponse = z.infer<typeof AccountListResponse>;

/** Outlets and distributors in the caller's scope, with their account when one was opened already. */
export const NetworkAccountQuery = PageQuery.extend({
  kind: z.enum(["outlet", "distributor"]),
  q: z.string().trim().max(120).optional(),
});
export const NetworkAccountItem = z.object({
  kind: z.enum(["outlet", "distributor"]),
  networkId: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  phone: z.string().nullable(),
  accountId: z.uuid().nullable(),
});
export const NetworkAccountListResponse = Page(NetworkAccountItem);
export type NetworkAccountItem = z.infer<typeof NetworkAccountItem>;

/** What the network knows about an outlet or distributor behind an account (shown on its page). */
export const NetworkFacts = z.object({
  kind: z.enum(["outlet", "distributor"]),
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  ownerName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  channel: z.string().nullable(),
  class: z.string().nullable(),
  status: z.string(),
  distributorName: z.string().nullable(),
  routeName: z.string().nullable(),
  creditLimitPoisha: z.number().int().nullable(),
});
export type NetworkFacts = z.infer<typeof NetworkFacts>;

export const AccountDetailResponse = AccountResponse.extend({ network: NetworkFacts.nullable() });
export type AccountDetailResponse = z.infer<typeof AccountDetailResponse>;

// --- contacts

export const CreateContactRequest = z.strictObject({
  name: Name,
  accountId: z.uuid().nullable().optional(),
  title: Text(120),
  phone: Text(40),
  email: Email,
  locale: LocaleSchema.default("bn"),
  territoryId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  source: Text(60),
  custom: CustomValues.optional(),
  /** Create it even when a contact with the same phone or email exists (otherwise 409 names that one). */
  allowDuplicate: z.boolean().default(false),
});
export type CreateContactRequest = z.input<typeof CreateContactRequest>;
export type NewContactInput = z.output<typeof CreateContactRequest>;

export const UpdateContactRequest = CreateContactRequest.omit({ locale: true, allowDuplicate: true })
  .partial()
  .extend({ locale: LocaleSchema.optional(), allowDuplicate: z.boolean().default(false) });
export type UpdateContactRequest = z.output<typeof UpdateContactRequest>;

export const ContactResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  accountId: z.uuid().nullable(),
  accountName: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  phoneE164: z.string().nullable(),
  email: z.string().nullable(),
  locale: LocaleSchema,
  territoryId: z.uuid().nullable(),
  territoryName: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  source: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  archivedAt: Timestamp.nullable(),
});
export type ContactResponse = z.infer<typeof ContactResponse>;

export const ContactListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  accountId: z.uuid().optional(),
  status: z.enum(["active", "archived", "all"]).default("active"),
  filter: FilterParam.optional(),
  segmentId: z.uuid().optional(),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;
export const ContactListResponse = Page(ContactResponse).extend({ total: z.number().int() });
export type ContactListResponse = z.infer<typeof ContactListResponse>;

// --- segments

export const SEGMENT_ENTITIES = ["contact", "account"] as const;
export const SegmentEntity = z.enum(SEGMENT_ENTITIES);

export const CreateSegmentRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  entity: SegmentEntity,
  filter: CrmFilter,
  shared: z.boolean().default(false),
});
export type CreateSegmentRequest = z.input<typeof CreateSegmentRequest>;
export const UpdateSegmentRequest = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  filter: CrmFilter.optional(),
  shared: z.boolean().optional(),
});
export type UpdateSegmentRequest = z.infer<typeof UpdateSegmentRequest>;

export const SegmentResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  entity: SegmentEntity,
  filter: CrmFilter,
  shared: z.boolean(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SegmentResponse = z.infer<typeof SegmentResponse>;
export const SegmentListQuery = z.strictObject({ entity: SegmentEntity.optional() });
export const SegmentListResponse = z.object({ items: z.array(SegmentResponse) });

export const SegmentMember = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  locale: LocaleSchema.nullable(),
});
export type SegmentMember = z.infer<typeof SegmentMember>;
export const SegmentMembersResponse = Page(SegmentMember).extend({ total: z.number().int() });
export type SegmentMembersResponse = z.infer<typeof SegmentMembersResponse>;

// --- timeline

export const TIMELINE_TYPES = ["contact", "account", "lead", "deal"] as const;
export const TimelineQuery = z.strictObject({
  type: z.enum(TIMELINE_TYPES),
  id: z.uuid(),
  /** Items strictly before this instant (the `at` of the last item of the previous page). */
  before: Timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const TimelineItemResponse = z.object({
  at: Timestamp,
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  link: z.object({ type: z.string(), id: z.string() }).nullable(),
  actorName: z.string().nullable(),
});
export const TimelineResponse = z.object({
  items: z.array(TimelineItemResponse),
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: Timestamp.nullable(),
});
export type TimelineResponse = z.infer<typeof TimelineResponse>;
export type TimelineItemResponse = z.infer<typeof TimelineItemResponse>;
