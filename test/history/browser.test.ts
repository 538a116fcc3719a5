// The history page in a real browser (Debian's chromium through playwright-core, as the HTML report's test):
// every chart draws a point per record, the trajectory and the target, inside its drawing area, and nothing loads.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type ChromiumSession } from "../../scripts/screenshot-report.ts";
import { readHistory } from "../../src/history/read-history.ts";
import { renderHistoryHtml } from "../../src/report/history/html.ts";
import { WATTPLAN_VERSION } from "../../src/version.ts";
import { evaluateHistory } from "../../src/targets/evaluate-history.ts";
import { repositoryRoot } from "./helpers.ts";

// The project compiles without the DOM library; these few shapes are all the page-side code uses.
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface SvgNode {
  getBBox(): Box;
  ownerSVGElement: SvgNode | null;
  viewBox: { baseVal: Box };
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<SvgNode> };
}

let session: ChromiumSession;
let workDirectory: string;

beforeAll(async () => {
  workDirectory = mkdtempSync(join(tmpdir(), "wattplan-history-browser-"));
  session = await launchChromium();
});

afterAll(async () => {
  await session?.close();
  rmSync(workDirectory, { recursive: true, force: true });
});

describe("the history page in chromium", () => {
  it("draws each target's records, trajectory and target inside the chart, loads nothing but itself and breaks no CSP rule", async () => {
    const history = await readHistory(join(repositoryRoot, "examples", "history"));
    const evaluation = evaluateHistory(history.records);
    const path = join(workDirectory, "history.html");
    writeFileSync(path, renderHistoryHtml(evaluation, "examples/history", WATTPLAN_VERSION));
    const url = pathToFileURL(path).href;
    const page = await session.context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: "load" });

    const charts = page.locator('svg[data-chart="target"]');
    expect(await charts.count()).toBe(evaluation.targets.length);
    for (let index = 0; index < evaluation.targets.length; index++) {
      const chart = charts.nth(index);
      expect(await chart.locator('[data-role="history-point"]').count()).toBe(evaluation.records.length);
      expect(await chart.locator('[data-role="history-segment"]').count()).toBe(evaluation.records.length - 1);
      expect(await chart.locator('[data-role="trajectory"]').count()).toBe(1);
      expect(await chart.locator('[data-role="now-line"]').count()).toBe(1);
    }
    // The SCI target has a due date (a target marker); the cost ceiling has none.
    expect(await charts.nth(0).locator('[data-role="target-point"]').count()).toBe(1);
    expect(await charts.nth(1).locator('[data-role="target-point"]').count()).toBe(0);
    expect(await page.locator('table[data-role="trend"] tbody tr').count()).toBe(evaluation.records.length);

    const outside = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('svg[data-chart="target"] [data-role="history-point"], svg[data-chart="target"] [data-role="target-point"]')].filter((point) => {
        const box = point.getBBox();
        const viewBox = point.ownerSVGElement!.viewBox.baseVal;
        return box.x < 0 || box.y < 0 || box.x + box.width > viewBox.width || box.y + box.height > viewBox.height;
      }).length,
    );
    expect(outside).toBe(0);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
