// "Why did this scheme (not) apply?": the orders module runs every scheme in force over the lines exactly as a memo
// would be priced; this words each result in English and Bengali (shared/pricing/scheme-explain.ts) and, for an
// existing order, adds what its grants hold.
import type { ExplainRequest, ExplainResponse } from "../../shared/contracts/promotions.ts";
import { formatMoney, formatNumber } from "../../shared/format.ts";
import type { SchemeExplanation } from "../../shared/pricing/scheme-engine.ts";
import { skipReasonText } from "../../shared/pricing/scheme-explain.ts";
import type { SchemeDefinition } from "../../shared/pricing/scheme-types.ts";
import { explainOrderLines, explainOrder as explainOrderLinesOf } from "../orders/orders.service.ts";
import type { Ctx } from "../platform/context.ts";
import * as repo from "./promotions.repository.ts";

type Names = Map<string, { en: string; bn: string }>;

function word(
  e: SchemeExplanation,
  scheme: SchemeDefinition | undefined,
  schemes: readonly SchemeDefinition[],
  skuNames: Names,
) {
  const code = scheme?.code ?? e.schemeId;
  if (e.reason) {
    const schemeName = (id: string) => schemes.find((s) => s.id === id)?.code;
    const en = skipReasonText(e.reason, { scheme: schemeName, sku: (id) => skuNames.get(id)?.en });
    const bn = skipReasonText(e.reason, { scheme: schemeName, sku: (id) => skuNames.get(id)?.bn });
    return { en: en.en, bn: bn.bn };
  }
  const parts = { en: [] as string[], bn: [] as string[] };
  if (e.discountPoisha > 0) {
    parts.en.push(`${formatMoney(e.discountPoisha, "en")} off`);
    parts.bn.push(`${formatMoney(e.discountPoisha, "bn")} ছাড়`);
  }
  for (const f of e.free) {
    const sku = skuNames.get(f.skuId);
    parts.en.push(`${formatNumber(f.qty, "en")} ${sku?.en ?? f.skuId} free`);
    parts.bn.push(`${formatNumber(f.qty, "bn")}টি ${sku?.bn ?? f.skuId} ফ্রি`);
  }
  return { en: `${code}: ${parts.en.join(", ")}`, bn: `${code}: ${parts.bn.join(", ")}` };
}

function shape(result: {
  orderDate: string;
  schemes: SchemeDefinition[];
  explained: SchemeExplanation[];
  skuNames: Names;
}): ExplainResponse {
  const byId = new Map(result.schemes.map((s) => [s.id, s]));
  return {
    orderDate: result.orderDate,
    schemes: result.explained.map((e) => {
      const s = byId.get(e.schemeId);
      return {
        schemeId: e.schemeId,
        code: s?.code ?? "",
        name: s?.name ?? { en: "", bn: "" },
        applied: e.applied,
        discountPoisha: e.discountPoisha,
        free: e.free,
        reason: e.reason as Record<string, unknown> | null,
        text: word(e, s, result.schemes, result.skuNames),
      };
    }),
  };
}

export async function explainSchemes(ctx: Ctx, input: ExplainRequest) {
  return shape(await explainOrderLines(ctx, input));
}

export async function explainOrder(ctx: Ctx, orderId: string) {
  const result = await explainOrderLinesOf(ctx, orderId);
  const grants = await repo.grantsOfOrder(ctx.db, ctx.actor.orgId, orderId);
  return {
    orderId,
    ...shape(result),
    grants: grants.map((g) => ({
      schemeId: g.scheme_id,
      code: g.code,
      name: { en: g.name, bn: g.name_bn },
      claimable: g.claimable,
      discountPoisha: g.discount_poisha,
      freeValuePoisha: g.free_value_poisha,
      costPoisha: g.cost_poisha,
      status: g.status,
    })),
  };
}
