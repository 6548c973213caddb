// The schemes in force for one outlet, made ready for the engine in the browser. The server answers
// GET /promotions/schemes/in-force with the schemes that target this outlet on that date (it knows the outlet's
// territory, channel and class), plus those whose budget or this outlet's cap is used up. The browser does not
// know the outlet's territory path or class, so it does not check targeting again: it runs the engine on exactly
// the schemes the server chose, which is what the server's own pricing will find at save.
import type { InForceResponse } from "../../../shared/contracts/promotions.ts";
import type { SchemeContext, SchemeEngine } from "../../../shared/pricing/order-pricing.ts";
import { type SchemeEngineOptions, schemeEngine } from "../../../shared/pricing/scheme-engine.ts";
import type { SchemeDefinition } from "../../../shared/pricing/scheme-types.ts";

export interface OutletSchemes {
  context: SchemeContext;
  schemes: SchemeDefinition[];
  options: SchemeEngineOptions;
  engine: SchemeEngine;
}

const ANYONE = { territoryPaths: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [] };

export function outletSchemes(
  inForce: Pick<InForceResponse, "date" | "schemes" | "exhausted" | "outletCapped">,
  outlet: { outletId: string; distributorId: string | null; channel: string | null },
): OutletSchemes {
  const schemes: SchemeDefinition[] = inForce.schemes.map((s) => ({ ...s, targeting: ANYONE }));
  const options: SchemeEngineOptions = {
    exhausted: new Set(inForce.exhausted),
    outletCapped: new Set(inForce.outletCapped),
  };
  return {
    context: {
      outletId: outlet.outletId,
      distributorId: outlet.distributorId ?? "",
      orderDate: inForce.date,
      channel: outlet.channel ?? "",
      outletClass: "",
      territoryPath: "",
      facing: "secondary",
    },
    schemes,
    options,
    engine: schemeEngine(schemes, options),
  };
}
