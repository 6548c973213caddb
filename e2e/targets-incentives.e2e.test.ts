// The targets and incentives journey, as head office (admin), in Bengali then in English: this month's value
// targets for a few reps come in through the targets screen's CSV import (a file with one bad row first: nothing is
// imported and that row's problem shows in Bengali; then the corrected file); the targets page shows each one's
// achievement, bar and run-rate as GET /api/v1/targets computes them; one target is edited in its row so that its
// rep is past 100 %; a commission plan is made in the plan editor (0–80 % 0, 80–100 % 1.5 %, above 100 % 2.5 %, a
// cap); this month's statements for it are computed on the statements screen, one is opened (its lines and payout as
// the API has them) and approved, and the payout CSV downloaded carries that person's row.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Plan, Statement, StatementSummary } from "../src/shared/contracts/incentives.ts";
import type { AchievementResponse } from "../src/shared/contracts/targets.ts";
import { businessDate, formatMoney, formatNumber } from "../src/shared/format.ts";
import { apiGet, chromiumAvailable, journeyFixture, SCREENSHOTS, signIn, watchForFaults } from "./browser.ts";

const ADMIN = "admin@demo.bikri.app";

/** Pick an option of a Mantine Select (not searchable): open it and click the option that names `text`. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.getByRole("option", { name: text }).first().click();
}

const money = (poisha: number, lang: "bn" | "en") => formatMoney(poisha, lang, { bengaliDigits: true });
const percent = (bp: number | null, lang: "bn" | "en") =>
  bp === null ? "—" : `${formatNumber(bp / 100, lang, { bengaliDigits: true })}%`;

describe.runIf(chromiumAvailable)("targets and incentives journey", () => {
  const j = journeyFixture();

  it("imports targets (a bad row refused in Bengali), shows achievement as the API does, pays commission on them", async () => {
    const base = j.server.base;
    const today = businessDate();
    const month = today.slice(0, 7);
    const periodStart = `${month}-01`;

    // Head office, in Bengali: the reps to set targets for.
    const bn = await signIn(j.browser, base, ADMIN, "bn");
    const bnFaults = watchForFaults(bn);
    const users = await apiGet<{ items: { id: string; email: string; name: string }[] }>(
      bn,
      "/api/v1/users?role=rep&limit=200",
    );
    const reps = users.items.slice(0, 5);
    expect(reps.length).toBeGreaterThanOrEqual(3);
    const row = (email: string, target: string) => `${month},rep,${email},value,,${target}`;
    const header = "period,subject_kind,subject_code,metric,sku_code,target";

    // The import with one bad row (a target in words): nothing imported, that row's problem in Bengali.
    await bn.goto(`${base}/targets`);
    await bn.getByTestId("targets-page").waitFor();
    await bn.getByTestId("targets-import-open").click();
    const bad = [header, ...reps.map((r, i) => row(r.email, i === 1 ? "পঞ্চাশ হাজার" : "50000"))].join("\n");
    await bn.getByTestId("targets-import-csv").fill(bad);
    await bn.getByTestId("targets-import-submit").click();
    const problems = bn.getByTestId("targets-import-problems");
    await problems.waitFor();
    expect(await problems.textContent()).toContain("সমস্যা পাওয়া গেছে: কিছুই আমদানি হয়নি");
    const problemRows = problems.locator("tbody tr");
    expect(await problemRows.count()).toBe(1);
    // The header is row 1: the second rep is row 3.
    expect(await problemRows.first().locator("td").allTextContents()).toEqual([
      "৩",
      "target",
      "target হতে হবে ০ বা তার বেশি পূর্ণসংখ্যা (মূল্য টাকায়, দুই দশমিক পর্যন্ত; কভারেজ %-এ, সর্বোচ্চ ১০০)।",
    ]);
    await bn.screenshot({ path: path.join(SCREENSHOTS, "targets-import-problems-bn.png"), fullPage: true });
    const none = await apiGet<AchievementResponse>(bn, `/api/v1/targets?periodKind=month&period=${today}`);
    expect(none.items.filter((t) => reps.some((r) => r.email === t.subjectCode))).toEqual([]);

    // The corrected file goes in whole.
    const good = [header, ...reps.map((r) => row(r.email, "50000"))].join("\n");
    await bn.getByTestId("targets-import-csv").fill(good);
    await bn.getByTestId("targets-import-submit").click();
    await bn.getByTestId("targets-import-problems").waitFor({ state: "detached" });
    await bn.getByText(`${formatNumber(reps.length, "bn", { bengaliDigits: true })}টি লক্ষ্য আমদানি হয়েছে`).waitFor();

    // Each rep's row shows what the API computes: target, achieved, the bar and its percentage, the projection.
    const list = await apiGet<AchievementResponse>(
      bn,
      `/api/v1/targets?periodKind=month&period=${today}&subjectKind=rep&metric=value`,
    );
    const ours = list.items.filter((t) => reps.some((r) => r.email === t.subjectCode));
    expect(ours.map((t) => [t.source, t.targetValue])).toEqual(reps.map(() => ["csv", 5_000_000]));
    for (const t of ours) {
      const tr = bn.getByTestId(`target-row-${t.id}`);
      await tr.waitFor();
      expect(await tr.getByTestId("target-value").textContent()).toBe(money(t.targetValue, "bn"));
      expect(await tr.getByTestId("target-achieved").textContent()).toBe(money(t.achieved, "bn"));
      expect(await tr.getByTestId("target-achieved-pct").textContent()).toBe(percent(t.achievedBp, "bn"));
      expect(await tr.getByTestId("target-projected").textContent()).toBe(
        t.projected === null ? "—" : money(t.projected, "bn"),
      );
      const bar = Number(await tr.locator('[role="progressbar"]').getAttribute("aria-valuenow"));
      expect(bar).toBeCloseTo(Math.min(100, (t.achievedBp ?? 0) / 100), 5);
    }
    expect(await bn.getByTestId("targets-table").textContent()).not.toMatch(/targets\.\w/);
    await bn.screenshot({ path: path.join(SCREENSHOTS, "targets-bn.png"), fullPage: true });

    // In English: the rep who sold most this month gets a target 80 % of it, so the accelerator pays.
    const en = await signIn(j.browser, base, ADMIN, "en");
    const enFaults = watchForFaults(en);
    const best = [...ours].sort((a, b) => b.achieved - a.achieved)[0];
    if (!best) throw new Error("no target was imported");
    const bestRep = reps.find((r) => r.email === best.subjectCode);
    if (!bestRep) throw new Error("the best target is not one of ours");
    const newTaka = Math.max(1, Math.floor((best.achieved * 0.8) / 100));
    await en.goto(`${base}/targets`);
    const bestRow = en.getByTestId(`target-row-${best.id}`);
    await bestRow.waitFor();
    await bestRow.getByTestId("target-edit-open").click();
    await bestRow.getByTestId("target-edit-input").fill(String(newTaka));
    await bestRow.getByTestId("target-edit-save").click();
    await expect.poll(() => bestRow.getByTestId("target-value").textContent()).toBe(money(newTaka * 100, "en"));
    const after = await apiGet<AchievementResponse>(
      en,
      `/api/v1/targets?periodKind=month&period=${today}&subjectKind=rep&metric=value`,
    );
    const edited = after.items.find((t) => t.id === best.id);
    expect(edited).toMatchObject({ targetValue: newTaka * 100, source: "manual" });
    await expect
      .poll(() => bestRow.getByTestId("target-achieved-pct").textContent())
      .toBe(percent(edited?.achievedBp ?? null, "en"));
    expect(await bestRow.getByTestId("target-achieved").textContent()).toBe(money(edited?.achieved ?? 0, "en"));
    expect(await en.getByTestId("targets-table").textContent()).not.toMatch(/targets\.\w/);
    await en.screenshot({ path: path.join(SCREENSHOTS, "targets-en.png"), fullPage: true });

    // The plan editor: three bands of attainment and a cap.
    await en.goto(`${base}/incentives/plans`);
    await en.getByTestId("incentive-plans").waitFor();
    await en.getByTestId("plan-new").click();
    await en.getByTestId("incentive-plan-editor").waitFor();
    const planName = "E2E reps' commission";
    await en.getByTestId("plan-name").fill(planName);
    await en.getByTestId("plan-name-bn").fill("ই২ই প্রতিনিধি কমিশন");
    const slabs = en.getByTestId("plan-slab");
    expect(await slabs.count()).toBe(3);
    const bands = [
      ["0", "80", "0"],
      ["80", "100", "1.5"],
      ["100", null, "2.5"],
    ] as const;
    for (const [i, [from, to, rate]] of bands.entries()) {
      const slab = slabs.nth(i);
      await slab.getByTestId("plan-slab-from").fill(from);
      if (to !== null) await slab.getByTestId("plan-slab-to").fill(to);
      await slab.getByTestId("plan-slab-rate").fill(rate);
    }
    // Worked by hand: marginal bands of the new target, each line rounded half up; the cap (৳500) takes the rest.
    const sales = best.achieved;
    const target = newTaka * 100;
    const band = (from: number, to: number | null, rateBp: number) =>
      Math.floor((Math.max(0, Math.min(sales, to ?? sales) - from) * rateBp + 5000) / 10000);
    const commission = band(0.8 * target, target, 150) + band(target, null, 250);
    const capPoisha = 50_000;
    await en.getByTestId("plan-cap").fill("500");
    await en.getByTestId("plan-save").click();
    await en.waitForURL(/\/incentives\/plans\/[0-9a-f-]{36}$/);
    const planId = en.url().split("/").pop() ?? "";
    const plan = await apiGet<Plan>(en, `/api/v1/incentives/plans/${planId}`);
    expect(plan).toMatchObject({
      name: planName,
      appliesTo: "rep",
      periodKind: "month",
      validFrom: periodStart,
      capPoisha,
      slabs: [
        { fromBp: 0, toBp: 8000, rateBp: 0 },
        { fromBp: 8000, toBp: 10000, rateBp: 150 },
        { fromBp: 10000, toBp: null, rateBp: 250 },
      ],
    });
    await en.getByTestId("incentives-screen-plans").click();
    await en.getByTestId("plan-row").filter({ hasText: planName }).waitFor();

    // The statements screen: this month's drafts for the plan.
    await en.getByTestId("incentives-screen-statements").click();
    await en.getByTestId("incentive-statements").waitFor();
    await choose(en, "statements-plan", planName);
    await en.waitForURL(new RegExp(`planId=${planId}`));
    await en.getByTestId("statements-compute").click();
    await en.getByTestId("statement-row").first().waitFor();
    const drafts = await apiGet<{ items: StatementSummary[] }>(
      en,
      `/api/v1/incentives/statements?periodStart=${periodStart}&planId=${planId}`,
    );
    expect(drafts.items.length).toBeGreaterThan(0);
    await expect.poll(() => en.getByTestId("statement-row").count()).toBe(drafts.items.length);
    const summary = drafts.items.find((s) => s.personId === bestRep.id);
    if (!summary) throw new Error(`no statement for ${bestRep.email}`);
    expect(summary).toMatchObject({ status: "draft", targetPoisha: newTaka * 100, netSalesPoisha: best.achieved });

    // Open it: its lines and payout as the API has them.
    await en.locator(`[data-testid="statement-open"][href$="/incentives/statements/${summary.id}"]`).click();
    await en.getByTestId("incentive-statement").waitFor();
    const statement = await apiGet<Statement>(en, `/api/v1/incentives/statements/${summary.id}`);
    expect(statement.payoutPoisha).toBe(summary.payoutPoisha);
    expect(statement.lines.length).toBeGreaterThan(0);
    await expect.poll(() => en.getByTestId("statement-line").count()).toBe(statement.lines.length);
    const lineTexts = await en.getByTestId("statement-line").allTextContents();
    for (const [i, l] of statement.lines.entries()) {
      expect(lineTexts[i]).toContain(l.label.en);
      expect(lineTexts[i]).toContain(money(Math.abs(l.amountPoisha), "en"));
    }
    expect(statement.commissionPoisha).toBe(commission);
    expect(statement.payoutPoisha).toBe(Math.min(commission, capPoisha));
    expect(statement.capRemovedPoisha).toBe(Math.max(0, commission - capPoisha));
    expect(statement.lines.some((l) => l.code === "cap")).toBe(commission > capPoisha);
    expect(await en.getByTestId("statement-payout").textContent()).toBe(money(statement.payoutPoisha, "en"));
    expect(await en.getByTestId("incentive-statement").textContent()).not.toMatch(/incentives\.\w/);
    await en.screenshot({ path: path.join(SCREENSHOTS, "incentive-statement-en.png"), fullPage: true });
    await en.getByTestId("statement-approve").click();
    await expect.poll(() => en.getByTestId("statement-status").textContent()).toBe("Approved");
    expect((await apiGet<Statement>(en, `/api/v1/incentives/statements/${summary.id}`)).status).toBe("approved");

    // The payout file: the approved statement's person, and no draft's.
    await en.goto(`${base}/incentives?planId=${planId}&periodStart=${periodStart}`);
    await en.getByTestId("statement-row").first().waitFor();
    const [download] = await Promise.all([
      en.waitForEvent("download"),
      en.getByTestId("statements-export-csv").click(),
    ]);
    const csv = await readFile(await download.path(), "utf8");
    const csvRows = csv.split(/\r?\n/).filter((l) => l.includes(planName));
    expect(csvRows.length).toBe(1);
    expect(csvRows[0]).toContain(bestRep.name);

    // The same statement in Bengali (signing in in English made English the admin's language: switch back).
    await bn.goto(`${base}/incentives/statements/${summary.id}`);
    await bn.getByTestId("statement-lines").waitFor();
    await bn.getByTestId("lang-bn").click();
    await expect.poll(() => bn.getByTestId("statement-status").textContent()).toBe("অনুমোদিত");
    expect(await bn.getByTestId("statement-payout").textContent()).toBe(money(statement.payoutPoisha, "bn"));
    const bnLines = await bn.getByTestId("statement-line").allTextContents();
    expect(bnLines.map((x, i) => x.includes(statement.lines[i]?.label.bn ?? "?"))).toEqual(
      statement.lines.map(() => true),
    );
    expect(await bn.getByTestId("incentive-statement").textContent()).not.toMatch(/incentives\.\w/);
    await bn.screenshot({ path: path.join(SCREENSHOTS, "incentive-statement-bn.png"), fullPage: true });

    expect([...bnFaults, ...enFaults]).toEqual([]);
    await en.close();
    await bn.close();
  });
});
