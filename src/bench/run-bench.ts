// `bench(modelPath, options)`: read and analyse the model, probe and calibrate the host, measure every
// precision × threads × batch cell within the budget, compare INT8 with FP32, and return a validated ModelProfile.
import { basename, dirname, extname, resolve } from "node:path";
import { WattplanError } from "../errors.ts";
import { WATTPLAN_VERSION } from "../version.ts";
import { int8IsaClassOfFlags, int8WeightBitsFor } from "../domain/int8-isa.ts";
import { readUserFile } from "../io/read-file.ts";
import { modelProfileSchema, PROFILE_SCHEMA_VERSION, type Measurement, type ModelProfile, type Precision } from "../domain/profile.ts";
import type { ArtifactRecord } from "../domain/artifact.ts";
import { analyzeModel, modelSha256, readModel } from "../onnx/index.ts";
import type { ModelAnalysis } from "../onnx/contract.ts";
import { resolveBenchOptions, type BenchOptions } from "./bench-options.ts";
import { calibrateHost, calibrationMethod, type Calibration } from "./calibrate.ts";
import { monotonicClock } from "./clock.ts";
import { selectEnergyMeter } from "./energy/select-meter.ts";
import { probeHost } from "./host-probe.ts";
import { assertKnownInputNames } from "./input-names.ts";
import { readInputsFile } from "./inputs-file.ts";
import { reconcilePeaks } from "./reconcile-peaks.ts";
import { copiedInt8Cells, speedRatio } from "./int8-comparison.ts";
import { readCalibrationFile } from "./calibration-inputs.ts";
import { buildPrecisionArtifacts } from "./precision-artifacts.ts";
import type { ReconciledPeaks } from "./reconcile-peaks.ts";
import { measureGridPasses } from "./measure-grid.ts";
import { createSession, runSession } from "./ort-session.ts";
import { silentProgress } from "./progress.ts";
import { synthesizeFeeds } from "./synthesize-inputs.ts";
import { assertExecutionProviderAvailable } from "./provider-probe.ts";

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

  // One sample (batch 1) for calibration: the file's values for it, or synthesized with its own seed.
  const sampleFeeds = (sample: Record<string, number[]>, seed = settings.seed) =>
    synthesizeFeeds(perSample.inputs, { resolvedShapes: perSample.resolvedInputShapes, controlValues, fileValues: { ...fileValues, ...sample }, batchSize: 1, seed });

  if (settings.executionProvider !== "cpu") await assertExecutionProviderAvailable(settings.executionProvider, modelPath);
  // Fail fast, before minutes of calibration and quantization, on a model onnxruntime rejects or cannot run.
  const probeSession = await createSession(modelBytes, model.label, { intraOpThreads: settings.threads[0], executionProvider: settings.executionProvider, externalDataDirectory });
  try {
    await runSession(probeSession, feedsFor(settings.batchSizes[0]), model.label);
  } finally {
    await probeSession.release();
  }

  const hostFacts = await probeHost();
  const hostIsa = int8IsaClassOfFlags(hostFacts.isaFlags);
  // The range that computes correctly on this host: its INT8 timing is then of a file that gives right answers
  // (the kernels, and so the speed, are the same for either range).
  const hostWeightBits = int8WeightBitsFor([hostIsa]);
  const driftBatch = settings.batchSizes[settings.batchSizes.length - 1];
  const calibrationFile = options.calibration?.inputsFile ? await readCalibrationFile(options.calibration.inputsFile) : null;
  // The inputs neither the inputs file nor --input gives: their values are synthesized, and so is what drift reads.
  const synthesized = perSample.inputs.map((input) => input.name).filter((name) => !Object.hasOwn(fileValues, name) && !Object.hasOwn(settings.inputValues, name));
  const artifacts = await buildPrecisionArtifacts(
    {
      modelBytes,
      label: model.label,
      precisions: settings.precisions,
      hostIsa,
      flopsByOperator: perSample.cost.flopsByOperator,
      modelInputs: { shapes: settings.shapes, inputValues: controlValues },
      // Drift on the largest batch: the more rows of class scores, the more top-1 agreement says.
      driftFeeds: feedsFor(driftBatch),
      driftInputs: `${driftInputsDescription(synthesized, options.inputsFile !== undefined, settings.seed)}, batch ${driftBatch}`,
      driftOn: synthesized.length === 0 && options.inputsFile !== undefined ? "inputs-file" : "synthesized",
      calibration: calibrationFile
        ? { samples: () => calibrationFile.samples.map((sample) => sampleFeeds(sample)), provenance: { inputsFileSha256: calibrationFile.sha256 } }
        : { samples: () => Array.from({ length: settings.calibrationSamples }, (_, index) => sampleFeeds({}, settings.seed + 1 + index)), provenance: { seed: settings.seed + 1 } },
      settings: { intraOpThreads: settings.threads[0], executionProvider: settings.executionProvider, externalDataDirectory },
      progress,
    },
    hostWeightBits,
  );
  warnings.push(...artifacts.warnings);
  const timedInt8 = artifacts.timedInt8;
  const variants = new Map<Precision, Uint8Array>([["fp32", modelBytes]]);
  // A transform that quantized nothing gets no timing of its own: its INT8 cells are the FP32 ones, copied.
  const timedPrecisions = settings.precisions.filter((precision) => precision === "fp32" || (precision === "int8" && timedInt8 !== null && timedInt8.record.quantizedNodes > 0));
  if (timedInt8) {
    variants.set("int8", timedInt8.built.bytes);
    if (timedInt8.record.quantizedNodes === 0) warnings.push("INT8: the transform quantized no node, so the INT8 cells are the FP32 measurement copied: no INT8 speed-up");
    else if (timedInt8.built.skipped.length > 0) warnings.push(`INT8: ${timedInt8.built.skipped.length} node(s) left in FP32 (see quantization.skipped)`);
    const raised = timedInt8.built.opsetRaised;
    if (raised) {
      warnings.push(
        `INT8: the model (opset ${raised.from}) was declared opset ${raised.to} for the transform's operators` +
          `${raised.rewritten.length > 0 ? `, ${raised.rewritten.join(", ")} rewritten in their opset-${raised.to} form` : ""}; its drift compares the file with the model as exported`,
      );
    }
  }

  const oversubscribed = settings.threads.filter((threads) => threads > hostFacts.logicalCores);
  if (oversubscribed.length > 0) {
    warnings.push(`${oversubscribed.join(", ")} thread(s) exceed the ${hostFacts.logicalCores} logical cores: those cells measure oversubscription, not scaling`);
  }
  const energy = await selectEnergyMeter(settings.executionProvider, { powercapRoot: options.powercapRoot, nvidiaSmiExecutable: options.nvidiaSmiExecutable });
  progress.stage(`calibrating the host peak (MatMul FP32/INT8, memory bandwidth) at ${settings.threads.join(", ")} thread(s)`);
  const calibrations = new Map<number, Calibration>();
  for (const threads of settings.threads) calibrations.set(threads, await calibrateHost(threads, clock));
  if (settings.executionProvider !== "cpu") warnings.push("efficiency is relative to the CPU's calibrated peak; the GPU's peak is not calibrated");

  if (settings.passes > 1) progress.stage(`measuring in ${settings.passes} passes; each cell keeps the pass in which it ran fastest`);
  const measured = await measureGridPasses({
    label: model.label,
    models: variants,
    precisions: timedPrecisions,
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
  if (settings.passes > 1) {
    warnings.push(
      timedPrecisions.length > 1
        ? `each cell was measured in ${settings.passes} passes, its precisions one after the other, and keeps the pass in which they ran fastest together (other load only slows runs down)`
        : `each cell was measured in ${settings.passes} passes and keeps the one with the lower median latency (other load only slows runs down)`,
    );
  }
  const reconciled = reconcilePeaks(calibrations, measured);
  warnings.push(...reconciled.warnings);
  const int8Cells = timedInt8 ? int8CellsOf(reconciled, timedInt8.built.quantizedNodes > 0, timedInt8.record) : [];
  const measurements = [...reconciled.measurements.filter((measurement) => measurement.precision === "fp32"), ...int8Cells];

  const unconverged = measurements.filter((measurement) => !measurement.converged).length;
  if (unconverged > 0) {
    warnings.push(`${unconverged} of ${measurements.length} cell(s) ended on the time budget before the median's 95 % CI reached ±${(settings.targetRelativeCi * 100).toFixed(1)} % (see medianRelativeCi95); a larger budget (budgetSeconds) tightens them`);
  }

  const fullCalibration = reconciled.calibrations.get(settings.threads[settings.threads.length - 1])!;
  const profile: ModelProfile = {
    kind: "wattplan.model-profile",
    schemaVersion: PROFILE_SCHEMA_VERSION,
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
      device: settings.executionProvider === "cpu" ? hostFacts.cpuModel : (energy.deviceName ?? `${settings.executionProvider} device`),
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
    quantization: timedInt8
      ? {
          method: timedInt8.built.method,
          transform: timedInt8.record.recipe.transform,
          weightBits: hostWeightBits,
          quantizedNodes: timedInt8.built.quantizedNodes,
          skipped: timedInt8.built.skipped,
          weightBytes: timedInt8.built.weightBytes,
          drift: timedInt8.record.drift!,
          speedRatio: speedRatio(measurements),
        }
      : null,
    artifacts: artifacts.records,
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

/** The INT8 cells as measured (or the FP32 cells copied when the transform changed nothing), each naming its file. */
function int8CellsOf(reconciled: ReconciledPeaks, timed: boolean, record: ArtifactRecord): Measurement[] {
  const recipe = record.recipe;
  const labels = { transform: recipe.transform, ...("weightBits" in recipe ? { weightBits: recipe.weightBits } : {}) };
  const cells = timed
    ? reconciled.measurements.filter((measurement) => measurement.precision === "int8")
    : copiedInt8Cells(
        reconciled.measurements.filter((measurement) => measurement.precision === "fp32"),
        (threads) => reconciled.calibrations.get(threads)?.int8Gops ?? 0,
      );
  return cells.map((cell) => ({ ...cell, ...labels }));
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

/** What the drift was measured on, for the notes: the inputs file's values, synthesized ones, or some of each. */
function driftInputsDescription(synthesized: readonly string[], fromFile: boolean, seed: number): string {
  if (!fromFile) return `synthesized inputs (seed ${seed})`;
  if (synthesized.length === 0) return "the inputs file's values";
  return `the inputs file's values, with ${synthesized.join(", ")} synthesized (seed ${seed})`;
}
