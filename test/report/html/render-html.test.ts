import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/domain/plan.ts";
import { regionLocationsFromCatalog, renderHtml } from "../../../src/report/html/index.ts";
import { parsePlanText } from "../../../src/report/read-plan.ts";
import { basePlanPath, headPlan } from "../helpers.ts";
import { fixtureRegions, mapCandidates } from "./fixture.ts";

const goldenPath = fileURLToPath(new URL("./golden/fixture-report.html", import.meta.url));
const plan = headPlan();

function count(html: string, pattern: RegExp): number {
  return (html.match(pattern) ?? []).length;
}

describe("renderHtml", () => {
  it("matches the golden file for the fixture plan (UPDATE_GOLDEN=1 rewrites it)", () => {
    const html = renderHtml(plan);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(dirname(goldenPath), { recursive: true });
      writeFileSync(goldenPath, html);
    }
    expect(html).toBe(readFileSync(goldenPath, "utf8"));
  });

  it("is one self-contained page: no script, no external reference, a strict CSP that allows exactly its stylesheet", () => {
    const html = renderHtml(plan, { regions: fixtureRegions });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(?!#)/i);
    expect(html).not.toMatch(/\sstyle=/i);
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    expect(csp).toContain("default-src 'none'");
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]);
    expect(styles).toHaveLength(1);
    const hash = createHash("sha256").update(styles[0]).digest("base64");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
  });

  it("carries the headline and the four figures every report has", () => {
    const html = renderHtml(plan, { regions: fixtureRegions });
    // Fixture savings: 45 kg (66.8 %) and $480.9 (43.1 %) a month against the baseline, written as the Markdown report writes them.
    expect(html).toContain("Monthly carbon <span class=\"headline-delta better\">\u221245 kgCO₂e (\u221267 %)</span>");
    expect(html).toContain("\u2212$481 (\u221243 %)");
    for (const figure of ["carbon-per-inference", "pue", "flops-per-query", "grid-intensity", "monthly-cost", "monthly-carbon"])
      expect(html).toContain(`data-figure="${figure}"`);
    expect(html).toContain("71.1<span class=\"unit\">µgCO₂e</span>");
    expect(html).toContain("lifecycle basis, 2024");
  });

  it("draws one Pareto point per front member and one map dot per region", () => {
    const html = renderHtml(plan, { regions: fixtureRegions });
    expect(count(html, /data-role="pareto-point"/g)).toBe(plan.pareto.length);
    expect(count(html, /data-role="baseline-point"/g)).toBe(1);
    expect(count(html, /data-role="region-dot"/g)).toBe(Object.keys(fixtureRegions).length);
  });

  it("compares with the base branch when given one", () => {
    const base = mapCandidates(plan, (candidate) => ({ ...candidate, monthlyKgCo2e: candidate.monthlyKgCo2e * 2, monthlyCostUsd: candidate.monthlyCostUsd - 38 }));
    const html = renderHtml(plan, { regions: fixtureRegions, base });
    expect(html).toContain("vs base branch");
    expect(html).toContain("\u221222.4 kgCO₂e (\u221250 %)");
    expect(html).toContain("+$38 (+6 %)");
    expect(count(html, /data-role="base-point"/g)).toBe(1);
    expect(html).toContain('data-role="base-comparison"');
  });

  it("renders without region coordinates, listing the regions it could not place", () => {
    const html = renderHtml(plan, { regions: {} });
    expect(count(html, /data-role="region-dot"/g)).toBe(0);
    expect(html).toContain("No coordinates given for");
  });

  it("places regions at the coordinates the plan's candidates carry when the caller gives none", () => {
    const html = renderHtml(plan);
    expect(count(html, /data-role="region-dot"/g)).toBe(Object.keys(fixtureRegions).length);
    expect(html).not.toContain("No coordinates given for");
    expect(html).toBe(renderHtml(plan, { regions: fixtureRegions }));
  });

  it("renders a plan of schemaVersion 1, which carries no coordinates: its regions are listed, and a catalog can place them", () => {
    const old = parsePlanText(readFileSync(basePlanPath, "utf8"), "base.plan.json");
    expect(old.schemaVersion).toBe(1);
    const unplaced = renderHtml(old);
    expect(count(unplaced, /data-role="region-dot"/g)).toBe(0);
    expect(unplaced).toContain("not on the map (plans written before schemaVersion 2 carry no coordinates)");
    const catalog = { regions: Object.entries(fixtureRegions).map(([key, location]) => ({ provider: key.split("/")[0], code: key.split("/")[1], ...location })) };
    const placed = renderHtml(old, { regions: regionLocationsFromCatalog(catalog as never, old) });
    expect(count(placed, /data-role="region-dot"/g)).toBeGreaterThan(0);
    expect(placed).not.toContain("No coordinates given for");
  });

  it("escapes every string that comes from the plan", () => {
    const attack = `<img src=x onerror="alert(1)">`;
    const hostile: Plan = {
      ...mapCandidates(plan, (candidate) => ({ ...candidate, regionName: `${attack}'&`, region: `${candidate.region}<script>alert(2)</script>`, instanceType: `" onmouseover="alert(3)` })),
      spec: { ...plan.spec, name: `</title><script>alert(4)</script>` },
      model: { ...plan.model, name: `<svg onload=alert(5)>` },
      warnings: [`<b>bold</b> ${attack}`],
      assumptions: [`<iframe src="javascript:alert(6)">`],
      intensity: { ...plan.intensity, description: `</desc><script>alert(7)</script>` },
    };
    const regions = Object.fromEntries(Object.entries(fixtureRegions).map(([key, location]) => [`${key}<script>alert(2)</script>`, location]));
    const html = renderHtml(hostile, { regions });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).not.toMatch(/<b>bold/);
    expect(html).not.toContain(`" onmouseover="`);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;");
    expect(html).toContain("&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;");
    // The hostile region still lands on the map: escaping did not break the lookup.
    expect(count(html, /data-role="region-dot"/g)).toBe(Object.keys(fixtureRegions).length);
  });
});
