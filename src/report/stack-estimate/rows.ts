// The figures of a stack estimate as plain-text table cells, shared by the text, Markdown and HTML renderers.
import type { NotEstimated, ResourceEstimate, StackEstimate } from "../../stack-estimate/contract.ts";
import type { ResourceChange, StackEstimateDiff } from "../../stack-estimate/diff.ts";
import { formatSignedPercent, formatSignedUsd, formatSignedValue, formatSignificant, formatUsd } from "../../format/numbers.ts";

export const kg = (value: number | null) => (value === null ? "n/a" : `${formatSignificant(value)} kgCO2e`);
export const usd = (value: number | null) => (value === null ? "no price" : formatUsd(value));
export const kwh = (value: number) => `${formatSignificant(value)} kWh`;
export const percent = (share: number) => `${formatSignificant(share * 100)} %`;

export const RESOURCE_HEADER = ["resource", "what", "type × count", "region", "$/month", "kgCO2e/month", "kWh/month", "greener alternative"];
export const RESOURCE_NUMERIC = [false, false, false, false, true, true, true, false];

export function greenerText(resource: ResourceEstimate): string {
  const greener = resource.greener;
  if (!greener) return "none cleaner in the allowed regions";
  const typeChange = greener.instanceType === resource.instanceType ? "" : `${greener.instanceType} `;
  const costChange = greener.monthlyCostUsd === null || resource.monthlyCostUsd === null ? "" : `, ${formatSignedUsd(greener.monthlyCostUsd - resource.monthlyCostUsd)}/month`;
  return `${typeChange}${greener.region}: ${formatSignedValue(-greener.savingKgCo2e, "kgCO2e")} (${formatSignedPercent(-greener.savingPercent)})${costChange}`;
}

export function resourceRow(resource: ResourceEstimate): string[] {
  return [
    resource.fleet ? `${resource.name} (wattplan fleet ${resource.fleet})` : resource.name,
    resource.kind,
    `${resource.instanceType} × ${resource.count}`,
    resource.region,
    usd(resource.monthlyCostUsd),
    resource.monthlyKgCo2e === null ? `n/a (+${formatSignificant(resource.monthlyEmbodiedKgCo2e)} embodied)` : formatSignificant(resource.monthlyKgCo2e),
    formatSignificant(resource.monthlyEnergyKwh),
    greenerText(resource),
  ];
}

/** One line per (type, reason), with how many resources share it, so a large stack stays readable. */
export function groupedNotEstimated(entries: NotEstimated[]): { type: string; reason: string; names: string[] }[] {
  const groups = new Map<string, { type: string; reason: string; names: string[] }>();
  for (const entry of entries) {
    const reason = entry.suggestions?.length ? `${entry.reason}` : entry.reason;
    const key = `${entry.type}\u0000${reason}`;
    const group = groups.get(key) ?? { type: entry.type, reason, names: [] };
    group.names.push(entry.name);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function headline(estimate: StackEstimate): string {
  const totals = estimate.totals;
  const floor = totals.unpriced > 0 ? ` (${totals.unpriced} resource(s) without a price in the catalog are not in the cost)` : "";
  return (
    `${usd(totals.monthlyCostUsd)} and ${kg(totals.monthlyKgCo2e)} per month${floor}: ${formatSignificant(totals.monthlyOperationalKgCo2e)} operational + ` +
    `${formatSignificant(totals.monthlyEmbodiedKgCo2e)} embodied, ${kwh(totals.monthlyEnergyKwh)}, ${totals.instances} instance(s) in ${estimate.resources.length} compute resource(s)`
  );
}

export function conditions(estimate: StackEstimate): string {
  const regions = estimate.options.regions;
  const allowed = regions?.residency ? `, alternatives within ${regions.residency} residency` : regions?.allow ? `, alternatives within ${regions.allow.join(", ")}` : "";
  return `${estimate.source.kind} ${estimate.source.label}; ${percent(estimate.options.utilization)} CPU utilisation; ${estimate.options.intensityBasis} grid intensity; catalog ${estimate.catalogVersion}${allowed}`;
}

export function greenerSummary(estimate: StackEstimate): string | null {
  const saving = estimate.totals.greenerSavingKgCo2e;
  if (saving <= 0) return null;
  const share = estimate.totals.monthlyKgCo2e > 0 ? saving / estimate.totals.monthlyKgCo2e : 0;
  return `Moving each resource to its greener alternative would save ${kg(saving)} per month (${percent(share)} of the total).`;
}

export const DIFF_HEADER = ["resource", "change", "base", "head", "Δ $/month", "Δ kgCO2e/month"];
export const DIFF_NUMERIC = [false, false, false, false, true, true];

const placement = (resource: ResourceEstimate | undefined) => (resource ? `${resource.instanceType} × ${resource.count} in ${resource.region}` : "-");

export function diffRow(change: ResourceChange): string[] {
  return [
    change.name,
    change.change,
    placement(change.base),
    placement(change.head),
    change.costDeltaUsd === null ? "n/a" : formatSignedUsd(change.costDeltaUsd),
    change.carbonDeltaKgCo2e === null ? "n/a" : formatSignedValue(change.carbonDeltaKgCo2e, "kgCO2e").replace(" kgCO2e", ""),
  ];
}

export function diffHeadline(diff: StackEstimateDiff): string {
  const { costUsd, kgCo2e } = diff.totals;
  return (
    `Monthly cost ${usd(costUsd.base)} → ${usd(costUsd.head)} (${formatSignedUsd(costUsd.delta)}, ${formatSignedPercent(costUsd.percent)}); ` +
    `carbon ${kg(kgCo2e.base)} → ${kg(kgCo2e.head)} (${formatSignedValue(kgCo2e.delta, "kgCO2e")}, ${formatSignedPercent(kgCo2e.percent)})`
  );
}

export const changedResources = (diff: StackEstimateDiff) => diff.resources.filter((change) => change.change !== "unchanged");

export const METHOD =
  "Per instance: CPU power at the utilisation (CCF's linear model with SPECpower-derived W/vCPU) + memory at 0.392 W/GB (+ accelerators), × the region's PUE, " +
  "× 730 h; operational carbon = that energy × the region's grid intensity on the stated basis; embodied = the instance's share of its host's manufacturing emissions " +
  "× 730 h / the host's life. Cost = the catalog's on-demand Linux price × 730 h. Counts are the stack's desired sizes (autoscaled groups at their minimum).";
