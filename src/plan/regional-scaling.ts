import type { IntensityBasis, Region } from "../domain/catalog.ts";
import type { CandidateEstimate } from "../estimate/contract.ts";

/**
 * Within one instance type × precision × batch size (and the same network round trip), the fleet, its latency
 * and its power do not depend on the region: only PUE, grid intensity and price do, and they enter linearly
 * (energy ∝ PUE, operational carbon ∝ PUE × intensity, cost ∝ price). So two full estimates per group fix every
 * region's figures; a third checks that this still holds (planWith falls back to full estimates when it does not).
 * This is what keeps planning over the whole catalog (tens of thousands of candidates) fast.
 */
export interface RegionalPoint {
  region: Region;
  pue: number;
  usdPerHour: number;
  /** The grid intensity the estimate uses on this basis (the lifecycle figure stands in where the basis is missing). */
  gridIntensityGCo2ePerKwh: number;
}

export function gridIntensityUsed(region: Region, basis: IntensityBasis): number {
  return (region.intensity[basis] ?? region.intensity.lifecycle).value;
}

const carbonFactor = (point: RegionalPoint) => point.pue * point.gridIntensityGCo2ePerKwh;

/** Two references with different carbon factors, when the group has them; the first is always the anchor. */
export function pickReferences(points: RegionalPoint[]): { anchor: number; second: number; check: number | null } {
  const anchorFactor = carbonFactor(points[0]);
  let second = 1;
  for (let position = 1; position < points.length; position++) {
    if (Math.abs(carbonFactor(points[position]) - anchorFactor) > Math.abs(carbonFactor(points[second]) - anchorFactor)) second = position;
  }
  let check: number | null = null;
  for (let position = 1; position < points.length; position++) {
    if (position !== second && carbonFactor(points[position]) !== anchorFactor && carbonFactor(points[position]) !== carbonFactor(points[second])) {
      check = position;
      break;
    }
  }
  return { anchor: 0, second, check };
}

/** What the choice needs of each feasible candidate; displayed candidates are estimated in full afterwards. */
export interface CandidateFigures {
  latencyP95Ms: number;
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
  monthlyKgCo2eLow: number;
  monthlyKgCo2eHigh: number;
}

export function figuresOf(estimate: CandidateEstimate): CandidateFigures {
  return {
    latencyP95Ms: estimate.latencyP95Ms,
    monthlyCostUsd: estimate.monthlyCostUsd,
    monthlyKgCo2e: estimate.monthlyKgCo2e,
    monthlyKgCo2eLow: estimate.monthlyKgCo2eRange.low,
    monthlyKgCo2eHigh: estimate.monthlyKgCo2eRange.high,
  };
}

function affine(anchorValue: number, secondValue: number, position: number): number {
  return anchorValue + (secondValue - anchorValue) * position;
}

/**
 * The figures for `target`, from the anchor's and a second region's full estimates. With the anchor's carbon split
 * into operational and embodied parts per evaluation, every figure is exact: each evaluation's operational part
 * scales with PUE × intensity, and the range is the min/max of the scaled evaluations (the ends of the range need
 * not come from the same evaluation in every region). Without the parts, carbon is interpolated on the line
 * through the two references, which is exact for the central figure only.
 */
export function scaledFigures(anchor: CandidateEstimate, anchorPoint: RegionalPoint, second: CandidateEstimate, secondPoint: RegionalPoint, target: RegionalPoint): CandidateFigures {
  const anchorFactor = carbonFactor(anchorPoint);
  const parts = consistentParts(anchor);
  if (parts !== null && anchorFactor > 0) {
    const ratio = carbonFactor(target) / anchorFactor;
    const totals = parts.map((part) => part.operationalKg * ratio + part.embodiedKg);
    return {
      latencyP95Ms: anchor.latencyP95Ms,
      monthlyCostUsd: anchor.monthlyCostUsd * (target.usdPerHour / anchorPoint.usdPerHour),
      monthlyKgCo2e: totals[0],
      monthlyKgCo2eLow: Math.min(...totals),
      monthlyKgCo2eHigh: Math.max(...totals),
    };
  }
  const span = carbonFactor(secondPoint) - anchorFactor;
  const position = span === 0 ? 0 : (carbonFactor(target) - anchorFactor) / span;
  return {
    latencyP95Ms: anchor.latencyP95Ms,
    monthlyCostUsd: anchor.monthlyCostUsd * (target.usdPerHour / anchorPoint.usdPerHour),
    monthlyKgCo2e: affine(anchor.monthlyKgCo2e, second.monthlyKgCo2e, position),
    monthlyKgCo2eLow: affine(anchor.monthlyKgCo2eRange.low, second.monthlyKgCo2eRange.low, position),
    monthlyKgCo2eHigh: affine(anchor.monthlyKgCo2eRange.high, second.monthlyKgCo2eRange.high, position),
  };
}

/** The anchor's parts when they add up to its own figures (first = central), else null. */
function consistentParts(estimate: CandidateEstimate): Array<{ operationalKg: number; embodiedKg: number }> | null {
  const parts = estimate.monthlyKgCo2eParts;
  if (!parts || parts.length === 0) return null;
  const totals = parts.map((part) => part.operationalKg + part.embodiedKg);
  const close = (first: number, second: number) => first === second || Math.abs(first - second) <= 1e-9 * Math.max(Math.abs(first), Math.abs(second));
  const consistent =
    close(totals[0], estimate.monthlyKgCo2e) && close(Math.min(...totals), estimate.monthlyKgCo2eRange.low) && close(Math.max(...totals), estimate.monthlyKgCo2eRange.high);
  return consistent ? parts : null;
}

/** Whether scaled figures reproduce a full estimate's (to rounding). */
export function scaledMatches(scaled: CandidateFigures, full: CandidateFigures): boolean {
  return (Object.keys(scaled) as (keyof CandidateFigures)[]).every((field) => {
    const first = scaled[field];
    const second = full[field];
    return first === second || Math.abs(first - second) <= 1e-9 * Math.max(Math.abs(first), Math.abs(second));
  });
}
