// `wattplan estimate --format md`: the pull request comment (posted and updated by `wattplan comment github`).
import type { StackEstimate } from "../../stack-estimate/contract.ts";
import type { StackEstimateDiff } from "../../stack-estimate/diff.ts";
import { reportMarkers } from "../markdown/marker.ts";
import { clip } from "../../format/clip.ts";
import { escapeCell, escapeText, markdownTable } from "../markdown/text.ts";
import { changedResources, conditions, DIFF_HEADER, DIFF_NUMERIC, diffHeadline, diffRow, greenerSummary, groupedNotEstimated, headline, METHOD, RESOURCE_HEADER, RESOURCE_NUMERIC, resourceRow } from "./rows.ts";

/** Tables stop here so a large stack cannot push the comment past GitHub's 65,536 characters. */
const MOST_ROWS = 60;

function table(header: string[], rows: string[][], numeric: boolean[]): string {
  const shown = rows.slice(0, MOST_ROWS).map((row) => row.map((cell) => escapeCell(clip(cell, 160))));
  const more = rows.length > MOST_ROWS ? `\n\n… and ${rows.length - MOST_ROWS} more (see the JSON output)` : "";
  return `${markdownTable(header, shown, numeric)}${more}`;
}

/** A comment name from the stack's URNs ("estimate-inference-platform-dev"), so each stack keeps its own comment. */
export function commentName(estimate: StackEstimate): string {
  const urn = [...estimate.resources, ...estimate.notEstimated, ...estimate.accountedFor][0]?.urn ?? "";
  const match = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(urn);
  const name = match ? `${match[2]}-${match[1]}` : "stack";
  return `estimate-${name.replace(/[^A-Za-z0-9._-]/g, "-")}`;
}

export function renderEstimateMarkdown(estimate: StackEstimate, diff?: StackEstimateDiff): string {
  const parts = [reportMarkers(commentName(estimate)), "### wattplan: monthly cost and carbon of this Pulumi stack", ""];
  parts.push(`**${escapeText(diff ? diffHeadline(diff) : headline(estimate))}**`, "");
  if (diff) parts.push(escapeText(headline(estimate)), "");
  parts.push(`<sub>${escapeText(conditions(estimate))}</sub>`, "");
  if (diff) {
    const changes = changedResources(diff);
    parts.push("#### What this change does", "", changes.length > 0 ? table(DIFF_HEADER, changes.map(diffRow), DIFF_NUMERIC) : "No compute resource changes.", "");
  }
  if (estimate.resources.length > 0) parts.push("#### Compute resources", "", table(RESOURCE_HEADER, estimate.resources.map(resourceRow), RESOURCE_NUMERIC), "");
  const greener = greenerSummary(estimate);
  if (greener) parts.push(escapeText(greener), "");
  const notes = estimate.resources.flatMap((resource) => resource.notes.map((note) => `${resource.name}: ${note}`));
  if (notes.length > 0) parts.push(...notes.slice(0, MOST_ROWS).map((note) => `- ${escapeText(clip(note, 240))}`), "");
  if (estimate.notEstimated.length > 0) {
    const rows = groupedNotEstimated(estimate.notEstimated).map((group) => [group.type, `${group.names.length}`, group.reason, group.names.slice(0, 5).join(", ") + (group.names.length > 5 ? ", …" : "")]);
    parts.push(`<details><summary>Not estimated: ${estimate.notEstimated.length} resource(s)</summary>`, "", table(["type", "count", "why", "names"], rows, [false, true, false, false]), "", "</details>", "");
  }
  for (const warning of estimate.warnings) parts.push(`> [!WARNING]\n> ${escapeText(warning)}`, "");
  parts.push(`<details><summary>How these figures are made</summary>\n\n${escapeText(METHOD)}\n\n</details>`, "");
  return `${parts.join("\n").trimEnd()}\n`;
}
