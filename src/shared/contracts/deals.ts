// The sales path (C3): pipelines of ordered stages (each with a probability and a playbook: the channel and message
// to use at that stage, templates and content to send, a checklist), deals moving through them with every move kept,
// the board, lost reasons and the weighted forecast. Money is integer poisha; probabilities are basis points.
//
// Routes (under /api/v1/crm):
//   GET  /pipelines                  the org's pipelines with their stages (a default one is made on first use)
//   POST /pipelines                  add one (crm.manage)
//   PUT  /pipelines/{id}             rename, reorder, add, change or remove stages (crm.manage)
//   GET  /lost-reasons               the reasons a deal may be lost for
//   PUT  /lost-reasons               set them (crm.manage)
//   GET  /deals                      list with filters and sort
//   POST /deals                      add one (default pipeline, its first stage)
//   GET  /deals/board?pipelineId=    columns of the pipeline's stages with their cards and totals
//   GET  /deals/{id}                 one deal with its stage history (time in each stage) and the stage playbook
//   PATCH /deals/{id}                change its fields
//   POST /deals/{id}/move            to another stage (and/or place in the column), naming the version seen
//   GET  /forecast                   weighted forecast by expected-close month and by owner, with won amounts
import { z } from "zod";
import { IsoDate, Timestamp } from "./common.ts";

export const STAGE_KINDS = ["open", "won", "lost", "after_sale"] as const;
export const StageKind = z.enum(STAGE_KINDS);
export type StageKind = z.infer<typeof StageKind>;

export const DEAL_STATUSES = ["open", "won", "lost"] as const;
export const DealStatus = z.enum(DEAL_STATUSES);
export type DealStatus = z.infer<typeof DealStatus>;

export const PLAYBOOK_CHANNELS = ["call", "visit", "meeting", "email", "sms", "whatsapp"] as const;
export const PlaybookChannel = z.enum(PLAYBOOK_CHANNELS);
export type PlaybookChannel = z.infer<typeof PlaybookChannel>;

/** The largest amount a deal takes (10^14 poisha: a trillion taka). */
export const MAX_DEAL_POISHA = 100_000_000_000_000;
const Poisha = z.number().int().min(0).max(MAX_DEAL_POISHA);
const Text = (max: number) => z.string().trim().max(max);
const Name = Text(120).min(1);
/** Values of the org's custom fields for deals, by field key (the CRM custom-field definitions validate them). */
const CustomValues = z
  .record(z.string().max(40), z.union([z.string().max(2000), z.number().finite(), z.null()]))
  .refine((v) => Object.keys(v).length <= 100, { message: "At most 100 custom fields|সর্বোচ্চ ১০০টি কাস্টম ফিল্ড" });

export const PlaybookLink = z.strictObject({
  title: Text(200).min(1),
  url: z.url({ protocol: /^https?$/ }).max(2000),
});
export type PlaybookLink = z.infer<typeof PlaybookLink>;

export const ChecklistItem = z.strictObject({ text: Text(300).min(1), textBn: Text(300).min(1) });

export const Playbook = z.strictObject({
  channel: PlaybookChannel.nullable().default(null),
  message: Text(4000).default(""),
  messageBn: Text(4000).default(""),
  templates: z.array(PlaybookLink).max(20).default([]),
  content: z.array(PlaybookLink).max(20).default([]),
  checklist: z.array(ChecklistItem).max(30).default([]),
});
export type Playbook = z.infer<typeof Playbook>;

export const StageInput = z.strictObject({
  /** A stage kept from before; a new one has none. */
  id: z.uuid().optional(),
  name: Name,
  nameBn: Name,
  kind: StageKind,
  probabilityBp: z.number().int().min(0).max(10_000),
  stuckAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
  playbook: Playbook.default({
    channel: null,
    message: "",
    messageBn: "",
    templates: [],
    content: [],
    checklist: [],
  }),
});
export type StageInput = z.infer<typeof StageInput>;

export const PipelineRequest = z.strictObject({
  name: Name,
  nameBn: Name,
  isDefault: z.boolean().default(false),
  stages: z
    .array(StageInput)
    .min(3)
    .max(20)
    .refine((ss) => new Set(ss.flatMap((s) => (s.id ? [s.id] : []))).size === ss.filter((s) => s.id).length, {
      message: "A stage is listed twice|একটি ধাপ দুবার আছে",
    }),
});
export type PipelineRequest = z.infer<typeof PipelineRequest>;

export const StageResponse = z.object({
  id: z.uuid(),
  position: z.number().int(),
  name: z.string(),
  nameBn: z.string(),
  kind: StageKind,
  probabilityBp: z.number().int(),
  stuckAfterDays: z.number().int().nullable(),
  playbook: Playbook,
});
export type StageResponse = z.infer<typeof StageResponse>;

export const PipelineResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  isDefault: z.boolean(),
  stages: z.array(StageResponse),
});
export type PipelineResponse = z.infer<typeof PipelineResponse>;

export const PipelinesResponse = z.object({ items: z.array(PipelineResponse) });
export type PipelinesResponse = z.infer<typeof PipelinesResponse>;

export const LostReason = z.object({ id: z.uuid(), label: z.string(), labelBn: z.string() });
export type LostReason = z.infer<typeof LostReason>;
export const LostReasonsResponse = z.object({ items: z.array(LostReason) });
export type LostReasonsResponse = z.infer<typeof LostReasonsResponse>;
export const SetLostReasonsRequest = z.strictObject({
  items: z
    .array(z.strictObject({ id: z.uuid().optional(), label: Name, labelBn: Name }))
    .min(1)
    .max(50),
});
export type SetLostReasonsRequest = z.infer<typeof SetLostReasonsRequest>;

// --- deals

export const CreateDealRequest = z.strictObject({
  name: Text(200).min(1),
  accountId: z.uuid(),
  contactId: z.uuid().optional(),
  leadId: z.uuid().optional(),
  /** Default: the caller. */
  ownerUserId: z.uuid().optional(),
  /** Default: the account's territory. */
  territoryId: z.uuid().optional(),
  amountPoisha: Poisha,
  expectedClose: IsoDate.optional(),
  /** Default: the org's default pipeline. */
  pipelineId: z.uuid().optional(),
  /** Default: the pipeline's first stage. */
  stageId: z.uuid().optional(),
  custom: CustomValues.optional(),
});
export type CreateDealRequest = z.infer<typeof CreateDealRequest>;

export const UpdateDealRequest = z.strictObject({
  name: Text(200).min(1).optional(),
  contactId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().optional(),
  territoryId: z.uuid().nullable().optional(),
  amountPoisha: Poisha.optional(),
  expectedClose: IsoDate.nullable().optional(),
  custom: CustomValues.optional(),
});
export type UpdateDealRequest = z.infer<typeof UpdateDealRequest>;

export const MoveDealRequest = z.strictObject({
  stageId: z.uuid(),
  /** The version of the deal the mover saw: a deal changed since is refused (409), not overwritten. */
  version: z.number().int().min(1),
  /** Place in the destination column, 0 = top; default: the bottom. */
  index: z.number().int().min(0).max(100_000).optional(),
  /** Required when the stage is a lost one. */
  lostReasonId: z.uuid().optional(),
  note: Text(1000).optional(),
});
export type MoveDealRequest = z.infer<typeof MoveDealRequest>;

export const DealResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  accountId: z.uuid(),
  accountName: z.string(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  leadId: z.uuid().nullable(),
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  stageName: z.string(),
  stageNameBn: z.string(),
  stageKind: StageKind,
  probabilityBp: z.number().int(),
  status: DealStatus,
  lostReasonId: z.uuid().nullable(),
  lostReasonLabel: z.string().nullable(),
  lostReasonLabelBn: z.string().nullable(),
  lostNote: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  territoryId: z.uuid().nullable(),
  territoryName: z.string().nullable(),
  amountPoisha: z.number().int(),
  weightedPoisha: z.number().int(),
  expectedClose: IsoDate.nullable(),
  boardPosition: z.number(),
  stageEnteredAt: Timestamp,
  closedAt: Timestamp.nullable(),
  version: z.number().int(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type DealResponse = z.infer<typeof DealResponse>;

export const StageVisit = z.object({
  id: z.uuid(),
  fromStageId: z.uuid().nullable(),
  stageId: z.uuid(),
  stageName: z.string(),
  stageNameBn: z.string(),
  actorName: z.string().nullable(),
  enteredAt: Timestamp,
  /** Null while the deal is still in it. */
  leftAt: Timestamp.nullable(),
  seconds: z.number().int(),
  lostReasonLabel: z.string().nullable(),
  lostReasonLabelBn: z.string().nullable(),
  note: z.string().nullable(),
});
export type StageVisit = z.infer<typeof StageVisit>;

export const DealDetailResponse = DealResponse.extend({
  pipeline: PipelineResponse,
  history: z.array(StageVisit),
  /** Seconds spent in each stage over all visits, by stage id. */
  secondsByStage: z.record(z.string(), z.number().int()),
});
export type DealDetailResponse = z.infer<typeof DealDetailResponse>;

export const DEAL_SORTS = ["updated", "amount", "expected_close", "name", "created", "stage"] as const;

export const DealQuery = z.strictObject({
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  status: DealStatus.optional(),
  ownerUserId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  q: Text(100).optional(),
  closingFrom: IsoDate.optional(),
  closingTo: IsoDate.optional(),
  sort: z.enum(DEAL_SORTS).default("updated"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DealQuery = z.infer<typeof DealQuery>;

export const DealsResponse = z.object({ items: z.array(DealResponse), nextCursor: z.string().nullable() });
export type DealsResponse = z.infer<typeof DealsResponse>;

export const BoardQuery = z.strictObject({
  pipelineId: z.uuid().optional(),
  ownerUserId: z.uuid().optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const BoardColumn = z.object({
  stage: StageResponse,
  count: z.number().int(),
  totalPoisha: z.number().int(),
  weightedPoisha: z.number().int(),
  deals: z.array(DealResponse),
});
export type BoardColumn = z.infer<typeof BoardColumn>;

export const BoardResponse = z.object({
  pipeline: PipelineResponse,
  columns: z.array(BoardColumn),
  lostReasons: z.array(LostReason),
});
export type BoardResponse = z.infer<typeof BoardResponse>;

// --- forecast

export const ForecastQuery = z.strictObject({
  pipelineId: z.uuid().optional(),
  /** First month shown, YYYY-MM; default: this month. */
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month is YYYY-MM|মাস লিখুন YYYY-MM আকারে")
    .optional(),
  /** Number of months from `from`. */
  months: z.coerce.number().int().min(1).max(24).default(6),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastFigures = z.object({
  openCount: z.number().int(),
  openPoisha: z.number().int(),
  weightedPoisha: z.number().int(),
  wonCount: z.number().int(),
  wonPoisha: z.number().int(),
});
export type ForecastFigures = z.infer<typeof ForecastFigures>;

export const ForecastResponse = z.object({
  from: z.string(),
  months: z.array(ForecastFigures.extend({ month: z.string() })),
  /** Open deals with no expected close, or one before the first month shown. */
  undated: ForecastFigures,
  owners: z.array(ForecastFigures.extend({ ownerUserId: z.uuid().nullable(), ownerName: z.string().nullable() })),
  total: ForecastFigures,
});
export type ForecastResponse = z.infer<typeof ForecastResponse>;
