import type { ScoreView } from "./objective.ts";

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
 */
export function paretoFront(view: ScoreView): number[] {
  const costs = new Float64Array(view.size);
  const carbons = new Float64Array(view.size);
  for (let position = 0; position < view.size; position++) {
    costs[position] = view.cost(position);
    carbons[position] = view.carbon(position);
  }
  const order = Array.from({ length: view.size }, (_, position) => position);
  order.sort((first, second) => costs[first] - costs[second] || carbons[first] - carbons[second] || (view.key(first) < view.key(second) ? -1 : 1));
  const front: number[] = [];
  let lowestCarbon = Infinity;
  for (const position of order) {
    if (carbons[position] < lowestCarbon) {
      front.push(position);
      lowestCarbon = carbons[position];
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
