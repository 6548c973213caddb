import { sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

export async function insertOrg(
  db: Executor,
  org: { id: string; slug: string; name: string; nameBn: string | null; defaultLocale: "bn" | "en" },
): Promise<void> {
  await db
    .insertInto("orgs")
    .values({ id: org.id, slug: org.slug, name: org.name, name_bn: org.nameBn, default_locale: org.defaultLocale })
    .execute();
}

export async function countOrgs(db: Executor): Promise<number> {
  const row = await db.selectFrom("orgs").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findOrgBySlug(db: Executor, slug: string) {
  return db.selectFrom("orgs").selectAll().where("slug", "=", slug).executeTakeFirst();
}
