import { z } from "zod";
import { BdPhone } from "../bd-phone.ts";
import { ROLES } from "../roles.ts";
import { Email, NewPassword } from "./auth.ts";
import { LocaleSchema, PageQuery } from "./common.ts";

export const CreateUserRequest = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(120),
  phone: BdPhone.optional(),
  role: z.enum(ROLES),
  territoryId: z.uuid().nullable().optional(),
  distributorId: z.uuid().nullable().optional(),
  outletId: z.uuid().nullable().optional(),
  locale: LocaleSchema.optional(),
  /** Without a password the user gets an invite link to set their own. */
  password: NewPassword.optional(),
});

export const UpdateUserRequest = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  phone: BdPhone.nullable().optional(),
  role: z.enum(ROLES).optional(),
  territoryId: z.uuid().nullable().optional(),
  distributorId: z.uuid().nullable().optional(),
  outletId: z.uuid().nullable().optional(),
  locale: LocaleSchema.optional(),
});

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(["active", "deactivated", "all"]).default("active"),
  territoryId: z.uuid().optional(),
});

export const UserResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  territoryId: z.uuid().nullable(),
  territoryName: z.string().nullable(),
  territoryNameBn: z.string().nullable(),
  distributorId: z.uuid().nullable(),
  outletId: z.uuid().nullable(),
  locale: LocaleSchema,
  status: z.enum(["active", "invited", "deactivated"]),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const UserCreatedResponse = UserResponse.extend({
  /** Present when the user was invited rather than given a password; shown once. */
  inviteUrl: z.string().nullable(),
});

export const InviteResponse = z.object({ inviteUrl: z.string() });

export type CreateUserRequest = z.infer<typeof CreateUserRequest>;
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;
export type UserListQuery = z.infer<typeof UserListQuery>;
export type UserResponse = z.infer<typeof UserResponse>;
