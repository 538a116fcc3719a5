// Base branch vs pull request: what a change does to a stack's monthly cost and carbon, total and per resource.
import type { ResourceEstimate, StackEstimate, StackTotals } from "./contract.ts";

export interface Delta {
  base: number;
  head: number;
  /** head − base. */
  delta: number;
  /** delta / base in %, or null when the base is 0. */
  percent: number | null;
}

export interface ResourceChange {
  urn: string;
  name: string;
  type: string;
  change: "added" | "removed" | "changed" | "unchanged";
  base?: ResourceEstimate;
  head?: ResourceEstimate;
  /** head − base monthly cost; null when either side has no price. */
  costDeltaUsd: number | null;
  carbonDeltaKgCo2e: number | null;
}

export interface StackEstimateDiff {
  base: StackEstimate;
  head: StackEstimate;
  totals: { costUsd: Delta; kgCo2e: Delta; energyKwh: Delta; instances: Delta };
  resources: ResourceChange[];
}

export function delta(base: number, head: number): Delta {
  return { base, head, delta: head - base, percent: base === 0 ? null : ((head - base) / base) * 100 };
}

const cost = (resource: ResourceEstimate | undefined) => (resource ? resource.monthlyCostUsd : 0);
const carbon = (resource: ResourceEstimate | undefined) => (resource ? resource.monthlyKgCo2e ?? resource.monthlyEmbodiedKgCo2e : 0);
const subtract = (head: number | null, base: number | null) => (head === null || base === null ? null : head - base);

function sameFigures(base: ResourceEstimate, head: ResourceEstimate): boolean {
  return base.instanceType === head.instanceType && base.region === head.region && base.count === head.count && base.utilization === head.utilization;
}

export function diffEstimates(base: StackEstimate, head: StackEstimate): StackEstimateDiff {
  const baseByUrn = new Map(base.resources.map((resource) => [resource.urn, resource]));
  const headByUrn = new Map(head.resources.map((resource) => [resource.urn, resource]));
  const urns = [...new Set([...headByUrn.keys(), ...baseByUrn.keys()])];
  const resources = urns.map((urn): ResourceChange => {
    const before = baseByUrn.get(urn);
    const after = headByUrn.get(urn);
    const shown = (after ?? before) as ResourceEstimate;
    const change = !before ? "added" : !after ? "removed" : sameFigures(before, after) ? "unchanged" : "changed";
    return {
      urn,
      name: shown.name,
      type: shown.type,
      change,
      ...(before ? { base: before } : {}),
      ...(after ? { head: after } : {}),
      costDeltaUsd: subtract(cost(after), cost(before)),
      carbonDeltaKgCo2e: carbon(after) - carbon(before),
    };
  });
  const totalsDelta = (pick: (totals: StackTotals) => number) => delta(pick(base.totals), pick(head.totals));
  return {
    base,
    head,
    totals: {
      costUsd: totalsDelta((totals) => totals.monthlyCostUsd),
      kgCo2e: totalsDelta((totals) => totals.monthlyKgCo2e),
      energyKwh: totalsDelta((totals) => totals.monthlyEnergyKwh),
      instances: totalsDelta((totals) => totals.instances),
    },
    resources,
  };
}
