// The field rules an admin sets: how far from an outlet a check-in may be before it is flagged, why a visit can
// end without an order, and which SKUs every outlet should stock. Orgs that never set them get the defaults.
import type { FieldSettingsResponse, UpdateFieldSettingsRequest } from "../../shared/contracts/field.ts";
import { type Executor, withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { FieldErrors } from "./field.errors.ts";
import * as repo from "./field-settings.repository.ts";

export const DEFAULT_CHECK_IN_RADIUS_M = 100;

/** What an org starts with; the admin can rename, archive and add. */
export const DEFAULT_NO_ORDER_REASONS: readonly repo.ReasonRow[] = [
  { code: "shop_closed", labelEn: "Shop closed", labelBn: "দোকান বন্ধ", archived: false },
  { code: "owner_absent", labelEn: "Owner not there", labelBn: "মালিক নেই", archived: false },
  { code: "enough_stock", labelEn: "Has enough stock", labelBn: "যথেষ্ট মাল আছে", archived: false },
  { code: "no_cash", labelEn: "No cash or credit limit reached", labelBn: "টাকা নেই বা বাকির সীমা শেষ", archived: false },
  { code: "price_or_scheme", labelEn: "Price or scheme objection", labelBn: "দাম বা স্কিম নিয়ে আপত্তি", archived: false },
  { code: "competitor", labelEn: "Buys from a competitor", labelBn: "অন্য কোম্পানির মাল নেয়", archived: false },
  { code: "other", labelEn: "Other", labelBn: "অন্যান্য", archived: false },
];

/** The org's field rules with defaults filled in; archived reasons included (old visits still name them). */
export async function effectiveFieldSettings(db: Executor, orgId: string): Promise<FieldSettingsResponse> {
  const [settings, reasons, mustSell] = await Promise.all([
    repo.findSettings(db, orgId),
    repo.listReasons(db, orgId),
    repo.listMustSell(db, orgId),
  ]);
  return {
    checkInRadiusM: settings?.check_in_radius_m ?? DEFAULT_CHECK_IN_RADIUS_M,
    noOrderReasons:
      reasons.length === 0
        ? DEFAULT_NO_ORDER_REASONS.map((r) => ({ ...r }))
        : reasons.map((r) => ({
            code: r.code,
            labelEn: r.label_en,
            labelBn: r.label_bn,
            archived: r.archived_at !== null,
          })),
    mustSellSkuIds: mustSell,
  };
}

export async function getFieldSettings(ctx: Ctx): Promise<FieldSettingsResponse> {
  if (!can(ctx.actor, "field.settings") && !can(ctx.actor, "field.monitor")) throw AccessErrors.forbidden();
  return effectiveFieldSettings(ctx.db, ctx.actor.orgId);
}

export async function updateFieldSettings(ctx: Ctx, input: UpdateFieldSettingsRequest): Promise<FieldSettingsResponse> {
  if (!can(ctx.actor, "field.settings")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  if (input.noOrderReasons) {
    const seen = new Set<string>();
    for (const r of input.noOrderReasons) {
      if (seen.has(r.code)) throw FieldErrors.duplicateReason({ code: r.code });
      seen.add(r.code);
    }
    if (!input.noOrderReasons.some((r) => !r.archived)) throw FieldErrors.noActiveReason();
  }
  const mustSell = input.mustSellSkuIds ? [...new Set(input.mustSellSkuIds)] : undefined;
  return withTransaction(ctx.db, async (tx) => {
    const before = await effectiveFieldSettings(tx, orgId);
    if (input.checkInRadiusM !== undefined) await repo.upsertRadius(tx, orgId, input.checkInRadiusM);
    if (input.noOrderReasons) {
      // Until the first change the defaults live only in code: the ones left out are stored archived, as stored
      // reasons are, so visits that named them keep their labels.
      const given = new Set(input.noOrderReasons.map((r) => r.code));
      const leftOut = before.noOrderReasons.filter((r) => !r.archived && !given.has(r.code));
      await repo.replaceReasons(tx, orgId, [
        ...input.noOrderReasons,
        ...leftOut.map((r) => ({ ...r, archived: true })),
      ]);
    }
    if (mustSell) {
      const found = await repo.countActiveSkus(tx, orgId, mustSell);
      if (found !== mustSell.length) throw FieldErrors.unknownSku({ count: mustSell.length - found });
      await repo.replaceMustSell(tx, orgId, mustSell);
    }
    const after = await effectiveFieldSettings(tx, orgId);
    await recordAudit(tx, ctx, { entity: "field_settings", entityId: orgId, action: "update", before, after });
    return after;
  });
}
