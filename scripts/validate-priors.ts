// Out-of-sample validation of the accelerator efficiency priors against the MLPerf results they come from: a table
// that re-projects the same figures proves nothing, so each published figure is predicted without itself.
// - leave-one-accelerator-out: an accelerator's figure from the median efficiency of the others (its own chip's
//   siblings left out too: every A100, every H100), × its own dense peak ÷ the benchmark's FLOPs;
// - across workloads: its BERT figure from its own ResNet-50 efficiency × the BERT ÷ ResNet-50 factor fitted on the
//   other accelerators (MLPerf's BERT skips padding, so its "efficiency" is in another convention), and the reverse.
//
//   npm run validate:priors      prints the README's table
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import type { Catalog, EfficiencyPrior, PublishedResult } from "../src/domain/catalog.ts";
import type { Candidate } from "../src/domain/plan.ts";
import { modelProfileSchema, type ModelProfile } from "../src/domain/profile.ts";
import { loadCatalog } from "../src/catalog/load.ts";
import { plan } from "../src/plan/index.ts";

export type Scenario = PublishedResult["scenario"];
export const validatedBenchmarks = ["resnet50", "bert-99"] as const;
export type ValidatedBenchmark = (typeof validatedBenchmarks)[number];

export interface Prediction {
  samplesPerSecond: number;
  /** predicted ÷ published − 1. */
  error: number;
}

export interface ValidationRow {
  accelerator: string;
  benchmark: ValidatedBenchmark;
  scenario: Scenario;
  round: string;
  asOf: string;
  published: number;
  leaveOneOut: Prediction;
  /** From the same accelerator's other benchmark; null where it has no result there. */
  crossWorkload: Prediction | null;
}

interface Result {
  prior: EfficiencyPrior;
  published: PublishedResult;
}

/** The chip an accelerator is a variant of: all A100s are one chip, all H100s another. */
function chipOf(accelerator: string): string {
  return accelerator.split(/\s/)[0];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Each accelerator's newest published result per benchmark and scenario (INT8: the precision every row ran). */
export function newestResults(priors: EfficiencyPrior[]): Result[] {
  const newest = new Map<string, Result>();
  for (const prior of priors) {
    const published = prior.published;
    if (!published || prior.precision !== "int8" || !(validatedBenchmarks as readonly string[]).includes(published.benchmark)) continue;
    const key = `${prior.subject}|${published.benchmark}|${published.scenario}`;
    const current = newest.get(key);
    if (!current || prior.asOf > current.prior.asOf) newest.set(key, { prior, published });
  }
  return [...newest.values()];
}

const efficiencyOf = (result: Result) => result.prior.low;
const predictionOf = (efficiency: number, result: Result): Prediction => {
  const samplesPerSecond = (efficiency * result.published.densePeakTeraOpsPerSecond * 1e12) / result.published.flopsPerSample;
  return { samplesPerSecond, error: samplesPerSecond / result.published.samplesPerSecondPerAccelerator - 1 };
};

export function validatePriors(priors: EfficiencyPrior[]): ValidationRow[] {
  const results = newestResults(priors);
  const find = (accelerator: string, benchmark: string, scenario: Scenario) =>
    results.find((result) => result.prior.subject === accelerator && result.published.benchmark === benchmark && result.published.scenario === scenario);
  const rows: ValidationRow[] = [];
  for (const result of results) {
    const { benchmark, scenario } = result.published;
    const accelerator = result.prior.subject;
    const others = results.filter((other) => chipOf(other.prior.subject) !== chipOf(accelerator) && other.published.benchmark === benchmark && other.published.scenario === scenario);
    const otherBenchmark = benchmark === "resnet50" ? "bert-99" : "resnet50";
    const own = find(accelerator, otherBenchmark, scenario);
    // BERT ÷ ResNet-50 efficiency on each other accelerator with both, in the direction this row needs.
    const factors = others
      .map((other) => ({ other, counterpart: find(other.prior.subject, otherBenchmark, scenario) }))
      .filter((pair): pair is { other: Result; counterpart: Result } => pair.counterpart !== undefined)
      .map((pair) => efficiencyOf(pair.other) / efficiencyOf(pair.counterpart));
    rows.push({
      accelerator,
      benchmark: benchmark as ValidatedBenchmark,
      scenario,
      round: result.published.round,
      asOf: result.prior.asOf,
      published: result.published.samplesPerSecondPerAccelerator,
      leaveOneOut: predictionOf(median(others.map(efficiencyOf)), result),
      crossWorkload: own && factors.length > 0 ? predictionOf(efficiencyOf(own) * median(factors), result) : null,
    });
  }
  const order = (row: ValidationRow) => `${row.benchmark}|${row.scenario === "Offline" ? 0 : 1}|${row.accelerator}`;
  return rows.sort((a, b) => order(a).localeCompare(order(b)));
}

/**
 * Where a prediction misses ±50 % and why (asserted by the validation test, so this list stays true). Hopper's
 * ResNet-50 efficiency is below every other chip's: its INT8 peak doubled over Ampere's and the CNN did not keep up,
 * so the pooled CNN efficiency of the others over-predicts the H100 PCIe. A per-generation prior (Hopper from Hopper)
 * would fix it; the H100 SXM, its only sibling, is left out by design.
 */
export const knownMisses = [
  { accelerator: "H100 PCIe", benchmark: "resnet50", method: "leaveOneOut", why: "Hopper's CNN efficiency is below every other chip's" },
] as const;

const percent = (error: number) => `${error >= 0 ? "+" : "−"}${Math.round(Math.abs(error) * 100)} %`;
const samples = (value: number) => Math.round(value).toLocaleString("en-US");
const benchmarkLabel: Record<ValidatedBenchmark, string> = { resnet50: "ResNet-50", "bert-99": "BERT-Large (bert-99)" };

export function validationTable(rows: ValidationRow[]): string {
  const lines = [
    "| workload | scenario | accelerator | round (published) | published per accelerator | leave-one-accelerator-out | from its other workload |",
    "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ...rows.map((row) =>
      [
        benchmarkLabel[row.benchmark],
        row.scenario,
        row.accelerator,
        `${row.round} (${row.asOf})`,
        samples(row.published),
        `${samples(row.leaveOneOut.samplesPerSecond)} (${percent(row.leaveOneOut.error)})`,
        row.crossWorkload ? `${samples(row.crossWorkload.samplesPerSecond)} (${percent(row.crossWorkload.error)})` : "—",
      ].join(" | "),
    ).map((line) => `| ${line} |`),
  ];
  return `${lines.join("\n")}\n`;
}

export interface PlannerRow {
  accelerator: string;
  chosen: Candidate;
  /** The chosen candidate's throughput per device at full load. */
  perDevice: number;
  published: number;
  round: string;
  asOf: string;
}

/**
 * What the planner itself chooses for a CNN profile measured on a CPU, constrained to one accelerator at a time
 * (INT8, batches up to 256, a loose SLO), next to that accelerator's newest published ResNet-50 Offline figure.
 */
export function plannerRows(catalog: Catalog, profile: ModelProfile): PlannerRow[] {
  const offered = new Set(catalog.instanceTypes.filter((type) => type.accelerator && !type.planningExclusion).map((type) => type.accelerator!.model));
  const newest = new Map<string, Result>();
  for (const result of newestResults(catalog.priors)) {
    if (result.published.benchmark === "resnet50" && result.published.scenario === "Offline" && offered.has(result.prior.subject)) newest.set(result.prior.subject, result);
  }
  return [...newest.values()]
    .map((result) => {
      const spec = {
        name: "gpu-validation",
        model: { profile: "./profile.json" },
        traffic: { meanRps: 2000, peakRps: 4000 },
        slo: { p95LatencyMs: 1000 },
        constraints: { accelerators: [result.prior.subject] },
        options: { precisions: ["int8" as const], batching: { maxBatch: 256, maxQueueDelayMs: 1000 } },
      };
      const chosen = plan(spec, { catalog, profiles: [profile], now: "2026-01-01T00:00:00.000Z" }).chosen;
      return {
        accelerator: result.prior.subject,
        chosen,
        perDevice: chosen.throughputPerInstanceRps / chosen.accelerator!.count,
        published: result.published.samplesPerSecondPerAccelerator,
        round: result.published.round,
        asOf: result.prior.asOf,
      };
    })
    .sort((a, b) => a.accelerator.localeCompare(b.accelerator));
}

export function plannerTable(rows: PlannerRow[]): string {
  const lines = [
    "| accelerator | chosen type | batch | planner, per device | published ResNet-50 Offline, per accelerator | round (published) |",
    "| --- | --- | ---: | ---: | ---: | --- |",
    ...rows.map(
      (row) =>
        `| ${row.accelerator} | ${row.chosen.instanceType} | ${row.chosen.batchSize} | ${samples(row.perDevice)} (${percent(row.perDevice / row.published - 1)}) | ${samples(row.published)} | ${row.round} (${row.asOf}) |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const catalog: Catalog = loadCatalog();
  const profilePath = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "profile.cnn.json");
  const profile = modelProfileSchema.parse(JSON.parse(readFileSync(profilePath, "utf8")));
  process.stdout.write(`${validationTable(validatePriors(catalog.priors))}\n${plannerTable(plannerRows(catalog, profile))}`);
}
