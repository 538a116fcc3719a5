// `bench(modelPath, options)`: read and analyse the model, probe and calibrate the host, measure every
// precision × threads × batch cell within the budget, compare INT8 with FP32, and return a validated ModelProfile.
import { basename, dirname, extname, resolve } from "node:path";
import { WattplanError } from "../errors.ts";
import { WATTPLAN_VERSION } from "../version.ts";
import { readUserFile } from "../io/read-file.ts";
import { modelProfileSchema, type ModelProfile, type Precision, type QuantizationReport } from "../domain/profile.ts";
import { analyzeModel, modelSha256, quantizeDynamic, readModel } from "../onnx/index.ts";
import type { ModelAnalysis } from "../onnx/contract.ts";
import { resolveBenchOptions, type BenchOptions } from "./bench-options.ts";
import { calibrateHost, calibrationMethod, type Calibration } from "./calibrate.ts";
import { monotonicClock } from "./clock.ts";
import { selectEnergyMeter } from "./energy/select-meter.ts";
import { probeHost } from "./host-probe.ts";
import { assertKnownInputNames } from "./input-names.ts";
import { readInputsFile } from "./inputs-file.ts";
import { reconcilePeaks } from "./reconcile-peaks.ts";
import { measureDrift, speedRatio } from "./int8-comparison.ts";
import { measureGridPasses } from "./measure-grid.ts";
import { createSession, runSession } from "./ort-session.ts";
import { silentProgress } from "./progress.ts";
import { synthesizeFeeds } from "./synthesize-inputs.ts";
import { assertWebGpuAvailable } from "./webgpu-probe.ts";

export type { BenchOptions } from "./bench-options.ts";

export async function bench(modelPath: string, options: BenchOptions = {}): Promise<ModelProfile> {
  const settings = resolveBenchOptions(options);
  const clock = options.clock ?? monotonicClock;
  const progress = options.progress ?? silentProgress;

  const modelBytes = new Uint8Array(await readUserFile(modelPath, "model"));
  // Weights stored beside the model (ONNX external data) are found from the model's folder, not the working directory.
  const externalDataDirectory = dirname(resolve(modelPath));
  const model = readModel(modelBytes, modelPath);
  const fileValues = options.inputsFile ? await readInputsFile(options.inputsFile) : {};
  assertKnownInputNames(
    [
      { source: "shapes", names: Object.keys(settings.shapes) },
      { source: "inputValues", names: Object.keys(settings.inputValues) },
      { source: "inputsFile", names: Object.keys(fileValues) },
    ],
    graphInputNames(model.proto),
    symbolicDimensionNames(model.proto),
  );
  // Single numbers from the inputs file are control values too (they may decide an If branch).
  const controlValues = { ...scalarValues(fileValues), ...settings.inputValues };
  const analyze = (batchSize: number): ModelAnalysis => analyzeModel(model, { batchSize, shapes: settings.shapes, inputValues: controlValues });
  const perSample = analyze(1);
  assertBatchSizesRunnable(perSample, settings.batchSizes, model.label);
  const analyses = new Map(settings.batchSizes.map((batchSize) => [batchSize, batchSize === 1 ? perSample : analyze(batchSize)]));
  const warnings = [...perSample.warnings];
  const feedsFor = (batchSize: number) => {
    const analysis = analyses.get(batchSize)!;
    return synthesizeFeeds(analysis.inputs, { resolvedShapes: analysis.resolvedInputShapes, controlValues, fileValues, batchSize, seed: settings.seed });
  };

  if (settings.executionProvider === "webgpu") await assertWebGpuAvailable(modelPath);
  // Fail fast, before minutes of calibration and quantization, on a model onnxruntime rejects or cannot run.
  const probeSession = await createSession(modelBytes, model.label, { intraOpThreads: settings.threads[0], executionProvider: settings.executionProvider, externalDataDirectory });
  try {
    await runSession(probeSession, feedsFor(settings.batchSizes[0]), model.label);
  } finally {
    await probeSession.release();
  }

  const variants = new Map<Precision, Uint8Array>([["fp32", modelBytes]]);
  let quantization: Omit<QuantizationReport, "drift" | "speedRatio"> | null = null;
  if (settings.precisions.includes("int8")) {
    progress.stage("quantizing to INT8 (dynamic: int8 weights, activations quantized at run time)");
    const quantized = quantizeDynamic(model);
    variants.set("int8", quantized.bytes);
    quantization = {
      method: quantized.method,
      quantizedNodes: quantized.quantizedNodes,
      skipped: quantized.skipped,
      weightBytes: quantized.weightBytes,
    };
    if (quantized.quantizedNodes === 0) warnings.push("INT8: no node could be quantized; the INT8 figures measure the FP32 graph");
    else if (quantized.skipped.length > 0) warnings.push(`INT8: ${quantized.skipped.length} node(s) left in FP32 (see quantization.skipped)`);
  }

  const hostFacts = await probeHost();
  const oversubscribed = settings.threads.filter((threads) => threads > hostFacts.logicalCores);
  if (oversubscribed.length > 0) {
    warnings.push(`${oversubscribed.join(", ")} thread(s) exceed the ${hostFacts.logicalCores} logical cores: those cells measure oversubscription, not scaling`);
  }
  const energy = await selectEnergyMeter(settings.executionProvider, { powercapRoot: options.powercapRoot, nvidiaSmiExecutable: options.nvidiaSmiExecutable });
  progress.stage(`calibrating the host peak (MatMul FP32/INT8, memory bandwidth) at ${settings.threads.join(", ")} thread(s)`);
  const calibrations = new Map<number, Calibration>();
  for (const threads of settings.threads) calibrations.set(threads, await calibrateHost(threads, clock));
  if (settings.executionProvider === "webgpu") warnings.push("efficiency is relative to the CPU's calibrated peak; the GPU's peak is not calibrated");

  if (settings.passes > 1) progress.stage(`measuring in ${settings.passes} passes; each cell keeps the pass with the lower median`);
  const measured = await measureGridPasses({
    label: model.label,
    models: variants,
    precisions: settings.precisions,
    threads: settings.threads,
    batchSizes: settings.batchSizes,
    executionProvider: settings.executionProvider,
    externalDataDirectory,
    feedsFor,
    flopsPerInference: perSample.cost.flopsPerInference,
    calibrations,
    budgetMs: settings.budgetSeconds * 1000,
    targetRelativeCi: settings.targetRelativeCi,
    meter: energy.meter,
    clock,
    progress,
  }, settings.passes);
  if (settings.passes > 1) warnings.push(`each cell was measured in ${settings.passes} passes and keeps the one with the lower median latency (other load only slows runs down)`);
  const reconciled = reconcilePeaks(calibrations, measured);
  warnings.push(...reconciled.warnings);
  const measurements = reconciled.measurements;
  // Drift on the largest batch: the more rows of class scores, the more top-1 agreement says.
  const drift = quantization
    ? await measureDrift(modelBytes, variants.get("int8")!, feedsFor(settings.batchSizes[settings.batchSizes.length - 1]), model.label, {
        intraOpThreads: settings.threads[0],
        executionProvider: settings.executionProvider,
        externalDataDirectory,
      })
    : null;

  const unconverged = measurements.filter((measurement) => !measurement.converged).length;
  if (unconverged > 0) {
    warnings.push(`${unconverged} of ${measurements.length} cell(s) ended on the time budget before the median's 95 % CI reached ±${(settings.targetRelativeCi * 100).toFixed(1)} % (see medianRelativeCi95); a larger budget (budgetSeconds) tightens them`);
  }

  const fullCalibration = reconciled.calibrations.get(settings.threads[settings.threads.length - 1])!;
  const profile: ModelProfile = {
    kind: "wattplan.model-profile",
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    wattplanVersion: WATTPLAN_VERSION,
    model: {
      name: options.modelName ?? basename(modelPath, extname(modelPath)),
      sha256: modelSha256(modelBytes),
      opset: perSample.opset,
      inputs: perSample.inputs,
      outputs: perSample.outputs,
      inputShapes: perSample.resolvedInputShapes,
      inputValues: controlValues,
      cost: perSample.cost,
    },
    host: {
      ...hostFacts,
      executionProvider: settings.executionProvider,
      device: settings.executionProvider === "webgpu" ? (energy.deviceName ?? "WebGPU adapter") : hostFacts.cpuModel,
      instanceType: settings.instanceType,
      calibration: {
        fp32Gflops: fullCalibration.fp32Gflops,
        int8Gops: fullCalibration.int8Gops,
        memoryBandwidthGbPerSecond: fullCalibration.memoryBandwidthGbPerSecond,
        method: calibrationMethod,
        intraOpThreads: fullCalibration.intraOpThreads,
        byThreads: [...reconciled.calibrations.values()],
      },
    },
    measurements,
    quantization: quantization && drift ? { ...quantization, drift, speedRatio: speedRatio(measurements) } : null,
    energy: { meter: energy.meter?.kind ?? "none", note: energy.note },
    warnings: [...new Set(warnings)],
  };
  return validateProfile(profile);
}

export function validateProfile(profile: unknown): ModelProfile {
  const parsed = modelProfileSchema.safeParse(profile);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new WattplanError("INVALID_PROFILE", `profile is invalid at ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
}

/**
 * A model whose inputs have no batch dimension runs its fixed shapes on every call: feeding it "batch 8" would
 * time one sample and report 8 times the throughput (and raise the host's calibrated peak to match).
 */
function assertBatchSizesRunnable(analysis: ModelAnalysis, batchSizes: number[], label: string): void {
  const larger = batchSizes.filter((batchSize) => batchSize !== 1);
  if (analysis.hasBatchDimension || larger.length === 0) return;
  const shapes = Object.entries(analysis.resolvedInputShapes).map(([name, shape]) => `${name} [${shape.join(", ")}]`).join(", ");
  throw new WattplanError(
    "INVALID_INPUT",
    `${label} has no batch dimension (its input shapes are fixed: ${shapes}), so batch size ${larger.join(", ")} cannot be measured`,
    "measure batch size 1 only (in a spec, options.batching.maxBatch: 1), or export the model with a symbolic batch axis",
  );
}

function graphInputNames(proto: ReturnType<typeof readModel>["proto"]): string[] {
  const initializers = new Set((proto.graph?.initializer ?? []).map((initializer) => initializer.name ?? ""));
  return (proto.graph?.input ?? []).map((input) => input.name ?? "").filter((name) => name !== "" && !initializers.has(name));
}

/** `--shape` may also name a symbolic dimension ("sequence=128") instead of an input. */
function symbolicDimensionNames(proto: ReturnType<typeof readModel>["proto"]): string[] {
  const names = (proto.graph?.input ?? []).flatMap((input) => (input.type?.tensorType?.shape?.dim ?? []).map((dimension) => dimension.dimParam ?? ""));
  return [...new Set(names.filter((name) => name !== ""))];
}

function scalarValues(values: Record<string, number[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, list]) => list.length === 1).map(([name, list]) => [name, list[0]]));
}
