import type { ScoreColumns } from "./objective.ts";

export interface CostCarbon {
  key: string;
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
}

/** a dominates b: no worse on both axes and strictly better on one. */
export function dominates(a: CostCarbon, b: CostCarbon): boolean {
  return a.monthlyCostUsd <= b.monthlyCostUsd && a.monthlyKgCo2e <= b.monthlyKgCo2e && (a.monthlyCostUsd < b.monthlyCostUsd || a.monthlyKgCo2e < b.monthlyKgCo2e);
}

/**
 * Positions of the Pareto front of monthly cost vs monthly carbon, cheapest first. Of several candidates with
 * exactly the same cost and carbon, one (the smallest key) stands for them all.
 *
 * The cheapest candidate (the least carbon among the cheapest) and the cleanest one (the least cost among the
 * cleanest) are both on the front and bound it: no member costs more than the cleanest or emits more than the
 * cheapest. One pass finds them and keeps every candidate inside the bounds found so far (one outside them is
 * dominated by the cheapest or the cleanest so far, so off the front); the few kept are checked against the final
 * bounds and only those, usually a small share, are sorted.
 */
export function paretoFront(columns: ScoreColumns): number[] {
  const { size, costUsd, carbonKg } = columns;
  if (size === 0) return [];
  // The two ends' figures in locals: this pass reads every candidate.
  let cheapestCost = costUsd[0], cheapestCarbon = carbonKg[0], cleanestCost = cheapestCost, cleanestCarbon = cheapestCarbon;
  const inBounds: number[] = [];
  for (let position = 0; position < size; position++) {
    const cost = costUsd[position];
    const carbon = carbonKg[position];
    if (cost < cheapestCost || (cost === cheapestCost && carbon < cheapestCarbon)) {
      cheapestCost = cost;
      cheapestCarbon = carbon;
    }
    if (carbon < cleanestCarbon || (carbon === cleanestCarbon && cost < cleanestCost)) {
      cleanestCost = cost;
      cleanestCarbon = carbon;
    }
    if (!(cost > cleanestCost || carbon > cheapestCarbon)) inBounds.push(position);
  }
  const order = inBounds.filter((position) => !(costUsd[position] > cleanestCost || carbonKg[position] > cheapestCarbon));
  order.sort((first, second) => costUsd[first] - costUsd[second] || carbonKg[first] - carbonKg[second] || columns.compareKeys(first, second));
  const front: number[] = [];
  let lowestCarbon = Infinity;
  for (const position of order) {
    const carbon = carbonKg[position];
    if (carbon < lowestCarbon) {
      front.push(position);
      lowestCarbon = carbon;
    }
  }
  return front;
}

/**
 * Keeps a long front readable: members stay members (so it is still a true front, just sparser), chosen by even
 * spacing along cost with both ends and the `keep` positions always kept.
 */
export function thinFront(front: readonly number[], limit: number, keep: ReadonlySet<number>): number[] {
  if (front.length <= limit) return [...front];
  const kept = new Set<number>([front[0], front[front.length - 1], ...front.filter((position) => keep.has(position))]);
  const slots = Math.max(0, limit - kept.size);
  for (let slot = 1; slot <= slots && kept.size < limit; slot++) {
    kept.add(front[Math.round((slot * (front.length - 1)) / (slots + 1))]);
  }
  return front.filter((position) => kept.has(position));
}
