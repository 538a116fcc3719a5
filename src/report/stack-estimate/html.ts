// `wattplan estimate --format html`: a standalone page with the same tables as the Markdown comment.
import type { StackEstimate } from "../../stack-estimate/contract.ts";
import type { StackEstimateDiff } from "../../stack-estimate/diff.ts";
import { escapeHtml } from "../html/escape.ts";
import { REPORT_CSS } from "../html/styles.ts";
import { changedResources, conditions, DIFF_HEADER, DIFF_NUMERIC, diffHeadline, diffRow, greenerSummary, groupedNotEstimated, headline, METHOD, RESOURCE_HEADER, RESOURCE_NUMERIC, resourceRow } from "./rows.ts";

function table(header: string[], rows: string[][], numeric: boolean[]): string {
  const cell = (tag: "th" | "td", text: string, column: number) => `<${tag}${numeric[column] ? ' class="num"' : ""}>${escapeHtml(text)}</${tag}>`;
  return `<table><thead><tr>${header.map((title, column) => cell("th", title, column)).join("")}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((text, column) => cell("td", text, column)).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

export function renderEstimateHtml(estimate: StackEstimate, diff?: StackEstimateDiff): string {
  const sections: string[] = [];
  if (diff) {
    const changes = changedResources(diff);
    sections.push(`<section><h2>What this change does</h2>${changes.length > 0 ? table(DIFF_HEADER, changes.map(diffRow), DIFF_NUMERIC) : "<p>No compute resource changes.</p>"}</section>`);
  }
  if (estimate.resources.length > 0) sections.push(`<section><h2>Compute resources</h2>${table(RESOURCE_HEADER, estimate.resources.map(resourceRow), RESOURCE_NUMERIC)}</section>`);
  const greener = greenerSummary(estimate);
  if (greener) sections.push(`<p>${escapeHtml(greener)}</p>`);
  const notes = estimate.resources.flatMap((resource) => resource.notes.map((note) => `${resource.name}: ${note}`));
  if (notes.length > 0) sections.push(`<ul>${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join("")}</ul>`);
  if (estimate.notEstimated.length > 0) {
    const rows = groupedNotEstimated(estimate.notEstimated).map((group) => [group.type, `${group.names.length}`, group.reason, group.names.join(", ")]);
    sections.push(`<section><h2>Not estimated (${estimate.notEstimated.length})</h2>${table(["type", "count", "why", "names"], rows, [false, true, false, false])}</section>`);
  }
  for (const warning of estimate.warnings) sections.push(`<p class="warning">${escapeHtml(warning)}</p>`);
  sections.push(`<section><h2>Method</h2><p>${escapeHtml(METHOD)}</p></section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>wattplan estimate: ${escapeHtml(estimate.source.label)}</title>
<style>${REPORT_CSS}
table { border-collapse: collapse; width: 100%; margin: 12px 0 24px; font-size: 14px; } th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); } .num { text-align: right; } section { margin-top: 24px; }</style>
</head><body><main>
<header class="hero"><div class="eyebrow"><span class="brand">wattplan</span> estimate</div><h1>Monthly cost and carbon of this Pulumi stack</h1>
<p class="lede"><strong>${escapeHtml(diff ? diffHeadline(diff) : headline(estimate))}</strong></p>${diff ? `<p class="lede">${escapeHtml(headline(estimate))}</p>` : ""}
<p class="lede">${escapeHtml(conditions(estimate))}</p></header>
${sections.join("\n")}
</main></body></html>
`;
}
