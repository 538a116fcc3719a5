// `wattplan estimate` in the terminal.
import { formatTable } from "../../format/table.ts";
import type { StackEstimate } from "../../stack-estimate/contract.ts";
import type { StackEstimateDiff } from "../../stack-estimate/diff.ts";
import { changedResources, conditions, DIFF_HEADER, diffHeadline, diffRow, greenerSummary, headline, RESOURCE_HEADER, resourceRow } from "./rows.ts";

export function renderEstimateText(estimate: StackEstimate, diff?: StackEstimateDiff): string {
  const lines = [`Estimate of ${conditions(estimate)}`, "", headline(estimate)];
  if (diff) lines.push(diffHeadline(diff));
  lines.push("");
  if (estimate.resources.length > 0) lines.push(formatTable(RESOURCE_HEADER, estimate.resources.map(resourceRow)), "");
  const greener = greenerSummary(estimate);
  if (greener) lines.push(greener, "");
  if (diff) {
    const changes = changedResources(diff);
    lines.push(changes.length > 0 ? formatTable(DIFF_HEADER, changes.map(diffRow)) : "No compute resource changes between the base and this document.", "");
  }
  const notes = estimate.resources.flatMap((resource) => resource.notes.map((note) => `${resource.name}: ${note}`));
  if (notes.length > 0) lines.push("Notes:", ...notes.map((note) => `  - ${note}`), "");
  if (estimate.notEstimated.length > 0) {
    lines.push(`Not estimated (${estimate.notEstimated.length}):`);
    for (const entry of estimate.notEstimated) lines.push(`  - ${entry.type} ${entry.name}: ${entry.reason}`);
    lines.push("");
  }
  if (estimate.accountedFor.length > 0) {
    lines.push(`Counted through another resource (${estimate.accountedFor.length}): ${estimate.accountedFor.map((entry) => `${entry.name} (${entry.reason})`).join("; ")}`, "");
  }
  for (const warning of estimate.warnings) lines.push(`Warning: ${warning}`);
  return `${lines.join("\n").trimEnd()}\n`;
}
