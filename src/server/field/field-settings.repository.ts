// SQL of the field rules: check-in radius, no-order reasons, must-sell SKUs.
import type { Executor } from "../db/transaction.ts";

export function findSettings(db: Executor, orgId: string) {
  return db.selectFrom("field_settings").select("check_in_radius_m").where("org_id", "=", orgId).executeTakeFirst();
}

export async function upsertRadius(db: Executor, orgId: string, radiusM: number) {
  await db
    .insertInto("field_settings")
    .values({ org_id: orgId, check_in_radius_m: radiusM })
    .onConflict((c) => c.column("org_id").doUpdateSet({ check_in_radius_m: radiusM, updated_at: new Date() }))
    .execute();
}

export function listReasons(db: Executor, orgId: string) {
  return db
    .selectFrom("no_order_reasons")
    .select(["code", "label_en", "label_bn", "archived_at"])
    .where("org_id", "=", orgId)
    .orderBy("position")
    .orderBy("code")
    .execute();
}

export interface ReasonRow {
  code: string;
  labelEn: string;
  labelBn: string;
  archived: boolean;
}

/** The given list becomes the org's list, in its order; codes left out are archived (old visits name them). */
export async function replaceReasons(db: Executor, orgId: string, reasons: readonly ReasonRow[]) {
  const now = new Date();
  await db
    .updateTable("no_order_reasons")
    .set({ archived_at: now })
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .execute();
  if (reasons.length === 0) return;
  await db
    .insertInto("no_order_reasons")
    .values(
      reasons.map((r, i) => ({
        org_id: orgId,
        code: r.code,
        label_en: r.labelEn,
        label_bn: r.labelBn,
        position: i,
        archived_at: r.archived ? now : null,
      })),
    )
    .onConflict((c) =>
      c.columns(["org_id", "code"]).doUpdateSet((eb) => ({
        label_en: eb.ref("excluded.label_en"),
        label_bn: eb.ref("excluded.label_bn"),
        position: eb.ref("excluded.position"),
        archived_at: eb.ref("excluded.archived_at"),
      })),
    )
    .execute();
}

export async function listMustSell(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("must_sell_skus as m")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "m.org_id").onRef("s.id", "=", "m.sku_id"))
    .select("m.sku_id")
    .where("m.org_id", "=", orgId)
    .where("s.archived_at", "is", null)
    .orderBy("s.code")
    .execute();
  return rows.map((r) => r.sku_id);
}

export async function countActiveSkus(db: Executor, orgId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom("skus")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function replaceMustSell(db: Executor, orgId: string, ids: readonly string[]) {
  await db.deleteFrom("must_sell_skus").where("org_id", "=", orgId).execute();
  if (ids.length === 0) return;
  await db
    .insertInto("must_sell_skus")
    .values(ids.map((id) => ({ org_id: orgId, sku_id: id })))
    .execute();
}
