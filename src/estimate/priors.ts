// Published efficiency priors for accelerators we cannot measure: the share of a precision's dense peak that
// optimised inference reaches there, by model class, from MLPerf result logs (catalog priors with `published`).
import type { EfficiencyPrior, ModelClass } from "../domain/catalog.ts";
import type { Precision } from "../domain/profile.ts";
import { median } from "./evidence.ts";
import { roundSignificant } from "./significant-figures.ts";

export interface EfficiencyEstimate {
  central: number;
  low: number;
  high: number;
  /** The prior records it rests on. */
  basis: EfficiencyPrior[];
  /** How it was reached, for the projection's assumptions. */
  description: string;
}

export function isFractionOfPeakPrior(prior: EfficiencyPrior): boolean {
  return prior.kind === "fraction_of_peak" || (prior.kind.includes("fraction") && prior.metric.includes("peak"));
}

/** A record as the lookup reads it; catalogs without the structured fields say as much in their workload text. */
interface Reading {
  prior: EfficiencyPrior;
  modelClass: ModelClass;
  scenario: "Offline" | "Server";
  /** A result of its own subject (not another accelerator's standing in): only these enter pooled figures. */
  measured: boolean;
}

function readingOf(prior: EfficiencyPrior): Reading {
  const modelClass = prior.modelClass ?? (/bert|transformer|encoder/i.test(prior.workload) ? "transformer-encoder" : "cnn");
  // Structured records without a published result are stand-ins (the catalog's A10 for the A10G).
  const measured = prior.published !== undefined || prior.modelClass === undefined;
  return { prior, modelClass, scenario: prior.published?.scenario ?? "Offline", measured };
}

/** "NVIDIA A10G" → "A10G"; "A100 80GB SXM" → "A10080GBSXM". */
function normalized(name: string): string {
  return name.toUpperCase().replace(/^(NVIDIA|AWS|GOOGLE|AMD|INTEL)\s+/, "").replace(/[^A-Z0-9]/g, "");
}

/** ISO dates: their code-point order is their time order. */
const newestFirst = (a: Reading, b: Reading) => (b.prior.asOf < a.prior.asOf ? -1 : b.prior.asOf > a.prior.asOf ? 1 : 0);

/** The accelerator's own records of one class and precision (the catalog's stand-ins included), newest first. */
function ownReadings(readings: Reading[], acceleratorModel: string, modelClass: ModelClass, precision: string): Reading[] {
  const model = normalized(acceleratorModel);
  return readings.filter((reading) => normalized(reading.prior.subject) === model && reading.modelClass === modelClass && reading.prior.precision === precision).sort(newestFirst);
}

/** The newest Offline figure of each accelerator that has one. */
function newestOfflinePerAccelerator(readings: Reading[], modelClass: ModelClass, precision: string): Reading[] {
  const bySubject = new Map<string, Reading>();
  for (const reading of [...readings].sort(newestFirst)) {
    if (!reading.measured || reading.modelClass !== modelClass || reading.prior.precision !== precision || reading.scenario !== "Offline") continue;
    if (!bySubject.has(reading.prior.subject)) bySubject.set(reading.prior.subject, reading);
  }
  return [...bySubject.values()];
}

const centralOf = (reading: Reading) => (reading.prior.low + reading.prior.high) / 2;

/**
 * The CNN INT8 fraction of dense peak for an accelerator (ResNet-50 in MLPerf): its newest Offline result as the
 * figure, down to its Server (latency-bound) result; without a result of its own, the median of every accelerator's
 * newest Offline figure, over the whole spread.
 */
function cnnAnchor(readings: Reading[], acceleratorModel: string): EfficiencyEstimate | null {
  const own = ownReadings(readings, acceleratorModel, "cnn", "int8");
  const newestOffline = own.find((reading) => reading.scenario === "Offline");
  if (newestOffline) {
    const values = own.map(centralOf);
    const central = centralOf(newestOffline);
    return {
      central,
      low: Math.min(...values),
      high: Math.max(central, ...own.filter((reading) => reading.scenario === "Offline").map(centralOf)),
      basis: own.map((reading) => reading.prior),
      description: `${acceleratorModel} reaches ${roundSignificant(central)} of its dense INT8 peak on a CNN (${newestOffline.prior.id}); range ${roundSignificant(Math.min(...values))}–${roundSignificant(Math.max(central, ...values))} over its published results (Server scenario = latency-bound)`,
    };
  }
  const pooled = newestOfflinePerAccelerator(readings, "cnn", "int8");
  if (pooled.length === 0) return null;
  const every = readings.filter((reading) => reading.measured && reading.modelClass === "cnn" && reading.prior.precision === "int8").map(centralOf);
  const central = median(pooled.map(centralOf));
  return {
    central,
    low: Math.min(...every),
    high: Math.max(...every),
    basis: pooled.map((reading) => reading.prior),
    description: `no published result for ${acceleratorModel}: the median CNN fraction of dense INT8 peak of ${pooled.length} accelerators (${roundSignificant(central)}, range ${roundSignificant(Math.min(...every))}–${roundSignificant(Math.max(...every))})`,
  };
}

/**
 * FP16 engines against INT8 ones on the same accelerator, from the only FP16 evidence MLPerf has (BERT at 99.9 %
 * vs 99 % accuracy): each one's fraction of its own peak, FP16 ÷ INT8. Null without such a pair.
 */
function fp16OverInt8(readings: Reading[]): { median: number; low: number; pairs: number } | null {
  const ratios: number[] = [];
  for (const fp16 of newestOfflinePerAccelerator(readings, "transformer-encoder", "fp16")) {
    const int8 = ownReadings(readings, fp16.prior.subject, "transformer-encoder", "int8").find((reading) => reading.scenario === "Offline" && reading.prior.asOf === fp16.prior.asOf);
    if (int8) ratios.push(centralOf(fp16) / centralOf(int8));
  }
  return ratios.length === 0 ? null : { median: median(ratios), low: Math.min(...ratios), pairs: ratios.length };
}

/**
 * The least padding factor consistent with MLPerf's BERT results: NVIDIA's harness skips padding, so the padded
 * 246.93 GOPs per sample overstate the work by at least the largest fraction of peak any BERT result reaches.
 */
function leastPaddingFactor(readings: Reading[]): number {
  const bert = readings.filter((reading) => reading.measured && reading.modelClass === "transformer-encoder" && reading.scenario === "Offline").map(centralOf);
  return Math.max(1, ...bert);
}

/**
 * The fraction of the dense peak of `precision` an accelerator reaches on a model of `modelClass`, with a range.
 * CNNs: the accelerator's MLPerf ResNet-50 figure. FP16: the same share of the FP16 peak, scaled by what MLPerf's
 * FP16/INT8 BERT pairs show. FP32 (onnxruntime's CUDA provider, no TensorRT): no published figure; the same share of
 * the FP32 peak, down to half. Transformer encoders run padded graphs in full, so the CNN figure stands in, up to the
 * accelerator's BERT figure divided by the least padding factor MLPerf's results allow. Other models: the CNN figure,
 * down to half. Null when the catalog has no such prior at all.
 */
export function acceleratorEfficiency(priors: EfficiencyPrior[], acceleratorModel: string, modelClass: ModelClass, precision: Precision): EfficiencyEstimate | null {
  // Every batch size of every type of an accelerator asks the same question: answered once per catalog.
  let answers = efficiencies.get(priors);
  if (!answers) efficiencies.set(priors, (answers = new Map()));
  const key = `${acceleratorModel}|${modelClass}|${precision}`;
  let answer = answers.get(key);
  if (answer === undefined) answers.set(key, (answer = efficiencyFrom(priors, acceleratorModel, modelClass, precision)));
  return answer;
}

const efficiencies = new WeakMap<EfficiencyPrior[], Map<string, EfficiencyEstimate | null>>();

function efficiencyFrom(priors: EfficiencyPrior[], acceleratorModel: string, modelClass: ModelClass, precision: Precision): EfficiencyEstimate | null {
  const readings = priors.filter(isFractionOfPeakPrior).map(readingOf);
  const anchor = cnnAnchor(readings, acceleratorModel);
  if (!anchor) return null;
  let { central, low, high } = anchor;
  const notes = [anchor.description];
  const basis = [...anchor.basis];

  if (precision === "fp16") {
    const ratio = fp16OverInt8(readings);
    if (ratio) {
      central *= ratio.median;
      low *= ratio.low;
      high *= Math.max(1, ratio.median);
      notes.push(`FP16 engines: × ${roundSignificant(ratio.median)} (down to × ${roundSignificant(ratio.low)}), MLPerf's FP16 ÷ INT8 BERT fractions of peak on ${ratio.pairs} accelerators`);
    } else {
      notes.push("FP16 engines assumed to reach the same share of the FP16 peak as INT8 engines of the INT8 peak");
    }
  } else if (precision === "fp32") {
    low /= 2;
    notes.push("FP32 (onnxruntime's CUDA provider, no TensorRT): no published figure; assumed the same share of the FP32 peak, down to half of it");
  }

  if (modelClass === "transformer-encoder") {
    const bert = ownReadings(readings, acceleratorModel, "transformer-encoder", precision === "fp16" ? "fp16" : "int8").find((reading) => reading.scenario === "Offline");
    if (bert) {
      const padding = leastPaddingFactor(readings);
      const bound = Math.min(1, centralOf(bert) / padding);
      high = Math.max(high, bound);
      basis.push(bert.prior);
      notes.push(
        `transformer encoder: the CNN figure stands in (a padded graph does all its work, unlike MLPerf's BERT, whose harness skips padding); ` +
          `up to ${roundSignificant(bound)} = ${bert.prior.id} ${roundSignificant(centralOf(bert))} ÷ ${roundSignificant(padding)}, the least padding factor that keeps every MLPerf BERT figure within peak`,
      );
    } else {
      notes.push("transformer encoder: the CNN figure stands in (no BERT result for this accelerator)");
    }
  } else if (modelClass === "other") {
    low /= 2;
    notes.push("neither a CNN nor a transformer encoder: no published figure for this class; the CNN figure, down to half of it");
  }
  return { central, low: Math.min(low, central), high: Math.max(high, central), basis, description: notes.join("; ") };
}
