// The scheme editor's form: what a person types (taka with decimals, percent, quantities as text) and the rule
// the engine runs (poisha, basis points, integer base units). Pure, so the editor, its "try it" preview and the
// tests share one conversion; the server checks the same rules again (a 422 names the field).
import type { CreateSchemeRequest, SchemeResponse } from "../../../shared/contracts/promotions.ts";
import type { SchemeBenefit, SchemeDefinition, SchemeRule } from "../../../shared/pricing/scheme-types.ts";

/** Who a scheme is for, as the API takes it: territories by id (the server turns them into subtree paths). */
export interface TargetingForm {
  territoryIds: string[];
  channels: string[];
  outletClasses: string[];
  distributorIds: string[];
  outletIds: string[];
}

export type BenefitType = SchemeBenefit["type"];

export interface BenefitForm {
  type: BenefitType;
  /** Percent off as typed ("5", "2.5"). */
  percent: string;
  /** Flat amount in taka as typed ("150", "12.50"). */
  taka: string;
  /** Free goods: which SKU and how many base units. */
  skuId: string | null;
  qty: string;
}

export interface SlabForm {
  /** Threshold as typed: base units (measure qty) or taka (measure value). */
  min: string;
  benefit: BenefitForm;
}

export interface SchemeForm {
  code: string;
  nameEn: string;
  nameBn: string;
  campaignId: string | null;
  facing: "secondary" | "primary";
  validFrom: string;
  validTo: string;
  priority: string;
  stacking: "exclusive" | "stackable";
  claimable: boolean;
  /** Taka as typed; "" = no budget / no cap. */
  budgetTaka: string;
  perOutletCapTaka: string;
  targeting: TargetingForm;
  ruleKind: "slab" | "bundle";
  skuIds: string[];
  measure: "qty" | "value";
  mode: "once" | "stepped" | "repeating";
  slabs: SlabForm[];
  components: { skuId: string | null; qty: string }[];
  bundleBenefit: BenefitForm;
}

export const emptyBenefit = (type: BenefitType = "percent"): BenefitForm => ({
  type,
  percent: "",
  taka: "",
  skuId: null,
  qty: "",
});

export const emptyTargeting = (): TargetingForm => ({
  territoryIds: [],
  channels: [],
  outletClasses: [],
  distributorIds: [],
  outletIds: [],
});

export function emptySchemeForm(today: string): SchemeForm {
  return {
    code: "",
    nameEn: "",
    nameBn: "",
    campaignId: null,
    facing: "secondary",
    validFrom: today,
    validTo: today,
    priority: "100",
    stacking: "stackable",
    claimable: false,
    budgetTaka: "",
    perOutletCapTaka: "",
    targeting: emptyTargeting(),
    ruleKind: "slab",
    skuIds: [],
    measure: "qty",
    mode: "once",
    slabs: [{ min: "", benefit: emptyBenefit() }],
    components: [
      { skuId: null, qty: "1" },
      { skuId: null, qty: "1" },
    ],
    bundleBenefit: emptyBenefit(),
  };
}

/** "12.5" taka -> 1250 poisha; null when it is not a non-negative amount with at most two decimals. */
export function takaToPoisha(text: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** "2.5" percent -> 250 basis points; null when not within 0.01 .. 100 with at most two decimals. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp >= 1 && bp <= 10_000 ? bp : null;
}

const positiveInt = (text: string): number | null => {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  const n = Number(t);
  return n > 0 ? n : null;
};

const poishaToTaka = (p: number): string => (p % 100 === 0 ? String(p / 100) : (p / 100).toFixed(2));
const bpToPercent = (bp: number): string => (bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2));

/** A problem with one field: its path in the form and an i18n key under promotions.form.errors. */
export interface FormProblem {
  field: string;
  key:
    | "required"
    | "code"
    | "amount"
    | "percent"
    | "quantity"
    | "ascending"
    | "dates"
    | "sku"
    | "oneSlab"
    | "bundleTwo";
}

function benefitOf(b: BenefitForm, field: string, problems: FormProblem[]): SchemeBenefit | null {
  if (b.type === "percent") {
    const bp = percentToBp(b.percent);
    if (bp === null) problems.push({ field: `${field}.percent`, key: "percent" });
    return bp === null ? null : { type: "percent", bp };
  }
  if (b.type === "flat") {
    const poisha = takaToPoisha(b.taka);
    if (poisha === null || poisha <= 0) problems.push({ field: `${field}.taka`, key: "amount" });
    return poisha === null || poisha <= 0 ? null : { type: "flat", poisha };
  }
  const qty = positiveInt(b.qty);
  if (!b.skuId) problems.push({ field: `${field}.skuId`, key: "sku" });
  if (qty === null) problems.push({ field: `${field}.qty`, key: "quantity" });
  return b.skuId && qty !== null ? { type: "free_goods", skuId: b.skuId, qty } : null;
}

/** The engine's rule from the form, or the problems that stop it. */
export function ruleFromForm(f: SchemeForm): { rule: SchemeRule | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (f.ruleKind === "bundle") {
    const components: { skuId: string; qty: number }[] = [];
    f.components.forEach((c, i) => {
      const qty = positiveInt(c.qty);
      if (!c.skuId) problems.push({ field: `components.${i}.skuId`, key: "sku" });
      if (qty === null) problems.push({ field: `components.${i}.qty`, key: "quantity" });
      if (c.skuId && qty !== null) components.push({ skuId: c.skuId, qty });
    });
    if (f.components.length < 2) problems.push({ field: "components", key: "bundleTwo" });
    const benefit = benefitOf(f.bundleBenefit, "bundleBenefit", problems);
    return { rule: problems.length === 0 && benefit ? { kind: "bundle", components, benefit } : null, problems };
  }
  if (f.slabs.length === 0) problems.push({ field: "slabs", key: "oneSlab" });
  if (f.mode === "repeating" && f.slabs.length !== 1) problems.push({ field: "slabs", key: "oneSlab" });
  const slabs: { min: number; benefit: SchemeBenefit }[] = [];
  f.slabs.forEach((s, i) => {
    const min = f.measure === "value" ? takaToPoisha(s.min) : positiveInt(s.min);
    if (min === null || min <= 0)
      problems.push({ field: `slabs.${i}.min`, key: f.measure === "value" ? "amount" : "quantity" });
    const benefit = benefitOf(s.benefit, `slabs.${i}.benefit`, problems);
    if (min !== null && min > 0 && benefit) slabs.push({ min, benefit });
  });
  for (let i = 1; i < slabs.length; i++) {
    if ((slabs[i]?.min ?? 0) <= (slabs[i - 1]?.min ?? 0)) problems.push({ field: `slabs.${i}.min`, key: "ascending" });
  }
  return {
    rule: problems.length === 0 ? { kind: "slab", skuIds: f.skuIds, measure: f.measure, mode: f.mode, slabs } : null,
    problems,
  };
}

/** Every problem of the form (header fields and the rule). */
export function validateSchemeForm(f: SchemeForm): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!/^[A-Z0-9][A-Z0-9_-]{0,39}$/.test(f.code.trim().toUpperCase())) problems.push({ field: "code", key: "code" });
  if (f.nameEn.trim() === "") problems.push({ field: "nameEn", key: "required" });
  if (f.nameBn.trim() === "") problems.push({ field: "nameBn", key: "required" });
  if (!f.validFrom || !f.validTo || f.validTo < f.validFrom) problems.push({ field: "validTo", key: "dates" });
  if (!/^\d{1,6}$/.test(f.priority.trim())) problems.push({ field: "priority", key: "quantity" });
  for (const k of ["budgetTaka", "perOutletCapTaka"] as const) {
    if (f[k].trim() !== "" && !(Number(takaToPoisha(f[k])) > 0)) problems.push({ field: k, key: "amount" });
  }
  return [...problems, ...ruleFromForm(f).problems];
}

/**
 * The scheme as the engine sees it, for the editor's preview (id "preview" until it is saved). Territories are
 * chosen by id and become subtree paths only on the server, so the preview does not restrict by territory.
 */
export function definitionFromForm(f: SchemeForm, id = "preview"): SchemeDefinition | null {
  const { rule } = ruleFromForm(f);
  if (!rule) return null;
  const code = f.code.trim().toUpperCase() || "PREVIEW";
  return {
    id,
    code,
    name: { en: f.nameEn.trim() || code, bn: f.nameBn.trim() || f.nameEn.trim() || code },
    facing: f.facing,
    validFrom: f.validFrom,
    validTo: f.validTo,
    priority: Number(f.priority) || 0,
    stacking: f.stacking,
    targeting: {
      territoryPaths: [],
      channels: f.targeting.channels,
      outletClasses: f.targeting.outletClasses,
      distributorIds: f.targeting.distributorIds,
      outletIds: f.targeting.outletIds,
    },
    rule,
  };
}

/** The money beside the rule, in the API's units (null = none). */
export function limitsFromForm(f: SchemeForm): { budgetPoisha: number | null; perOutletCapPoisha: number | null } {
  const amount = (t: string) => (t.trim() === "" ? null : takaToPoisha(t));
  return { budgetPoisha: amount(f.budgetTaka), perOutletCapPoisha: amount(f.perOutletCapTaka) };
}

/** The create request, or null while the form has problems (validateSchemeForm names them). */
export function createRequestFromForm(f: SchemeForm): CreateSchemeRequest | null {
  const { rule } = ruleFromForm(f);
  if (!rule || validateSchemeForm(f).length > 0) return null;
  return {
    code: f.code.trim().toUpperCase(),
    name: f.nameEn.trim(),
    nameBn: f.nameBn.trim(),
    campaignId: f.campaignId,
    facing: f.facing,
    validFrom: f.validFrom,
    validTo: f.validTo,
    priority: Number(f.priority),
    stacking: f.stacking,
    claimable: f.claimable,
    targeting: f.targeting,
    rule,
    ...limitsFromForm(f),
  };
}

function benefitForm(b: SchemeBenefit): BenefitForm {
  if (b.type === "percent") return { ...emptyBenefit("percent"), percent: bpToPercent(b.bp) };
  if (b.type === "flat") return { ...emptyBenefit("flat"), taka: poishaToTaka(b.poisha) };
  return { ...emptyBenefit("free_goods"), skuId: b.skuId, qty: String(b.qty) };
}

export type SavedScheme = Pick<
  SchemeResponse,
  | "code"
  | "name"
  | "nameBn"
  | "campaignId"
  | "facing"
  | "validFrom"
  | "validTo"
  | "priority"
  | "stacking"
  | "claimable"
  | "budgetPoisha"
  | "perOutletCapPoisha"
  | "targeting"
  | "rule"
>;

/** A saved scheme back into the form (editing). */
export function formFromScheme(d: SavedScheme): SchemeForm {
  const form: SchemeForm = {
    ...emptySchemeForm(d.validFrom),
    code: d.code,
    nameEn: d.name,
    nameBn: d.nameBn,
    campaignId: d.campaignId,
    facing: d.facing,
    validFrom: d.validFrom,
    validTo: d.validTo,
    priority: String(d.priority),
    stacking: d.stacking,
    claimable: d.claimable,
    budgetTaka: d.budgetPoisha === null ? "" : poishaToTaka(d.budgetPoisha),
    perOutletCapTaka: d.perOutletCapPoisha === null ? "" : poishaToTaka(d.perOutletCapPoisha),
    targeting: {
      territoryIds: d.targeting.territoryIds,
      channels: d.targeting.channels,
      outletClasses: d.targeting.outletClasses,
      distributorIds: d.targeting.distributorIds,
      outletIds: d.targeting.outletIds,
    },
  };
  if (d.rule.kind === "bundle") {
    return {
      ...form,
      ruleKind: "bundle",
      components: d.rule.components.map((c) => ({ skuId: c.skuId, qty: String(c.qty) })),
      bundleBenefit: benefitForm(d.rule.benefit),
    };
  }
  const measure = d.rule.measure;
  return {
    ...form,
    ruleKind: "slab",
    skuIds: d.rule.skuIds,
    measure,
    mode: d.rule.mode,
    slabs: d.rule.slabs.map((s) => ({
      min: measure === "value" ? poishaToTaka(s.min) : String(s.min),
      benefit: benefitForm(s.benefit),
    })),
  };
}
