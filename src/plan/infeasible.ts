import { WattplanError } from "../errors.ts";
import { memoryShortfall, usdPerHourOf } from "./candidate-parts.ts";
import { offersOf, regionOf } from "./catalog-index.ts";
import { budgetFailures, compilePlaceConstraints, CONSTRAINT_ORDER, type ConstraintName } from "./constraints.ts";
import type { EvaluationSession } from "./evaluation-session.ts";

interface Outcome {
  label: string;
  latencyP95Ms: number;
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
  score: number;
}

interface Relaxation {
  failing: number;
  /**
   * Among the candidates that fail only this constraint, the one needing the least relaxation: the fastest for the
   * SLO, the cheapest for the cost budget, the cleanest for the carbon budget, else the best by the objective.
   */
  best: Outcome | null;
}

const relaxationMeasure: Partial<Record<ConstraintName, (outcome: Outcome) => number>> = {
  slo: (outcome) => outcome.latencyP95Ms,
  maxMonthlyUsd: (outcome) => outcome.monthlyCostUsd,
  maxMonthlyKgCo2e: (outcome) => outcome.monthlyKgCo2e,
};

/**
 * Nothing is feasible: evaluate every candidate against every constraint (not just the first it fails), name the
 * constraint that excludes the most, and say what relaxing it alone would give. Only runs on this failure path.
 */
export function explainInfeasible(session: EvaluationSession): WattplanError {
  const { spec, index, sloMs } = session;
  const failedConstraints = compilePlaceConstraints(spec.constraints);
  const relaxations = new Map<ConstraintName, Relaxation>();
  let fastest: { serviceTimeMs: number; label: string } | null = null;
  let total = 0;
  let placeCount = 0;

  // The types the planner weighs: relaxing a constraint never makes a type listed only for existing stacks a candidate.
  for (const instance of index.plannedTypes) {
    for (const offer of offersOf(index, instance.provider, instance.instanceType)) {
      const catalogRegion = regionOf(index, offer.provider, offer.region);
      if (!catalogRegion) continue;
      const placeFailures = [...failedConstraints(instance, catalogRegion)];
      let usdPerHour = usdPerHourOf(offer, spec.options.pricing);
      if (usdPerHour === undefined) {
        placeFailures.push("pricing");
        usdPerHour = offer.usdPerHour.onDemand;
      }
      const place = session.place(instance, offer, usdPerHour, catalogRegion, placeCount++);
      for (const precision of spec.options.precisions) {
        const gate = session.precisionGate(instance, precision);
        for (const batchSize of session.batchSizesOn(instance)) {
          total++;
          if (gate) {
            record(relaxations, [...placeFailures, gate.constraint], null);
            continue;
          }
          const label = `${instance.provider} ${place.region.code} ${instance.instanceType} ${precision} batch ${batchSize}`;
          const result = session.projection(instance, precision, batchSize);
          if (!result.ok) {
            record(relaxations, [...placeFailures, "projection"], null);
            continue;
          }
          if (memoryShortfall(result.projection, instance)) {
            record(relaxations, [...placeFailures, "memory"], null);
            continue;
          }
          const floorMs = result.projection.serviceTimeMs + place.networkRoundTripMs;
          if (!fastest || floorMs < fastest.serviceTimeMs) fastest = { serviceTimeMs: floorMs, label };
          const fleet = session.fleet(result.projection, place);
          const { monthlyCostUsd, monthlyKgCo2e } = session.estimator.scoreInRegion(fleet, place);
          const latencyP95Ms = fleet.central.latencyP95Ms;
          const failures = [...placeFailures, ...(latencyP95Ms <= sloMs ? [] : ["slo" as const]), ...budgetFailures(spec.constraints, monthlyCostUsd, monthlyKgCo2e)];
          const score = session.weights.carbonWeight >= 0.5 ? monthlyKgCo2e : monthlyCostUsd;
          record(relaxations, failures, { label, latencyP95Ms, monthlyCostUsd, monthlyKgCo2e, score });
        }
      }
    }
  }

  if (total === 0) return new WattplanError("INFEASIBLE", "no candidates: the catalog has no instance type offered in any region", "check the catalog directory");
  const ranked = CONSTRAINT_ORDER.filter((name) => relaxations.has(name)).sort((first, second) => relaxations.get(second)!.failing - relaxations.get(first)!.failing);
  const worst = ranked[0];
  const worstRelaxation = relaxations.get(worst)!;
  const share = `${worstRelaxation.failing.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} candidates`;

  if (fastest && fastest.serviceTimeMs > sloMs && (worst === "slo" || relaxations.has("slo"))) {
    return new WattplanError(
      "INFEASIBLE",
      `no candidate meets the p95 SLO of ${sloMs} ms: it is below the fastest service time of any candidate (${fastest.serviceTimeMs.toFixed(1)} ms, ${fastest.label}${spec.users ? ", network round trip included" : ""})`,
      `raise slo.p95LatencyMs above ${Math.ceil(fastest.serviceTimeMs)} ms, or use a smaller model`,
    );
  }
  return new WattplanError("INFEASIBLE", `no candidate meets every constraint: '${worst}' excludes the most (${share}); ${relaxationText(worst, worstRelaxation, sloMs)}`, hintFor(worst));
}

function record(relaxations: Map<ConstraintName, Relaxation>, failures: ConstraintName[], outcome: Outcome | null): void {
  for (const failure of new Set(failures)) {
    const entry = relaxations.get(failure) ?? { failing: 0, best: null };
    entry.failing++;
    const measure = relaxationMeasure[failure] ?? ((candidate: Outcome) => candidate.score);
    if (failures.length === 1 && outcome && (!entry.best || measure(outcome) < measure(entry.best))) entry.best = outcome;
    relaxations.set(failure, entry);
  }
}

function relaxationText(constraint: ConstraintName, relaxation: Relaxation, sloMs: number): string {
  const best = relaxation.best;
  if (!best) return "relaxing it alone would not be enough (the candidates it excludes fail other constraints too)";
  const figures = `p95 ${best.latencyP95Ms.toFixed(1)} ms, $${best.monthlyCostUsd.toFixed(0)}/month, ${best.monthlyKgCo2e.toFixed(1)} kgCO2e/month`;
  if (constraint === "slo") return `relaxing the SLO${Number.isFinite(sloMs) ? ` from ${sloMs} ms` : ""} to ${Math.ceil(best.latencyP95Ms)} ms would give ${best.label} (${figures})`;
  if (constraint === "maxMonthlyUsd") return `raising maxMonthlyUsd to ${Math.ceil(best.monthlyCostUsd)} would give ${best.label} (${figures})`;
  if (constraint === "maxMonthlyKgCo2e") return `raising maxMonthlyKgCo2e to ${Math.ceil(best.monthlyKgCo2e)} would give ${best.label} (${figures})`;
  return `relaxing it would give ${best.label} (${figures})`;
}

function hintFor(constraint: ConstraintName): string {
  switch (constraint) {
    case "slo":
      return "raise slo.p95LatencyMs, allow accelerators, or allow larger batches";
    case "serving":
      return "the allowed devices cannot serve the precisions asked for: allow fp32, NVIDIA GPUs for fp16, or, for INT8 on GPUs, bench the model at int8 again (that builds the static QDQ file TensorRT needs)";
    case "projection":
      return "the model could not be projected onto the allowed types: bench the missing precisions or allow other types";
    case "memory":
      return "the model does not fit the allowed types' memory: allow larger types or accelerators";
    case "pricing":
      return "the chosen pricing model is not offered there: use options.pricing: on-demand";
    case "accuracy":
      return "the reduced precisions stray too far from FP32 (see the plan's warnings): plan fp32 too (options.precisions), or lower options.accuracy.minCosineSimilarity";
    default:
      return `relax constraints.${constraint}`;
  }
}
