import type { EfficiencyPrior } from "../../src/domain/catalog.ts";
import type { Source } from "../../src/domain/figure.ts";
import { readReferenceCsv, type ReferenceRow } from "./instances-csv.ts";

/**
 * Publication dates and publishers of the literature the priors cite, matched on the citation text. A row whose
 * citation matches none stops the build, so a new prior cannot slip in undated.
 */
const citations: { pattern: RegExp; id: string; publisher: string; asOf: string; url?: string }[] = [
  { pattern: /MLPerf Inference v4\.1/, id: "mlperf-inference-v4.1", publisher: "MLCommons", asOf: "2024-08", url: "https://mlcommons.org/benchmarks/inference-datacenter/" },
  { pattern: /MLPerf Inference v4\.0/, id: "mlperf-inference-v4.0", publisher: "MLCommons", asOf: "2024-03", url: "https://mlcommons.org/benchmarks/inference-datacenter/" },
  { pattern: /MLPerf Inference v3\.1/, id: "mlperf-inference-v3.1", publisher: "MLCommons", asOf: "2023-09", url: "https://mlcommons.org/benchmarks/inference-datacenter/" },
  { pattern: /MLPerf Inference v2\.1/, id: "mlperf-inference-v2.1", publisher: "MLCommons", asOf: "2022-09", url: "https://mlcommons.org/benchmarks/inference-datacenter/" },
  { pattern: /MLPerf Inference v1\.1/, id: "mlperf-inference-v1.1", publisher: "MLCommons", asOf: "2021-09", url: "https://mlcommons.org/benchmarks/inference-datacenter/" },
  { pattern: /MLPerf Inference v1\.0/, id: "mlperf-inference-v1.0", publisher: "MLCommons", asOf: "2021-04", url: "https://mlcommons.org/benchmarks/inference-datacenter/" },
  { pattern: /Pope et al/, id: "pope-2023-efficiently-scaling-transformer-inference", publisher: "MLSys 2023 (Pope et al., Google)", asOf: "2023" },
  { pattern: /ONNX Runtime quantization notebook/, id: "onnxruntime-bert-quantization-notebook", publisher: "Microsoft ONNX Runtime", asOf: "2020", url: "https://github.com/microsoft/onnxruntime" },
  { pattern: /Intel Neural Compressor/, id: "intel-neural-compressor-validated-models", publisher: "Intel", asOf: "2023-06", url: "https://github.com/intel/neural-compressor" },
  { pattern: /Triton server docs/, id: "triton-optimization-guide", publisher: "NVIDIA Triton Inference Server", asOf: "2024", url: "https://github.com/triton-inference-server/server" },
  { pattern: /Well-Architected ML Lens/, id: "aws-well-architected-ml-lens", publisher: "Amazon Web Services", asOf: "2023", url: "https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/" },
  { pattern: /Neuron docs, inf2/, id: "aws-neuron-inf2-performance", publisher: "Amazon Web Services (Neuron documentation)", asOf: "2024-09-16", url: "https://awsdocs-neuron.readthedocs-hosted.com/" },
  { pattern: /Neuron docs, inf1/, id: "aws-neuron-inf1-performance", publisher: "Amazon Web Services (Neuron documentation)", asOf: "2024", url: "https://awsdocs-neuron.readthedocs-hosted.com/" },
  { pattern: /^derived: 700 W/, id: "wattplan-h100-energy-per-flop", publisher: "wattplan (derived from the NVIDIA H100 datasheet)", asOf: "2023" },
  { pattern: /Horowitz ISSCC 2014/, id: "horowitz-isscc-2014", publisher: "IEEE ISSCC 2014 (M. Horowitz)", asOf: "2014" },
];

const asOfOfPublishedPriors = "2026-08";

function citationOf(row: ReferenceRow) {
  const citation = citations.find((candidate) => candidate.pattern.test(row.source));
  if (!citation) throw new Error(`published-efficiency.csv: no citation date for source '${row.source}'`);
  return citation;
}

/** "0.37" → [0.37, 0.37]; "1.91-2.06" → [1.91, 2.06]. */
function valueRange(text: string): [number, number] {
  const parts = text.split("-").map((part) => Number(part.trim()));
  if (parts.length > 2 || parts.some((part) => !Number.isFinite(part))) throw new Error(`published-efficiency.csv: bad value '${text}'`);
  return [parts[0], parts[parts.length - 1]];
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/**
 * The reference's MLPerf fractions of peak (one figure per accelerator, some from other submitters' rounds) are
 * superseded by the per-log records of ./priors-mlperf.ts, which keep each result's figures for validation.
 */
const supersededByLogs = (row: ReferenceRow) => row.kind === "fraction_of_peak" && /MLPerf/.test(row.source);

export function buildPriors(referenceDirectory: string): { priors: EfficiencyPrior[]; sources: Source[] } {
  const rows = readReferenceCsv(referenceDirectory, "performance/published-efficiency.csv");
  const sources = new Map<string, Source>();
  const kept = rows.map((row, index) => ({ row, index })).filter(({ row }) => !supersededByLogs(row));
  const priors = kept.map(({ row, index }): EfficiencyPrior => {
    const citation = citationOf(row);
    if (!sources.has(citation.id)) {
      sources.set(citation.id, {
        id: citation.id,
        title: row.source,
        publisher: citation.publisher,
        ...(citation.url ? { url: citation.url } : {}),
        licence: "Published figures cited as facts",
        retrieved: asOfOfPublishedPriors,
        notes: "Compiled in wattplan reference data performance/published-efficiency.csv; each prior has its own conditions (engine, batch, precision).",
      });
    }
    // A note may widen a single value where the source contradicts itself ("treat as 1.15-1.33").
    const widened = /treat as ([\d.]+-[\d.]+)/.exec(row.notes ?? "");
    const [low, high] = valueRange(widened ? widened[1] : row.value);
    const notes = [row.notes, `source: ${row.source}`].filter(Boolean).join("; ");
    return {
      id: `${String(index + 1).padStart(2, "0")}-${slug(`${row.kind} ${row.subject} ${row.precision}`)}`,
      kind: row.kind,
      subject: row.subject,
      workload: row.workload,
      precision: row.precision,
      metric: row.metric,
      low,
      high,
      unit: row.unit,
      source: citation.id,
      asOf: citation.asOf,
      notes,
    };
  });
  return { priors, sources: [...sources.values()] };
}
