// Moved to src/shared/pricing/ so the web and field apps price with the same code; import from there.
export * from "../../shared/pricing/order-pricing.ts";
export * from "../../shared/pricing/pack-units.ts";
