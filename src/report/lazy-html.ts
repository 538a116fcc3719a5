// The library's `renderHtml`: an async door, so `import "wattplan"` loads the charts and the world map only when an
// HTML report is rendered.
import type { Plan } from "../domain/plan.ts";
import type { HtmlReportOptions } from "./html/index.ts";

/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the Pareto front,
 * carbon per inference by region and a world map; with `options.base`, the change from the base branch's plan.
 * Asynchronous only because it loads its rendering code on first use; the page depends on the plans alone.
 */
export async function renderHtml(plan: Plan, options?: HtmlReportOptions): Promise<string> {
  const html = await import("./html/index.ts");
  return html.renderHtml(plan, options);
}
