import { WattplanError } from "../errors.ts";
import type { Candidate, Plan } from "../domain/plan.ts";

/**
 * "chosen" (default) or a rank N, where N is the rank `wattplan plan` prints:
 * 1 is the chosen candidate, 2 the first alternative (alternatives[0]), and so on.
 */
export function selectCandidate(plan: Plan, selector = "chosen"): Candidate {
  if (selector === "chosen") return plan.chosen;
  if (!/^[1-9]\d*$/.test(selector)) {
    throw new WattplanError("INVALID_INPUT", `a candidate is 'chosen' or a rank (1, 2, ...), not '${selector}'`, "1 is the chosen candidate, 2 the first alternative", { option: "candidate", example: "2" });
  }
  const rank = Number(selector);
  if (rank === 1) return plan.chosen;
  const ranked = [plan.chosen, ...plan.alternatives];
  const byRank = ranked.find((candidate) => candidate.rank === rank) ?? plan.alternatives[rank - 2];
  if (!byRank) {
    throw new WattplanError(
      "INVALID_INPUT",
      `the plan has no candidate of rank ${rank}: it has the chosen one and ${plan.alternatives.length} alternative(s)`,
      `pick 1..${plan.alternatives.length + 1}`,
      { option: "candidate", example: String(plan.alternatives.length + 1) },
    );
  }
  return byRank;
}
