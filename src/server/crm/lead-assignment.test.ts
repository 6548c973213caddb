import { describe, expect, it } from "vitest";
import { firstMatch, type LeadFacts, nextInTurn, type RuleConditions, ruleMatches } from "./lead-assignment.ts";

const any: RuleConditions = {
  matchSource: null,
  matchFormId: null,
  matchUtmCampaign: null,
  matchTerritoryPath: null,
  active: true,
};
const lead: LeadFacts = { source: "web_form", formId: "f1", utmCampaign: "Eid-Offer", territoryPath: "BD.DHA.GAZ." };

describe("ruleMatches", () => {
  it("matches on every condition it sets, and only then", () => {
    expect(ruleMatches(any, lead)).toBe(true);
    expect(ruleMatches({ ...any, matchSource: "web_form", matchFormId: "f1" }, lead)).toBe(true);
    expect(ruleMatches({ ...any, matchSource: "import" }, lead)).toBe(false);
    expect(ruleMatches({ ...any, matchFormId: "f2" }, lead)).toBe(false);
    expect(ruleMatches({ ...any, matchUtmCampaign: " eid-offer " }, lead)).toBe(true);
    expect(ruleMatches({ ...any, matchUtmCampaign: "winter" }, lead)).toBe(false);
    expect(ruleMatches({ ...any, matchTerritoryPath: "BD.DHA." }, lead)).toBe(true);
    expect(ruleMatches({ ...any, matchTerritoryPath: "BD.CTG." }, lead)).toBe(false);
    expect(ruleMatches({ ...any, matchTerritoryPath: "BD.DHA." }, { ...lead, territoryPath: null })).toBe(false);
    expect(ruleMatches({ ...any, active: false }, lead)).toBe(false);
  });

  it("takes the first rule that matches", () => {
    const rules = [
      { ...any, id: "a", matchSource: "import" },
      { ...any, id: "b", matchUtmCampaign: "Eid-Offer" },
      { ...any, id: "c" },
    ];
    expect(firstMatch(rules, lead)?.id).toBe("b");
    expect(firstMatch(rules.slice(0, 1), lead)).toBeNull();
  });
});

describe("nextInTurn", () => {
  it("goes round the list", () => {
    const users = ["u1", "u2", "u3"];
    let last: string | null = null;
    const given: string[] = [];
    for (let i = 0; i < 7; i++) {
      last = nextInTurn(users, last);
      given.push(last ?? "");
    }
    expect(given).toEqual(["u1", "u2", "u3", "u1", "u2", "u3", "u1"]);
  });

  it("is fair: over n x k leads each person gets exactly k", () => {
    const users = ["a", "b", "c", "d", "e"];
    const counts = new Map<string, number>();
    let last: string | null = null;
    for (let i = 0; i < users.length * 13; i++) {
      last = nextInTurn(users, last);
      counts.set(last ?? "", (counts.get(last ?? "") ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([13, 13, 13, 13, 13]);
  });

  it("continues after where a removed person would sort, and handles nobody", () => {
    expect(nextInTurn(["a", "c", "e"], "d")).toBe("e");
    expect(nextInTurn(["a", "c"], "z")).toBe("a");
    expect(nextInTurn([], "a")).toBeNull();
  });
});
