import type { MetricDelta, PlanDiff } from "../../domain/diff.ts";
import type { Candidate } from "../../domain/plan.ts";
import { acceleratorLabel, deploymentLabel, instancesLabel } from "../describe.ts";
import { formatSignedPercent, formatSignedUsd, formatSignedValue, formatValue } from "../../format/numbers.ts";
import { clip } from "../../format/clip.ts";
import { escapeCell, inlineCode, markdownTable } from "./text.ts";

const VERDICT_TEXT = { better: "better", worse: "**worse**", same: "same" } as const;
const MOST_SPEC_CHANGES_SHOWN = 12;

/** Base vs head: where it runs, then every compared figure with its change and whether that is better. */
export function summaryTable(diff: PlanDiff, base: Candidate, head: Candidate, titles: [string, string]): string {
  const rows: string[][] = [
    // Each row says whether what it shows changed: a change of fleet size alone is the Instances row's, not this one's.
    ["Deployment", escapeCell(deploymentLabel(base)), escapeCell(deploymentLabel(head)), changeWord(deploymentLabel(base), deploymentLabel(head))],
    ["Accelerator", escapeCell(acceleratorLabel(base)), escapeCell(acceleratorLabel(head)), changeWord(acceleratorLabel(base), acceleratorLabel(head))],
    ["Instances (min / desired / max)", instancesLabel(base), instancesLabel(head), changeWord(instancesLabel(base), instancesLabel(head))],
    ...diff.metrics.map((delta) => [delta.label, formatValue(delta.base, delta.unit), formatValue(delta.head, delta.unit), changeText(delta)]),
  ];
  return markdownTable(["", titles[0], titles[1], "Change"], rows, [false, true, true, true]);
}

/** The spec keys that differ between base and head, as a short list. */
export function specChangesList(diff: PlanDiff): string | null {
  if (diff.specChanges.length === 0) return null;
  const shown = diff.specChanges.slice(0, MOST_SPEC_CHANGES_SHOWN).map(
    (change) => `- ${inlineCode(change.path)}: ${escapeCell(clip(change.base ?? "(unset)", 120))} → ${escapeCell(clip(change.head ?? "(unset)", 120))}`,
  );
  const more = diff.specChanges.length - shown.length;
  if (more > 0) shown.push(`- … and ${more} more`);
  return ["Spec changes:", "", ...shown].join("\n");
}

function changeText(delta: MetricDelta): string {
  const absolute = delta.unit === "USD" ? formatSignedUsd(delta.absolute) : formatSignedValue(delta.absolute, delta.unit);
  if (delta.verdict === "same") return `${absolute} (${formatSignedPercent(delta.percent)}), same`;
  return `${absolute} (${formatSignedPercent(delta.percent)}), ${VERDICT_TEXT[delta.verdict]}`;
}

function changeWord(base: string, head: string): string {
  return base === head ? "same" : "changed";
}
