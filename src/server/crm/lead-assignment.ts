// Who gets a new lead (C1): the org's rules in order, the first active one whose conditions all hold wins; none
// leaves the lead unassigned in the inbox. A rule hands leads out in turns: over its list of people (round_robin)
// or over the active reps of the lead's territory subtree (territory). Pure: the service reads the rules, locks the
// rule's cursor and writes the turn back.

export interface RuleConditions {
  matchSource: string | null;
  matchFormId: string | null;
  matchUtmCampaign: string | null;
  /** The path of the territory the rule names: a lead in that subtree matches. */
  matchTerritoryPath: string | null;
  active: boolean;
}

export interface LeadFacts {
  source: string;
  formId: string | null;
  utmCampaign: string | null;
  /** The path of the lead's territory, if it has one. */
  territoryPath: string | null;
}

export function ruleMatches(rule: RuleConditions, lead: LeadFacts): boolean {
  if (!rule.active) return false;
  if (rule.matchSource !== null && rule.matchSource !== lead.source) return false;
  if (rule.matchFormId !== null && rule.matchFormId !== lead.formId) return false;
  if (
    rule.matchUtmCampaign !== null &&
    rule.matchUtmCampaign.trim().toLowerCase() !== (lead.utmCampaign ?? "").trim().toLowerCase()
  )
    return false;
  if (rule.matchTerritoryPath !== null && !(lead.territoryPath ?? "").startsWith(rule.matchTerritoryPath)) return false;
  return true;
}

/** The first rule (in the given order) that matches, or null. */
export function firstMatch<R extends RuleConditions>(rules: readonly R[], lead: LeadFacts): R | null {
  return rules.find((r) => ruleMatches(r, lead)) ?? null;
}

/**
 * The next person in turn after `last`: the candidates in a fixed order (as listed; for a territory rule by id), the
 * one after the last given, wrapping round. A last person no longer among the candidates restarts at the first one
 * after where they would sort, so a changed list still turns fairly. Null when there is nobody.
 */
export function nextInTurn(candidates: readonly string[], last: string | null): string | null {
  if (candidates.length === 0) return null;
  if (last === null) return candidates[0] ?? null;
  const at = candidates.indexOf(last);
  if (at >= 0) return candidates[(at + 1) % candidates.length] ?? null;
  const sorted = [...candidates].sort();
  return sorted.find((c) => c > last) ?? sorted[0] ?? null;
}
