// The HTML report in a real browser: Debian's chromium driven by playwright-core. Without chromium the tests are
// skipped with the reason in their title, except under CI (CI=true), where a missing chromium fails and says what
// to install (.ci/run installs it).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, launchChromium, type ChromiumSession } from "../../../scripts/screenshot-report.ts";
import type { Plan } from "../../../src/domain/plan.ts";
import { renderHtml } from "../../../src/report/html/index.ts";
import { fixtureRegions, mapCandidates } from "./fixture.ts";
import { headPlan } from "../helpers.ts";

const plan = headPlan();

// The project compiles without the DOM library; these few shapes are all the page-side code uses.
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface SvgNode {
  getBBox(): Box;
  getBoundingClientRect(): Box;
  ownerSVGElement: SvgNode | null;
  viewBox: { baseVal: Box };
  querySelector(selector: string): SvgNode | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): SvgNode | null; querySelectorAll(selector: string): Iterable<SvgNode>; body: unknown };
  getComputedStyle(element: unknown): { backgroundColor: string };
}
let session: ChromiumSession;
let workDirectory: string;

const skipReason = existsSync(chromiumPath) || process.env.CI ? null : `chromium not found at ${chromiumPath}: apt-get install chromium, or set WATTPLAN_CHROMIUM`;
if (skipReason) console.warn(`skipping the browser tests: ${skipReason}`);

/** Writes the page, opens it and records every request, failure and console error. */
async function openReport(fileName: string, html: string) {
  const path = join(workDirectory, fileName);
  writeFileSync(path, html);
  const url = pathToFileURL(path).href;
  const page = await session.context.newPage();
  const requests: string[] = [];
  const failures: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("requestfailed", (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: "load" });
  return { page, url, requests, failures, errors };
}

describe.skipIf(skipReason !== null)(`HTML report in chromium${skipReason ? ` (SKIPPED: ${skipReason})` : ""}`, () => {
  beforeAll(async () => {
    workDirectory = mkdtempSync(join(tmpdir(), "wattplan-html-test-"));
    session = await launchChromium();
  });

  afterAll(async () => {
    await session?.close();
    rmSync(workDirectory, { recursive: true, force: true });
  });

  it("renders the charts, loads nothing but itself and breaks no CSP rule", async () => {
    const { page, url, requests, failures, errors } = await openReport("report.html", renderHtml(plan, { regions: fixtureRegions }));

    expect(await page.locator('svg[data-chart="pareto"] [data-role="pareto-point"]').count()).toBe(plan.pareto.length);
    expect(await page.locator('svg[data-chart="pareto"] [data-role="baseline-point"]').count()).toBe(1);
    expect(await page.locator('svg[data-chart="regions"] [data-role="region-bar"]').count()).toBeGreaterThan(1);
    expect(await page.locator('svg[data-chart="map"] [data-role="region-dot"]').count()).toBe(Object.keys(fixtureRegions).length);

    const map = await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const svg = document.querySelector('svg[data-chart="map"]')!;
      const land = svg.querySelector('[data-role="land"]')!.getBBox();
      return { landWidth: land.width, landHeight: land.height, viewBoxWidth: svg.viewBox.baseVal.width, shownWidth: svg.getBoundingClientRect().width };
    });
    expect(map.landWidth / map.viewBoxWidth).toBeGreaterThan(0.95);
    expect(map.landWidth / map.viewBoxWidth).toBeLessThanOrEqual(1.001);
    expect(map.landHeight).toBeGreaterThan(map.viewBoxWidth * 0.3);
    expect(map.shownWidth).toBeGreaterThan(500);

    // Every chart point lies inside its SVG's drawing area.
    const outside = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('svg[data-chart="pareto"] [data-role$="-point"]')].filter((point) => {
        const box = point.getBBox();
        const viewBox = point.ownerSVGElement!.viewBox.baseVal;
        return box.x < 0 || box.y < 0 || box.x + box.width > viewBox.width || box.y + box.height > viewBox.height;
      }).length,
    );
    expect(outside).toBe(0);

    expect(requests).toEqual([url]);
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);

    const screenshot = await page.screenshot({ fullPage: true, path: join(workDirectory, "report.png") });
    expect(screenshot.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(readFileSync(join(workDirectory, "report.png")).length).toBeGreaterThan(20_000);
    await page.close();
  });

  it("follows a dark colour scheme", async () => {
    const { page } = await openReport("dark.html", renderHtml(plan, { regions: fixtureRegions }));
    const background = () =>
      page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
        return getComputedStyle(document.body).backgroundColor;
      });
    await page.emulateMedia({ colorScheme: "light" });
    const light = await background();
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await background();
    expect(light).not.toBe(dark);
    const luminance = (colour: string) => colour.match(/\d+/g)!.slice(0, 3).reduce((sum, channel) => sum + Number(channel), 0);
    expect(luminance(dark)).toBeLessThan(luminance(light));
    await page.close();
  });

  it("runs nothing a hostile plan smuggles in", async () => {
    const payload = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;
    const hostile: Plan = {
      ...mapCandidates(plan, (candidate) => ({ ...candidate, regionName: payload })),
      spec: { ...plan.spec, name: payload },
      warnings: [payload],
    };
    const { page, requests, url } = await openReport("hostile.html", renderHtml(hostile, { regions: fixtureRegions }));
    expect(await page.title()).not.toBe("pwned");
    expect(await page.locator("img, script, iframe").count()).toBe(0);
    expect(await page.locator(".warnings li").first().textContent()).toBe(payload);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
