// A new organisation (tenant) for a real company: its record, the root of its territory tree, and its
// first administrator. The demo seed is for trying Bikri; this is how production starts.
import { newId } from "../../../shared/ids.ts";
import type { Locale } from "../../../shared/locale.ts";
import type { Db } from "../../db/transaction.ts";
import { withTransaction } from "../../db/transaction.ts";
import { issueInvite } from "../../users/auth.service.ts";
import { hashPassword } from "../../users/passwords.ts";
import { UserErrors } from "../../users/users.errors.ts";
import { insertUser } from "../../users/users.repository.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { systemCtx } from "../context.ts";
import { defineErrors } from "../errors.ts";
import { insertTerritories } from "../territories/territories.repository.ts";
import { childPath } from "../territories/territories.service.ts";
import { findOrgBySlug, insertOrg } from "./orgs.repository.ts";

export const OrgErrors = defineErrors({
  slugTaken: {
    code: "org.slug_taken",
    status: 409,
    en: "An organisation with the short name {slug} already exists.",
    bn: "{slug} সংক্ষিপ্ত নামে একটি প্রতিষ্ঠান আগে থেকেই আছে।",
  },
});

export interface NewOrganisation {
  slug: string;
  name: string;
  nameBn?: string | undefined;
  defaultLocale: Locale;
  admin: { email: string; name: string; password?: string | undefined };
}

export async function createOrganisation(db: Db, input: NewOrganisation) {
  const orgId = newId();
  const adminId = newId();
  const rootId = newId();
  const passwordHash = input.admin.password ? await hashPassword(input.admin.password) : null;
  const invite = passwordHash ? null : issueInvite(orgId);
  return withTransaction(db, async (tx) => {
    if (await findOrgBySlug(tx, input.slug)) throw OrgErrors.slugTaken({ slug: input.slug });
    await insertOrg(tx, {
      id: orgId,
      slug: input.slug,
      name: input.name,
      nameBn: input.nameBn ?? null,
      defaultLocale: input.defaultLocale,
    });
    // Every tree starts at the national level; regions and below are added by the company.
    await insertTerritories(tx, [
      {
        orgId,
        id: rootId,
        parentId: null,
        level: "national",
        code: "BD",
        name: "Bangladesh",
        nameBn: "বাংলাদেশ",
        path: childPath(null, rootId),
      },
    ]);
    const inserted = await insertUser(tx, {
      org_id: orgId,
      id: adminId,
      email: input.admin.email,
      name: input.admin.name,
      role: "admin",
      locale: input.defaultLocale,
      password_hash: passwordHash,
      password_changed_at: passwordHash ? new Date() : null,
      invite_token_hash: invite?.hash ?? null,
      invite_expires_at: invite?.expiresAt ?? null,
    });
    if (!inserted) throw UserErrors.emailTaken();
    const ctx = systemCtx(db, orgId);
    await recordAudit(tx, ctx, {
      entity: "org",
      entityId: orgId,
      action: "create",
      after: { slug: input.slug, name: input.name },
    });
    await recordAudit(tx, ctx, {
      entity: "user",
      entityId: adminId,
      action: "create",
      after: { email: input.admin.email, name: input.admin.name, role: "admin" },
    });
    return { orgId, adminId, invitePath: invite ? `/invite/${invite.token}` : null };
  });
}
