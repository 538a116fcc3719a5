// Every file bench builds for the reduced precisions, and how far each strays from FP32:
//   INT8 for CPUs: one transform, chosen by where the model's arithmetic is (see cpuInt8Transform), at 7-bit and
//     8-bit weights; the one in the bench host's correct range is the file the INT8 cells time.
//   INT8 for TensorRT: static QDQ with symmetric int8 activations, 8-bit weights (GPUs do not saturate).
//   FP16: the FP32 file (TensorRT builds FP16 engines from it); its drift comes from an FP16 conversion of the model.
// Drift is measured on the benchmark inputs (never the calibration set), and only where this host computes the file
// correctly: 7-bit INT8 everywhere, 8-bit only on hosts whose INT8 class does not saturate (VNNI, AMX, Arm).
import type { ActivationCalibration, ArtifactRecipe, ArtifactRecord } from "../domain/artifact.ts";
import { needsReducedInt8Range, type Int8IsaClass, type Int8WeightBits } from "../domain/int8-isa.ts";
import type { Precision } from "../domain/profile.ts";
import type { ArtifactTransform } from "../domain/serving.ts";
import { buildArtifact, convertToFloat16, float16Method, modelSha256, staticQuantizationPoints, type BuiltArtifact } from "../onnx/index.ts";
import type { AnalysisOptions } from "../onnx/contract.ts";
import { activationCalibrationMethod, calibrateActivationRanges, type ActivationRanges } from "./calibrate-activations.ts";
import { nonFiniteCount, outputDrift, type Drift, type OutputTensor } from "./drift.ts";
import { floatOutputsOf } from "./model-outputs.ts";
import type { Feeds, SessionSettings } from "./ort-session.ts";
import type { ProgressReporter } from "./progress.ts";

export interface ArtifactInputs {
  modelBytes: Uint8Array;
  label: string;
  precisions: Precision[];
  hostIsa: Int8IsaClass;
  /** FLOPs per operator type (the analysis's), to choose the CPU INT8 transform. */
  flopsByOperator: Record<string, number>;
  /** The shapes and control values the model's analysis needs (the bench's --shape and --input). */
  modelInputs: Omit<AnalysisOptions, "batchSize">;
  /** The inputs drift is measured on. */
  driftFeeds: Feeds;
  /** What the drift inputs are, for the notes ("synthesized, seed 42"). */
  driftInputs: string;
  /** Whether they were synthesized or came from the user's inputs file. */
  driftOn: NonNullable<ArtifactRecord["driftOn"]>;
  calibration: CalibrationSource;
  settings: SessionSettings;
  progress: ProgressReporter;
}

export interface CalibrationSource {
  samples: () => Feeds[];
  provenance: Omit<ActivationCalibration, "method" | "samples">;
}

export interface PrecisionArtifacts {
  records: ArtifactRecord[];
  /** The INT8 file the INT8 cells time: the CPU transform in the host's correct weight range. */
  timedInt8: { built: BuiltArtifact; record: ArtifactRecord } | null;
  warnings: string[];
}

/**
 * Static QDQ where convolutions hold most of the products (onnxruntime then runs them as QLinearConv; dynamic INT8
 * leaves them in float), dynamic where matrix products do (no calibration to go wrong, activations ranged per call).
 */
export function cpuInt8Transform(flopsByOperator: Record<string, number>): Extract<ArtifactTransform, "dynamic-int8" | "static-int8-qdq"> {
  const convolution = flopsByOperator.Conv ?? 0;
  const matrix = (flopsByOperator.MatMul ?? 0) + (flopsByOperator.Gemm ?? 0);
  return convolution > matrix ? "static-int8-qdq" : "dynamic-int8";
}

export async function buildPrecisionArtifacts(inputs: ArtifactInputs, hostWeightBits: Int8WeightBits): Promise<PrecisionArtifacts> {
  const { modelBytes, label, settings } = inputs;
  const warnings: string[] = [];
  const reference = await floatOutputsOf(modelBytes, inputs.driftFeeds, `${label} (FP32)`, settings);
  const { nonFinite, total } = nonFiniteCount(reference);
  if (nonFinite > 0) {
    warnings.push(
      `the FP32 model's outputs hold ${nonFinite} NaN/Inf value(s) of ${total} on the benchmark inputs: the inputs are probably not what the model expects ` +
        "(give real ones in an inputs file, or the control values it needs); drift leaves those elements out and timings may not represent real use",
    );
  }
  const records: ArtifactRecord[] = [
    { precision: "fp32", recipe: { transform: "none" }, sha256: modelSha256(modelBytes), bytes: modelBytes.length, quantizedNodes: 0, drift: null, driftNote: "the reference every other precision is compared with" },
  ];
  let timedInt8: PrecisionArtifacts["timedInt8"] = null;
  if (inputs.precisions.includes("int8")) {
    const cpuTransform = cpuInt8Transform(inputs.flopsByOperator);
    inputs.progress.stage(`building INT8 files (CPU: ${cpuTransform}, 7- and 8-bit weights; TensorRT: static QDQ) and measuring their drift`);
    const ranges = await calibrate(inputs);
    const cpuRecipes = ([7, 8] as const).map((weightBits): ArtifactRecipe =>
      cpuTransform === "dynamic-int8" ? { transform: "dynamic-int8", weightBits } : staticRecipe(weightBits, "uint8-asymmetric", ranges),
    );
    // TensorRT's file is served with 8-bit weights; where 8-bit cannot be checked here, its 7-bit twin stands in.
    const tensorRtRecipes = (needsReducedInt8Range(inputs.hostIsa) ? ([7, 8] as const) : ([8] as const)).map((weightBits) => staticRecipe(weightBits, "int8-symmetric", ranges));
    const timedRecipe = cpuRecipes[hostWeightBits === 7 ? 0 : 1];
    for (const recipe of [...cpuRecipes, ...tensorRtRecipes]) {
      const built = buildArtifact(modelBytes, recipe);
      const record = await artifactRecord("int8", recipe, built, reference, inputs);
      records.push(record);
      if (recipe === timedRecipe) timedInt8 = { built, record };
    }
  }
  if (inputs.precisions.includes("fp16")) records.push(await float16Record(inputs, reference));
  return { records, timedInt8, warnings };
}

function staticRecipe(weightBits: Int8WeightBits, activations: "uint8-asymmetric" | "int8-symmetric", ranges: { ranges: ActivationRanges; calibration: ActivationCalibration }): ArtifactRecipe {
  return { transform: "static-int8-qdq", weightBits, activations, activationRanges: ranges.ranges, calibration: ranges.calibration };
}

async function calibrate(inputs: ArtifactInputs): Promise<{ ranges: ActivationRanges; calibration: ActivationCalibration }> {
  const points = staticQuantizationPoints(inputs.modelBytes);
  const samples = points.length > 0 ? inputs.calibration.samples() : [];
  const ranges = await calibrateActivationRanges(inputs.modelBytes, points, samples, inputs.label, inputs.settings);
  return { ranges, calibration: { method: activationCalibrationMethod, samples: Math.max(samples.length, 1), ...inputs.calibration.provenance } };
}

async function artifactRecord(precision: Precision, recipe: ArtifactRecipe, built: BuiltArtifact, reference: OutputTensor[], inputs: ArtifactInputs): Promise<ArtifactRecord> {
  const base = { precision, recipe, sha256: built.sha256, bytes: built.bytes.length, quantizedNodes: built.quantizedNodes };
  if (built.quantizedNodes === 0) {
    return { ...base, drift: identical(reference), driftNote: "the transform changed no node: the file computes exactly what the FP32 model does" };
  }
  const weightBits = "weightBits" in recipe ? recipe.weightBits : 8;
  if (weightBits === 8 && needsReducedInt8Range(inputs.hostIsa)) {
    return {
      ...base,
      drift: null,
      driftNote:
        `not measurable on this host: its INT8 class is ${inputs.hostIsa}, whose u8 × s8 kernels saturate with 8-bit (±127) weights; ` +
        "the same transform's 7-bit drift is a conservative stand-in (7-bit weights round twice as coarsely)",
    };
  }
  const candidate = await floatOutputsOf(built.bytes, inputs.driftFeeds, `${inputs.label} (${describeRecipe(recipe)})`, inputs.settings);
  return { ...base, drift: outputDrift(reference, candidate), driftNote: `measured on onnxruntime's CPU provider (INT8 class ${inputs.hostIsa}) against FP32, on ${inputs.driftInputs}`, driftOn: inputs.driftOn };
}

async function float16Record(inputs: ArtifactInputs, reference: OutputTensor[]): Promise<ArtifactRecord> {
  const { modelBytes, label } = inputs;
  inputs.progress.stage("converting to FP16 and measuring its drift (no FP16 timing: CPUs serve no FP16)");
  const conversion = convertToFloat16(modelBytes, inputs.modelInputs);
  const candidate = await floatOutputsOf(conversion.bytes, inputs.driftFeeds, `${label} (FP16)`, inputs.settings);
  return {
    precision: "fp16",
    recipe: { transform: "none" },
    sha256: modelSha256(modelBytes),
    bytes: modelBytes.length,
    quantizedNodes: 0,
    drift: outputDrift(reference, candidate),
    driftNote:
      `of an FP16 conversion of the model (${conversion.convertedNodes} node(s) in FP16; ${float16Method}; kept in FP32: ${conversion.keptInFloat32.join(", ") || "none"}), ` +
      `sha256 ${modelSha256(conversion.bytes)}, against FP32 on ${inputs.driftInputs}, on onnxruntime's CPU provider, which computes FP16 MatMul/Conv in FP32 arithmetic between casts: ` +
      "the rounding of weights and activations to FP16, not FP16 accumulation. GPUs serve FP16 from the FP32 file (TensorRT precision_mode FP16); no CPU FP16 timing is recorded, CPUs serve no FP16",
    driftOn: inputs.driftOn,
  };
}

function identical(reference: OutputTensor[]): Drift {
  return outputDrift(reference, reference);
}

function describeRecipe(recipe: ArtifactRecipe): string {
  if (recipe.transform === "none") return "FP32";
  return recipe.transform === "static-int8-qdq" ? `INT8 static QDQ ${recipe.activations}, ${recipe.weightBits}-bit weights` : `INT8 dynamic, ${recipe.weightBits}-bit weights`;
}
