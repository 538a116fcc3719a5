import type { Plan } from "../../domain/plan.ts";
import { compare, compareWithBaseline } from "../diff/compare.ts";
import { deploymentLabel } from "../describe.ts";
import { alternativesTable, alternativesToShow } from "./alternatives.ts";
import { chosenSection } from "./chosen.ts";
import { detailsSection, type DetailsLevel } from "./details.ts";
import { headlineOf } from "./headline.ts";
import { keyMetricsTable } from "./key-metrics.ts";
import { reportMarkers } from "./marker.ts";
import { scheduleSection } from "./schedule.ts";
import { specChangesList, summaryTable } from "./summary-table.ts";
import { clip } from "../../format/clip.ts";
import type { TargetsBlock } from "../../targets/plan-effect.ts";
import { targetsSection } from "./targets.ts";
import { escapeText, inlineCode } from "./text.ts";
import { reportWarnings } from "./warnings.ts";

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** The plan of the base branch: the report becomes the diff base → plan. Without it, the plan's own baseline. */
  base?: Plan;
  /** How many alternatives to list at most (default 5). */
  alternatives?: number;
  /** The longest report to produce, in characters (default: GitHub's comment limit). */
  maxCharacters?: number;
  /** The plan's effect on the spec's targets (`report --history`): adds a "Targets" block. */
  targets?: TargetsBlock;
}

interface Layout {
  alternatives: number;
  details: DetailsLevel;
  /** null = every warning. */
  warnings: number | null;
  warningCharacters: number;
  /** The chosen deployment and key metrics sections. */
  body: boolean;
}

/**
 * The pull-request report: marker, headline, base-vs-head table, the four key metrics, the chosen deployment with
 * its ranges, alternatives, warnings and (folded) assumptions and sources. Deterministic: the only dates are the
 * plans' own. When too long for a GitHub comment it drops alternatives first, then details, then trims warnings;
 * the headline and summary always stay.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxCharacters = options.maxCharacters ?? GITHUB_COMMENT_LIMIT;
  const wanted = Math.max(0, options.alternatives ?? 5);
  const render = (layout: Layout) => compose(plan, options, layout, wanted);
  const fits = (text: string) => text.length <= maxCharacters;
  const full: Layout = { alternatives: wanted, details: "full", warnings: null, warningCharacters: 1_000, body: true };
  const first = render(full);
  if (fits(first)) return first;
  // Alternatives go first: keep as many as fit beside everything else (binary search over the count).
  let fewest = 0;
  let most = wanted - 1;
  let best: string | null = null;
  while (fewest <= most) {
    const count = Math.floor((fewest + most) / 2);
    const text = render({ ...full, alternatives: count });
    if (fits(text)) {
      best = text;
      fewest = count + 1;
    } else {
      most = count - 1;
    }
  }
  if (best !== null) return best;
  const layouts: Layout[] = [
    { alternatives: 0, details: "compact", warnings: null, warningCharacters: 1_000, body: true },
    { alternatives: 0, details: "none", warnings: null, warningCharacters: 1_000, body: true },
    { alternatives: 0, details: "none", warnings: 20, warningCharacters: 300, body: true },
    { alternatives: 0, details: "none", warnings: 5, warningCharacters: 200, body: false },
    { alternatives: 0, details: "none", warnings: 0, warningCharacters: 0, body: false },
  ];
  for (const layout of layouts) {
    const text = render(layout);
    if (fits(text)) return text;
  }
  // Only a pathological plan gets here (a plan name or summary cell of tens of thousands of characters).
  const text = render(layouts[layouts.length - 1]);
  const notice = "\n\n_(report cut at GitHub's comment limit)_\n";
  return `${text.slice(0, Math.max(0, maxCharacters - notice.length))}${notice}`;
}

function compose(plan: Plan, options: MarkdownOptions, layout: Layout, wantedAlternatives: number): string {
  const base = options.base;
  const diff = base ? compare(base, plan) : compareWithBaseline(plan);
  const baseCandidate = base ? base.chosen : plan.baseline;
  const name = escapeText(plan.spec.name);
  const against = base
    ? `against the base branch's plan (${inlineCode(base.id.slice(0, 12))}: ${escapeText(deploymentLabel(base.chosen))})`
    : `against the baseline (${escapeText(deploymentLabel(plan.baseline))}, ${plan.baseline.instances.desired} instance(s))`;
  const sections: string[] = [
    reportMarkers(plan.spec.name),
    `### wattplan: ${name}`,
    `**${headlineOf(diff)}** ${against}`,
    summaryTable(diff, baseCandidate, plan.chosen, base ? ["Base", "Head"] : ["Baseline", "Chosen"]),
  ];
  if (!diff.deploymentChanged && diff.metrics.every((metric) => metric.verdict === "same")) {
    sections.push(`_No change to the chosen deployment or its figures._`);
  }
  const specChanges = base ? specChangesList(diff) : null;
  if (specChanges) sections.push(specChanges);
  if (options.targets) sections.push("#### Targets", targetsSection(options.targets, plan.createdAt));

  const trimmed: string[] = [];
  if (layout.body) {
    sections.push("#### Key metrics", keyMetricsTable(plan));
    sections.push("#### Chosen deployment", chosenSection(plan));
    const schedule = scheduleSection(plan);
    if (schedule) sections.push("#### Batch schedule", schedule);
  } else {
    trimmed.push("the key metrics and chosen deployment sections");
  }

  const { title, candidates } = alternativesToShow(plan);
  const alternatives = candidates.slice(0, layout.alternatives);
  if (alternatives.length > 0) sections.push(`#### ${title}`, alternativesTable(alternatives));
  const omittedAlternatives = Math.min(candidates.length, wantedAlternatives) - alternatives.length;
  if (omittedAlternatives > 0) trimmed.push(`${omittedAlternatives} alternative(s)`);

  const warnings = reportWarnings(plan, base, alternatives);
  const shownWarnings = layout.warnings === null ? warnings : warnings.slice(0, layout.warnings);
  if (shownWarnings.length > 0) {
    sections.push("#### Warnings", shownWarnings.map((warning) => `- ⚠️ ${escapeText(clip(warning, layout.warningCharacters))}`).join("\n"));
  }
  if (shownWarnings.length < warnings.length) trimmed.push(`${warnings.length - shownWarnings.length} warning(s)`);

  const details = detailsSection(plan, base, layout.details);
  if (details) sections.push(details);
  if (layout.details !== "full") trimmed.push(layout.details === "none" ? "the assumptions and data sources" : "part of the data sources");

  if (trimmed.length > 0) sections.push(`_Shortened to fit GitHub's comment limit: left out ${trimmed.join(", ")}; the plan JSON has everything._`);
  sections.push(`<sub>wattplan ${escapeText(plan.wattplanVersion)} · plan ${inlineCode(plan.id.slice(0, 12))} · ${escapeText(plan.createdAt)}</sub>`);
  return `${sections.join("\n\n")}\n`;
}
