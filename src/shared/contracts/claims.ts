// Distributor claims for the cost of claimable schemes they funded (issue 8): what is claimable now, a claim built
// for a period, its review (approve, possibly for less, or dispute), the distributor's answer or withdrawal, and
// settlement. Money in poisha.
import { z } from "zod";
import { IsoDate, Timestamp } from "./common.ts";

const Poisha = z.number().int();
const Note = z.string().trim().max(1000);

export const CLAIM_STATUSES = ["draft", "submitted", "approved", "disputed", "withdrawn", "settled"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_ACTIONS = ["submit", "approve", "dispute", "withdraw", "settle"] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** A period of at most a year, from <= to: the claim's order dates. */
const Period = z.strictObject({ from: IsoDate, to: IsoDate }).refine((p) => p.to >= p.from, {
  message: "The period must end on or after its start|সময়কালের শেষ তারিখ শুরুর তারিখের আগে হতে পারে না",
  path: ["to"],
});

export const ClaimableQuery = z
  .strictObject({
    distributorId: z.uuid().optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: "Give both ends of the period, or neither|সময়কালের দুই প্রান্তই দিন, অথবা কোনোটিই নয়",
    path: ["to"],
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.to >= q.from, {
    message: "The period must end on or after its start|সময়কালের শেষ তারিখ শুরুর তারিখের আগে হতে পারে না",
    path: ["to"],
  });

/** Claimable now for one distributor and scheme: new items (of the period, when one is given) and adjustments. */
export const ClaimableRow = z.object({
  distributorId: z.uuid(),
  distributorCode: z.string(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  schemeId: z.uuid(),
  schemeCode: z.string(),
  schemeName: z.string(),
  schemeNameBn: z.string(),
  items: z.number().int(),
  newPoisha: Poisha,
  adjustmentPoisha: Poisha,
  totalPoisha: Poisha,
});
export const ClaimableResponse = z.object({
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  rows: z.array(ClaimableRow),
  totalPoisha: Poisha,
});
export type ClaimableResponse = z.infer<typeof ClaimableResponse>;

export const CreateClaim = z.strictObject({
  /** A distributor user claims for itself and may leave it out. */
  distributorId: z.uuid().optional(),
  period: Period,
  note: Note.optional(),
});

export const ClaimQuery = z.strictObject({
  status: z.enum(CLAIM_STATUSES).optional(),
  distributorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ClaimSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  distributorId: z.uuid(),
  distributorCode: z.string(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  status: z.enum(CLAIM_STATUSES),
  claimedPoisha: Poisha,
  approvedPoisha: Poisha.nullable(),
  rejectedPoisha: Poisha,
  rejectionReason: z.string().nullable(),
  paymentReference: z.string().nullable(),
  paidOn: IsoDate.nullable(),
  lineCount: z.number().int(),
  note: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ClaimSummary = z.infer<typeof ClaimSummary>;

export const ClaimLine = z.object({
  lineNo: z.number().int(),
  orderId: z.uuid(),
  orderNumber: z.string(),
  orderDate: IsoDate,
  schemeId: z.uuid(),
  schemeCode: z.string(),
  kind: z.enum(["claim", "adjustment"]),
  amountPoisha: Poisha,
});
export type ClaimLine = z.infer<typeof ClaimLine>;

export const ClaimEvent = z.object({
  id: z.uuid(),
  fromStatus: z.enum(CLAIM_STATUSES).nullable(),
  toStatus: z.enum(CLAIM_STATUSES),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  amountPoisha: Poisha.nullable(),
  at: Timestamp,
});

export const ClaimResponse = ClaimSummary.extend({
  lines: z.array(ClaimLine),
  events: z.array(ClaimEvent),
  /** What the caller may do now. */
  actions: z.array(z.enum(CLAIM_ACTIONS)),
});
export type ClaimResponse = z.infer<typeof ClaimResponse>;

/** Submit a draft, or answer a dispute (the note is then required). */
export const SubmitClaim = z.strictObject({ note: Note.optional() });
/** Approve the whole claim, or less with a reason: the difference is rejected for good. */
export const ApproveClaim = z.strictObject({
  approvedPoisha: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  reason: Note.optional(),
});
export const DisputeClaim = z.strictObject({ note: Note.min(1) });
export const WithdrawClaim = z.strictObject({ note: Note.optional() });
export const SettleClaim = z.strictObject({
  paymentReference: z.string().trim().min(1).max(100),
  paidOn: IsoDate,
  note: Note.optional(),
});

export const ClaimExportQuery = z.strictObject({ format: z.enum(["xlsx", "csv"]).default("xlsx") });
