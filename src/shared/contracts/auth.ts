import { z } from "zod";
import { BdPhone } from "../bd-phone.ts";
import { ROLES } from "../roles.ts";
import { LocaleSchema } from "./common.ts";

export const Email = z
  .email()
  .max(254)
  .transform((s) => s.trim().toLowerCase());

/** Long enough to resist guessing, short enough that argon2 is not a denial-of-service lever. */
export const NewPassword = z.string().min(10).max(200);

/** Staff sign in with their email; retailers usually with their mobile number (any written form). */
export const SignInRequest = z
  .strictObject({
    email: z.string().min(1).max(254).optional(),
    phone: BdPhone.optional(),
    password: z.string().min(1).max(200),
  })
  .refine((b) => (b.email === undefined) !== (b.phone === undefined), {
    message: "Give an email or a mobile number|ইমেইল অথবা মোবাইল নম্বর দিন",
    path: ["email"],
  });

export const ScopeResponse = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("org") }),
  z.object({
    kind: z.literal("territory"),
    territoryId: z.uuid(),
    territoryName: z.string(),
    territoryNameBn: z.string(),
  }),
  z.object({ kind: z.literal("distributor"), distributorId: z.uuid() }),
  z.object({ kind: z.literal("outlet"), outletId: z.uuid() }),
  z.object({ kind: z.literal("none") }),
]);

export const MeResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  orgNameBn: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locale: LocaleSchema,
  /** In Bengali, show numbers in Bengali digits (১২৩) rather than 123. */
  bengaliDigits: z.boolean(),
  scope: ScopeResponse,
  permissions: z.array(z.string()),
});

export const SessionResponse = z.object({
  user: MeResponse,
  /** Echo in x-csrf-token on writes; null for API-token callers, who need none. */
  csrfToken: z.string().nullable(),
  /** When the session ends unless used; null for API-token callers (the token's own expiry applies). */
  expiresAt: z.string().nullable(),
});

export const UpdateMeRequest = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  locale: LocaleSchema.optional(),
  bengaliDigits: z.boolean().optional(),
});

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});

export const AcceptInviteRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: NewPassword,
});

export const CreateApiTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const ApiTokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  userId: z.uuid(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const CreatedApiTokenResponse = ApiTokenResponse.extend({
  /** Shown once; only its hash is stored. */
  token: z.string(),
});

export type SignInRequest = z.infer<typeof SignInRequest>;
export type MeResponse = z.infer<typeof MeResponse>;
export type SessionResponse = z.infer<typeof SessionResponse>;
