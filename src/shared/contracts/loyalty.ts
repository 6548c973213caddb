// Loyalty and feedback (C7): the API's questions and answers.
//
// Points: whole points per ৳100 of delivered value (pointsPer100Taka), times the member's tier multiplier (basis
// points, 10000 = x1). A member's balance is the sum of their ledger; points expire expiryMonths after the day they
// were earned, oldest first.
//
// Routes (under /api/v1):
//   GET/POST /loyalty/programs, PUT /loyalty/programs/{id}            programs with their tiers
//   GET /loyalty/members, POST /loyalty/members, GET /loyalty/members/{id}
//   GET /loyalty/members/{id}/statement(.csv)?from=&to=               opening, movements, closing, tier, expiring soon
//   POST /loyalty/members/{id}/adjustments                            a manual movement
//   POST /loyalty/members/{id}/redemptions                            redeem a reward (retailer: own outlet)
//   GET /loyalty/redemptions, POST /loyalty/redemptions/{id}/fulfil|cancel
//   GET/POST /loyalty/rewards, PUT /loyalty/rewards/{id}
//   POST /loyalty/earn-runs                                           post points for deliveries and returns now
//   GET /loyalty/referrals                                            code -> leads -> converted
//   GET/POST /surveys, PUT /surveys/{id}, POST/GET /surveys/{id}/invitations, GET /surveys/{id}/results
//   GET/POST /public/surveys/{token}                                  the public answer page (once)
import { z } from "zod";
import { IsoDate, Timestamp } from "./common.ts";

export const OUTLET_CHANNELS = [
  "grocery",
  "pharmacy",
  "confectionery",
  "wholesale",
  "cosmetics",
  "horeca",
  "other",
] as const;
export const OUTLET_CLASSES = ["A", "B", "C"] as const;
export const LEDGER_KINDS = ["earn", "redeem", "expire", "reverse", "adjust"] as const;
export const LEDGER_SOURCES = ["order", "return", "redemption", "manual", "expiry", "referral"] as const;
export const REDEMPTION_STATUSES = ["pending", "fulfilled", "cancelled"] as const;
export const SURVEY_KINDS = ["nps", "csat"] as const;
export const SURVEY_TRIGGERS = ["delivery", "ticket", "manual"] as const;
export const SURVEY_SEGMENTS = ["channel", "outlet_class", "territory", "account_kind", "ticket_type"] as const;

export type LedgerKind = (typeof LEDGER_KINDS)[number];
export type SurveySegment = (typeof SURVEY_SEGMENTS)[number];

const name = z.string().trim().min(1).max(200);

export const TierInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  nameBn: z.string().trim().min(1).max(100),
  thresholdPoints: z.number().int().min(0).max(1_000_000_000),
  multiplierBp: z.number().int().min(1).max(100_000),
});

export const ProgramRequest = z.strictObject({
  name,
  nameBn: name,
  pointsPer100Taka: z.number().int().min(1).max(100_000),
  outletChannels: z.array(z.enum(OUTLET_CHANNELS)).max(OUTLET_CHANNELS.length).default([]),
  outletClasses: z.array(z.enum(OUTLET_CLASSES)).max(OUTLET_CLASSES.length).default([]),
  includeCompanies: z.boolean().default(false),
  expiryMonths: z.number().int().min(1).max(120).nullable().default(null),
  referralBonusPoints: z.number().int().min(0).max(1_000_000).default(0),
  active: z.boolean().default(true),
  tiers: z.array(TierInput).max(10).default([]),
});
export type ProgramRequest = z.infer<typeof ProgramRequest>;

export const Tier = TierInput.extend({ id: z.uuid() });
export const ProgramResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  pointsPer100Taka: z.number().int(),
  outletChannels: z.array(z.string()),
  outletClasses: z.array(z.string()),
  includeCompanies: z.boolean(),
  expiryMonths: z.number().int().nullable(),
  referralBonusPoints: z.number().int(),
  active: z.boolean(),
  tiers: z.array(Tier),
  memberCount: z.number().int(),
});
export type ProgramResponse = z.infer<typeof ProgramResponse>;
export const ProgramsResponse = z.object({ items: z.array(ProgramResponse) });
export type ProgramsResponse = z.infer<typeof ProgramsResponse>;

export const MemberQuery = z.strictObject({
  programId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MemberQuery = z.infer<typeof MemberQuery>;

export const EnrolRequest = z.strictObject({ programId: z.uuid(), accountId: z.uuid() });

export const TierRef = z.object({ id: z.uuid(), name: z.string(), nameBn: z.string(), multiplierBp: z.number().int() });

export const MemberResponse = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  programName: z.string(),
  programNameBn: z.string(),
  accountId: z.uuid(),
  accountName: z.string(),
  accountKind: z.string(),
  outletId: z.uuid().nullable(),
  referralCode: z.string(),
  joinedAt: Timestamp,
  balance: z.number().int(),
  tier: TierRef.nullable(),
  earnedLast12Months: z.number().int(),
});
export type MemberResponse = z.infer<typeof MemberResponse>;
export const MembersResponse = z.object({ items: z.array(MemberResponse), nextCursor: z.string().nullable() });
export type MembersResponse = z.infer<typeof MembersResponse>;

export const StatementQuery = z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional() });

export const Movement = z.object({
  id: z.uuid(),
  kind: z.enum(LEDGER_KINDS),
  points: z.number().int(),
  sourceType: z.enum(LEDGER_SOURCES),
  sourceId: z.uuid().nullable(),
  entryDate: IsoDate,
  expiresOn: IsoDate.nullable(),
  valuePoisha: z.number().int().nullable(),
  note: z.string().nullable(),
  balanceAfter: z.number().int(),
});
export type Movement = z.infer<typeof Movement>;

export const StatementResponse = z.object({
  member: MemberResponse,
  from: IsoDate,
  to: IsoDate,
  opening: z.number().int(),
  movements: z.array(Movement),
  closing: z.number().int(),
  expiringSoon: z.object({ points: z.number().int(), until: IsoDate, firstDate: IsoDate.nullable() }),
});
export type StatementResponse = z.infer<typeof StatementResponse>;

export const AdjustRequest = z.strictObject({
  points: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((p) => p !== 0, { message: "Give a number of points other than 0|০ ছাড়া অন্য পয়েন্ট দিন" }),
  note: z.string().trim().min(1).max(500),
});

export const RewardRequest = z.strictObject({
  programId: z.uuid(),
  name,
  nameBn: name,
  pointsCost: z.number().int().min(1).max(100_000_000),
  stock: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
  active: z.boolean().default(true),
});
export type RewardRequest = z.infer<typeof RewardRequest>;
export const RewardResponse = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  pointsCost: z.number().int(),
  stock: z.number().int().nullable(),
  active: z.boolean(),
});
export type RewardResponse = z.infer<typeof RewardResponse>;
export const RewardQuery = z.strictObject({ programId: z.uuid().optional() });
export const RewardsResponse = z.object({ items: z.array(RewardResponse) });
export type RewardsResponse = z.infer<typeof RewardsResponse>;

export const RedeemRequest = z.strictObject({ rewardId: z.uuid(), note: z.string().trim().max(500).optional() });
export const RedemptionResponse = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  accountName: z.string(),
  rewardId: z.uuid(),
  rewardName: z.string(),
  rewardNameBn: z.string(),
  points: z.number().int(),
  status: z.enum(REDEMPTION_STATUSES),
  note: z.string().nullable(),
  createdAt: Timestamp,
  fulfilledAt: Timestamp.nullable(),
  cancelledAt: Timestamp.nullable(),
});
export type RedemptionResponse = z.infer<typeof RedemptionResponse>;
export const RedemptionQuery = z.strictObject({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  memberId: z.uuid().optional(),
});
export const RedemptionsResponse = z.object({ items: z.array(RedemptionResponse) });
export type RedemptionsResponse = z.infer<typeof RedemptionsResponse>;

export const EarnRunResponse = z.object({
  earned: z.number().int(),
  reversed: z.number().int(),
  expired: z.number().int(),
  referralBonuses: z.number().int(),
  invitations: z.number().int(),
});
export type EarnRunResponse = z.infer<typeof EarnRunResponse>;

export const ReferralRow = z.object({
  code: z.string(),
  memberId: z.uuid(),
  accountName: z.string(),
  shareUrl: z.string(),
  leads: z.number().int(),
  converted: z.number().int(),
  bonusPoints: z.number().int(),
});
export const ReferralsResponse = z.object({ items: z.array(ReferralRow) });
export type ReferralsResponse = z.infer<typeof ReferralsResponse>;

// --- surveys

export const SurveyRequest = z.strictObject({
  kind: z.enum(SURVEY_KINDS),
  name,
  question: z.string().trim().min(1).max(500),
  questionBn: z.string().trim().min(1).max(500),
  trigger: z.enum(SURVEY_TRIGGERS),
  active: z.boolean().default(true),
});
export type SurveyRequest = z.infer<typeof SurveyRequest>;
export const SurveyResponse = z.object({
  id: z.uuid(),
  kind: z.enum(SURVEY_KINDS),
  name: z.string(),
  question: z.string(),
  questionBn: z.string(),
  trigger: z.enum(SURVEY_TRIGGERS),
  active: z.boolean(),
  invited: z.number().int(),
  answered: z.number().int(),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;
export const SurveysResponse = z.object({ items: z.array(SurveyResponse) });
export type SurveysResponse = z.infer<typeof SurveysResponse>;

export const InviteRequest = z.strictObject({
  accountId: z.uuid(),
  email: z.email().max(320).optional(),
  locale: z.enum(["bn", "en"]).default("bn"),
});
export const InvitationResponse = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  token: z.string(),
  link: z.string(),
  sourceType: z.enum(["order", "ticket", "manual"]),
  sourceId: z.uuid(),
  accountId: z.uuid().nullable(),
  accountName: z.string().nullable(),
  email: z.string().nullable(),
  emailStatus: z.enum(["none", "pending", "sent", "failed"]),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  answeredAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type InvitationResponse = z.infer<typeof InvitationResponse>;
export const InvitationsResponse = z.object({ items: z.array(InvitationResponse) });
export type InvitationsResponse = z.infer<typeof InvitationsResponse>;

export const ResultsQuery = z.strictObject({
  segment: z.enum(SURVEY_SEGMENTS).default("channel"),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const ScoreSummary = z.object({
  responses: z.number().int(),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
  score: z.number().nullable(),
});
export const ResultsResponse = z.object({
  survey: SurveyResponse,
  segment: z.enum(SURVEY_SEGMENTS),
  overall: ScoreSummary,
  invited: z.number().int(),
  segments: z.array(ScoreSummary.extend({ key: z.string().nullable(), label: z.string().nullable() })),
});
export type ResultsResponse = z.infer<typeof ResultsResponse>;

export const TokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,80}$/) });
export const PublicSurveyResponse = z.object({
  kind: z.enum(SURVEY_KINDS),
  question: z.string(),
  questionBn: z.string(),
  orgName: z.string(),
  locale: z.enum(["bn", "en"]),
  answered: z.boolean(),
});
export type PublicSurveyResponse = z.infer<typeof PublicSurveyResponse>;
export const AnswerRequest = z.strictObject({
  score: z.number().int().min(0).max(10),
  comment: z.string().trim().max(2000).optional(),
  locale: z.enum(["bn", "en"]).default("bn"),
});
export const AnswerResponse = z.object({ answered: z.literal(true) });
