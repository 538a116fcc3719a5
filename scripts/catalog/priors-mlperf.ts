// Efficiency priors for accelerators from MLPerf Inference (datacenter, closed division) result logs: each
// result's per-accelerator throughput × the benchmark's FLOPs per sample ÷ the accelerator's dense peak at the
// precision run. The planner applies them to the peak of the precision a candidate runs (src/estimate/priors.ts);
// the README's validation table checks them out of sample (scripts/validate-priors.ts).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AcceleratorSpec, EfficiencyPrior, ModelClass } from "../../src/domain/catalog.ts";
import type { Source } from "../../src/domain/figure.ts";
import { numberCell, readCsv } from "./csv.ts";
import { roundTo } from "./instances-csv.ts";

const scriptDirectory = dirname(fileURLToPath(import.meta.url));

/** The rounds read: the result repository's commit and the month MLCommons published the round. */
const rounds: Record<string, { commit: string; asOf: string }> = {
  "v0.7": { commit: "1321d137", asOf: "2020-10" },
  "v1.1": { commit: "912dcdb9", asOf: "2021-09" },
  "v2.1": { commit: "c43f76f2", asOf: "2022-09" },
  "v3.1": { commit: "eaf622a2", asOf: "2023-09" },
  "v4.0": { commit: "3c4a1cf1", asOf: "2024-03" },
  "v4.1": { commit: "a2f5d66d", asOf: "2024-08" },
};

interface Benchmark {
  modelClass: ModelClass;
  description: string;
  /** MLPerf's convention: 2 × multiply-adds of the reference model, per sample. */
  flopsPerSample: number;
  flopsSource: string;
  convention?: string;
}

const benchmarks: Record<string, Benchmark> = {
  resnet50: {
    modelClass: "cnn",
    description: "ResNet-50 v1.5, 224×224 (MLPerf resnet50)",
    flopsPerSample: 8.2164e9,
    flopsSource: "8.2164 GFLOP per image: openvinotoolkit/open_model_zoo models/public/resnet-50-tf/README.md @c812fa17 (torchvision: 4.089 GMAC)",
  },
  "bert-99": {
    modelClass: "transformer-encoder",
    description: "BERT-Large, SQuAD v1.1, sequences up to 384 tokens (MLPerf bert-99)",
    flopsPerSample: 246.93e9,
    flopsSource: "246.93 GOPs per 384-token sequence: openvinotoolkit/open_model_zoo models/intel/bert-large-uncased-whole-word-masking-squad-0001/README.md @4cd618db",
    convention:
      "NVIDIA's harness skips the padding (closed/NVIDIA/code/bert/tensorrt/README.md), so the work done per sample is less than the padded 246.93 GOPs: " +
      "this ratio is MLPerf's convention, not utilisation (it exceeds 1 on the A100)",
  },
  "bert-99.9": {
    modelClass: "transformer-encoder",
    description: "BERT-Large at 99.9 % accuracy, FP16 engines (MLPerf bert-99.9)",
    flopsPerSample: 246.93e9,
    flopsSource: "as bert-99",
    convention: "padding skipped as in bert-99: a ratio in MLPerf's convention, not utilisation",
  },
};

/**
 * No MLPerf result exists for the AWS-only A10G. The A10 stands in: the same GA102 die with the same 24 GB of GDDR6 at
 * 600 GB/s, so the same share of its own tensor peak (which is lower: see the accelerator's peaks).
 */
const standIns: Record<string, string> = { A10G: "A10" };

function sourceOf(round: string): Source {
  const { commit } = rounds[round];
  return {
    id: `mlperf-inference-${round}`,
    title: `MLPerf Inference ${round} datacenter, closed division: result logs (mlperf_log_summary.txt) and system descriptions`,
    publisher: "MLCommons (mlcommons/inference_results_" + round + ")",
    url: `https://github.com/mlcommons/inference_results_${round}`,
    licence: "Apache-2.0 (the results repository); published results cited as facts",
    commit,
    retrieved: rounds[round].asOf,
    notes:
      "Throughput is the log's 'Samples per second' (Offline) or 'Scheduled samples per second' (Server) line; every result read says 'Result is : VALID'. " +
      "Per-accelerator figures are derived: system ÷ accelerators. Round month as published by MLCommons.",
  };
}

function peakOf(spec: AcceleratorSpec, precision: string): number {
  if (precision === "int8") return spec.int8Tops.value;
  if (precision === "fp16") return spec.fp16Tflops.value;
  throw new Error(`mlperf-results.csv: no peak for precision ${precision}`);
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-|-$/g, "");

export function buildMlperfPriors(accelerators: AcceleratorSpec[]): { priors: EfficiencyPrior[]; sources: Source[] } {
  const specs = new Map(accelerators.map((spec) => [spec.model, spec]));
  const priors: EfficiencyPrior[] = [];
  const sources = new Map<string, Source>();
  for (const row of readCsv(scriptDirectory, "mlperf-results.csv")) {
    const where = `mlperf-results.csv ${row.accelerator} ${row.benchmark} ${row.round}`;
    const spec = specs.get(row.accelerator);
    const benchmark = benchmarks[row.benchmark];
    const round = rounds[row.round];
    if (!spec || !benchmark || !round) throw new Error(`${where}: unknown accelerator, benchmark or round`);
    const accelerators = numberCell(row, "accelerators", where)!;
    const systemSamplesPerSecond = numberCell(row, "system_samples_per_second", where)!;
    const perAccelerator = systemSamplesPerSecond / accelerators;
    const peak = peakOf(spec, row.precision);
    const efficiency = roundTo((perAccelerator * benchmark.flopsPerSample) / (peak * 1e12), 4);
    const source = sourceOf(row.round);
    sources.set(source.id, source);
    const resultPath = `closed/${row.submitter}/results/${row.system}/${row.benchmark}/${row.scenario}/performance/run_1/mlperf_log_summary.txt`;
    const notes = [
      `${roundTo(perAccelerator, 1)} samples/s per accelerator (derived: ${systemSamplesPerSecond} ÷ ${accelerators}) × ${benchmark.flopsSource} ÷ dense ${row.precision.toUpperCase()} peak ${peak} T`,
      `TensorRT, ${row.precision.toUpperCase()} (${row.submitter === "NVIDIA" ? "NVIDIA's configs" : `${row.submitter} on NVIDIA's harness; precision not read in its config`})`,
      benchmark.convention ?? "",
    ].filter(Boolean);
    const prior: EfficiencyPrior = {
      id: `mlperf-${row.round}-${slug(row.accelerator)}-${row.benchmark}-${row.scenario.toLowerCase()}`,
      kind: "fraction_of_peak",
      subject: row.accelerator,
      workload: benchmark.description,
      precision: row.precision,
      metric: "achieved/dense_peak",
      low: efficiency,
      high: efficiency,
      unit: "ratio",
      source: source.id,
      asOf: round.asOf,
      notes: notes.join("; "),
      modelClass: benchmark.modelClass,
      published: {
        benchmark: row.benchmark,
        scenario: row.scenario as "Offline" | "Server",
        round: row.round,
        submitter: row.submitter,
        system: row.system,
        accelerators,
        systemSamplesPerSecond,
        samplesPerSecondPerAccelerator: roundTo(perAccelerator, 2),
        flopsPerSample: benchmark.flopsPerSample,
        densePeakTeraOpsPerSecond: peak,
        resultPath,
      },
    };
    priors.push(prior);
    for (const [standIn, sibling] of Object.entries(standIns)) {
      if (sibling !== row.accelerator) continue;
      const { published: _published, ...rest } = prior;
      priors.push({
        ...rest,
        id: `mlperf-${row.round}-${slug(standIn)}-from-${slug(sibling)}-${row.benchmark}-${row.scenario.toLowerCase()}`,
        subject: standIn,
        notes: `stands in for ${standIn}, which has no MLPerf result: ${sibling}'s fraction of its own peak (same GA102 die, same 24 GB GDDR6 at 600 GB/s), applied to ${standIn}'s own peak; ${prior.notes}`,
      });
    }
  }
  return { priors, sources: [...sources.values()] };
}
