import type { Plan } from "../../domain/plan.ts";
import { hourlySourceText } from "../describe-schedule.ts";
import { flopsPerQuery, intensityYears, objectiveLabel } from "../describe.ts";
import { groupThousands } from "../../format/numbers.ts";
import { clip } from "../../format/clip.ts";
import { escapeCell, escapeText, inlineCode, markdownTable } from "./text.ts";

export type DetailsLevel = "full" | "compact" | "none";

const MOST_CHARACTERS_PER_ITEM = 400;

/** Assumptions, data sources with their dates, and where the plan came from, folded away under <details>. */
export function detailsSection(plan: Plan, base: Plan | undefined, level: DetailsLevel): string | null {
  if (level === "none") return null;
  const parts: string[] = ["<details>", "<summary>Assumptions and data sources</summary>", ""];
  parts.push("**Assumptions**", "");
  const assumptions = level === "full" ? plan.assumptions : plan.assumptions.slice(0, 10);
  parts.push(...assumptions.map((assumption) => `- ${escapeText(clip(assumption, MOST_CHARACTERS_PER_ITEM))}`));
  if (assumptions.length < plan.assumptions.length) parts.push(`- … and ${plan.assumptions.length - assumptions.length} more (see the plan JSON)`);
  if (plan.assumptions.length === 0) parts.push("- (none recorded)");
  parts.push("");
  parts.push(
    `**Grid intensity**: ${escapeText(plan.intensity.description)}; ${plan.intensity.basis} basis, ${intensityYears(plan)}, source ${escapeText(plan.intensity.source)}${plan.intensity.fetchedAt ? `, fetched ${escapeText(plan.intensity.fetchedAt)}` : ""}.` +
      (plan.intensity.hourly ? ` Hourly: ${escapeText(hourlySourceText(plan) ?? "")}; ${escapeText(plan.intensity.hourly.use)}.` : ""),
    "",
  );
  const dates = Object.entries(plan.catalog.asOf)
    .sort(([first], [second]) => first.localeCompare(second))
    .map(([part, range]) => [escapeCell(part), range.oldest === range.newest ? escapeCell(range.oldest) : `${escapeCell(range.oldest)} – ${escapeCell(range.newest)}`]);
  parts.push(`**Data dates** (catalog ${escapeText(plan.catalog.version)}, ${escapeText(plan.catalog.builtFrom)}):`, "", markdownTable(["Figures", "As of"], dates), "");
  if (level === "full") {
    const sources = plan.catalog.sources.map((source) => [inlineCode(source.id), escapeCell(source.title), escapeCell(source.publisher), escapeCell(source.licence), escapeCell(source.retrieved)]);
    if (sources.length > 0) parts.push("**Data sources**", "", markdownTable(["Id", "Title", "Publisher", "Licence", "Retrieved"], sources), "");
  }
  const profiles = plan.model.profiles.map((profile) => `${profile.host}${profile.instanceType ? ` (${profile.instanceType})` : ""}, ${profile.createdAt}, ${profile.precisions.join("/")}`);
  const queryFlops = flopsPerQuery(plan);
  const queryFlopsText = `${queryFlops.headline}${queryFlops.detail ? ` (${queryFlops.detail})` : ""}`;
  parts.push(
    `**Model**: ${escapeText(plan.model.name)} (sha256 ${inlineCode(plan.model.sha256.slice(0, 16))}), ${queryFlopsText} per inference, ${groupThousands(String(plan.model.params))} parameters; profiled on ${escapeText(profiles.join("; ") || "(no profile)")}.`,
    "",
    `**Search**: ${groupThousands(String(plan.search.candidatesEnumerated))} candidates, ${groupThousands(String(plan.search.candidatesFeasible))} feasible; objective ${objectiveLabel(plan)}.` +
      excludedText(plan),
    "",
    `**Plan** ${inlineCode(plan.id.slice(0, 12))} made ${escapeText(plan.createdAt)} by wattplan ${escapeText(plan.wattplanVersion)}${base ? `; base plan ${inlineCode(base.id.slice(0, 12))} made ${escapeText(base.createdAt)}` : ""}.`,
    "",
    "</details>",
  );
  return parts.join("\n");
}

function excludedText(plan: Plan): string {
  const entries = Object.entries(plan.search.excludedBy).filter(([, count]) => count > 0).sort(([first], [second]) => first.localeCompare(second));
  if (entries.length === 0) return "";
  return ` Excluded by ${entries.map(([constraint, count]) => `${escapeText(constraint)} ${groupThousands(String(count))}`).join(", ")}.`;
}
