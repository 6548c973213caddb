import { z } from "zod";
import { asciiDigits, BdPhone } from "../bd-phone.ts";
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
  /** The org's public pages (help and FAQ) live under /help/<orgSlug>. */
  orgSlug: z.string(),
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
  /**
   * The organisation requires two-step sign-in for the user's role and the user has not set it up: until
   * they do, this session may only set it up (other operations answer 403 auth.mfa_setup_required).
   */
  mfaSetupRequired: z.boolean(),
});

// --- two-step sign-in (TOTP)

/** A 6-digit code from the authenticator app, as typed: Bengali digits and spaces are accepted. */
export const TotpCode = z
  .string()
  .max(20)
  .transform((s, ctx) => {
    const code = asciiDigits(s).replace(/[\s-]/g, "");
    if (!/^\d{6}$/.test(code)) {
      ctx.addIssue({ code: "custom", message: "Enter the 6-digit code|৬ অঙ্কের কোডটি লিখুন" });
      return z.NEVER;
    }
    return code;
  });

/** The password was right; the account asks for a code too. No session is set until the code is given. */
export const MfaChallengeResponse = z.object({
  mfaRequired: z.literal(true),
  /** Send back with the code to POST /api/v1/auth/sign-in/totp; valid for 5 minutes, once. */
  challenge: z.string(),
  expiresAt: z.string(),
});

export const SignInResponse = z.union([SessionResponse, MfaChallengeResponse]);

/** The second sign-in step: the challenge and either a code from the app or one of the recovery codes. */
export const SignInTotpRequest = z
  .strictObject({
    challenge: z.string().min(20).max(200),
    code: TotpCode.optional(),
    recoveryCode: z.string().min(1).max(40).optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: "Give the code from the app or a recovery code|অ্যাপের কোড অথবা একটি রিকভারি কোড দিন",
    path: ["code"],
  });

export const TotpStatusResponse = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  /** Unused recovery codes left (0 when two-step sign-in is off). */
  recoveryCodesLeft: z.number().int(),
  /** The organisation requires two-step sign-in for the user's role: it cannot be turned off. */
  requiredByOrg: z.boolean(),
});

export const TotpSetupResponse = z.object({
  /** The secret in base32, for typing into the app by hand. */
  secret: z.string(),
  /** otpauth://totp/... for the QR code. */
  otpauthUri: z.string(),
  issuer: z.string(),
  account: z.string(),
});

export const EnableTotpRequest = z.strictObject({ code: TotpCode });

export const DisableTotpRequest = z.strictObject({
  password: z.string().min(1).max(200),
  code: TotpCode,
});

export const RegenerateRecoveryCodesRequest = z.strictObject({ code: TotpCode });

export const RecoveryCodesResponse = z.object({
  /** Shown once; only their hashes are stored. Each works once. */
  recoveryCodes: z.array(z.string()),
});

export const MfaPolicy = z.strictObject({
  /** The roles whose users must use two-step sign-in. */
  roles: z
    .array(z.enum(ROLES))
    .max(ROLES.length)
    .refine((r) => new Set(r).size === r.length, { message: "Each role once|প্রতিটি ভূমিকা একবার" }),
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
export type MfaChallengeResponse = z.infer<typeof MfaChallengeResponse>;
export type SignInResponse = z.infer<typeof SignInResponse>;
export type SignInTotpRequest = z.input<typeof SignInTotpRequest>;
export type TotpStatusResponse = z.infer<typeof TotpStatusResponse>;
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;
export type MfaPolicy = z.infer<typeof MfaPolicy>;
