// The options of a benchmark run, their defaults, and the checks that turn bad values into one-line errors.
import { cpus } from "node:os";
import { WattplanError, type ErrorDetail } from "../errors.ts";
import { executionProviderSchema, type ExecutionProvider, type Precision } from "../domain/profile.ts";
import type { Clock } from "./clock.ts";
import type { ProgressReporter } from "./progress.ts";
import type { InputValue } from "./synthesize-inputs.ts";
import { defaultCalibrationSamples } from "./calibration-inputs.ts";

export interface BenchOptions {
  /** The model's name in the profile (default: the file name without .onnx). */
  modelName?: string;
  /** Batch sizes to measure (default [1]). */
  batchSizes?: number[];
  /** Intra-op thread counts to measure (default: all logical cores). */
  threads?: number[];
  /**
   * Precisions to measure (default ["fp32"]). int8 builds the INT8 files (src/bench/precision-artifacts.ts) and
   * times one; fp16 measures the drift of an FP16 conversion only (CPUs serve no FP16, so nothing is timed).
   */
  precisions?: Precision[];
  executionProvider?: ExecutionProvider;
  /** The cloud instance type this runs on, recorded so the planner treats the profile as measured there. */
  instanceType?: string | null;
  /** Wall time for all measured cells together (default 30 s); calibration and quantization come on top. */
  budgetSeconds?: number;
  /** Symbolic dimensions by input name (the CLI's `--shape name=d1,d2`). */
  shapes?: Record<string, number[]>;
  /** Control / scalar input values (the CLI's `--input name=value`). */
  inputValues?: Record<string, InputValue>;
  /** A JSON file of input values (the CLI's `--inputs-file`). */
  inputsFile?: string;
  /** Static INT8's calibration: a file of samples (`model.calibration.inputsFile`) or how many to synthesize. */
  calibration?: { inputsFile?: string; samples?: number };
  /** Relative half-width of the median's 95 % CI that ends a cell early (default 0.02). */
  targetRelativeCi?: number;
  seed?: number;
  /**
   * Measure the whole grid this many times (default 1), the budget split between passes, and keep each cell's
   * pass with the lower median: on a shared machine other processes only ever slow a run down.
   */
  passes?: number;
  progress?: ProgressReporter;
  clock?: Clock;
  /** Where RAPL lives (tests point it at a fixture directory). */
  powercapRoot?: string;
  nvidiaSmiExecutable?: string;
}

export interface ResolvedBenchOptions {
  batchSizes: number[];
  threads: number[];
  precisions: Precision[];
  executionProvider: ExecutionProvider;
  instanceType: string | null;
  budgetSeconds: number;
  shapes: Record<string, number[]>;
  inputValues: Record<string, InputValue>;
  targetRelativeCi: number;
  seed: number;
  passes: number;
  calibrationSamples: number;
}

export function resolveBenchOptions(options: BenchOptions): ResolvedBenchOptions {
  const batchSizes = uniquePositiveIntegers(options.batchSizes ?? [1], "batch size", { option: "batchSizes", example: "1,8" });
  const threads = uniquePositiveIntegers(options.threads ?? [Math.max(cpus().length, 1)], "thread count", { option: "threads", example: "1,2" });
  const precisions: Precision[] = [...new Set<Precision>(options.precisions ?? ["fp32"])];
  for (const precision of precisions) {
    if (precision !== "fp32" && precision !== "int8" && precision !== "fp16") throw new WattplanError("INVALID_INPUT", `unknown precision '${precision}'`, PRECISIONS_HINT, PRECISIONS_DETAIL);
  }
  if (precisions.length === 0) throw new WattplanError("INVALID_INPUT", "no precision to measure", PRECISIONS_HINT, PRECISIONS_DETAIL);
  const executionProvider = options.executionProvider ?? "cpu";
  if (!executionProviderSchema.options.includes(executionProvider)) {
    throw new WattplanError("INVALID_INPUT", `unknown execution provider '${executionProvider}'`, `execution providers are ${executionProviderSchema.options.join(", ")}`, { option: "executionProvider", example: "cpu" });
  }
  const budgetSeconds = options.budgetSeconds ?? 30;
  if (!Number.isFinite(budgetSeconds) || budgetSeconds <= 0) {
    throw new WattplanError("INVALID_INPUT", `budget must be a positive number of seconds, not ${budgetSeconds}`, "for example budgetSeconds: 30", { option: "budgetSeconds", example: "30" });
  }
  const targetRelativeCi = options.targetRelativeCi ?? 0.02;
  if (!(targetRelativeCi > 0 && targetRelativeCi < 1)) throw new WattplanError("INVALID_INPUT", `target CI must be between 0 and 1, not ${targetRelativeCi}`);
  const calibrationSamples = options.calibration?.samples ?? defaultCalibrationSamples;
  if (!Number.isInteger(calibrationSamples) || calibrationSamples <= 0) {
    throw new WattplanError("INVALID_INPUT", `calibration samples must be a positive integer, not ${calibrationSamples}`, "for example model.calibration.samples: 16");
  }
  const passes = options.passes ?? 1;
  if (!Number.isInteger(passes) || passes < 1) throw new WattplanError("INVALID_INPUT", `passes must be a positive integer, not ${passes}`);
  return {
    passes,
    batchSizes,
    threads,
    precisions: precisions.sort((first, second) => precisionOrder.indexOf(first) - precisionOrder.indexOf(second)),
    executionProvider,
    instanceType: options.instanceType ?? null,
    budgetSeconds,
    shapes: options.shapes ?? {},
    inputValues: options.inputValues ?? {},
    targetRelativeCi,
    seed: options.seed ?? 42,
    calibrationSamples,
  };
}

/** FP32 first: every other precision is compared with it. */
const precisionOrder: Precision[] = ["fp32", "int8", "fp16"];

const PRECISIONS_HINT = "precisions are fp32, int8 and fp16";
const PRECISIONS_DETAIL: ErrorDetail = { option: "precisions", example: "fp32,int8" };

function uniquePositiveIntegers(values: number[], what: string, detail: ErrorDetail & { example: string }): number[] {
  const hint = `for example ${detail.option}: [${detail.example.split(",").join(", ")}]`;
  if (values.length === 0) throw new WattplanError("INVALID_INPUT", `no ${what} given`, hint, detail);
  for (const value of values) {
    if (!Number.isInteger(value) || value <= 0) throw new WattplanError("INVALID_INPUT", `${what} must be a positive integer, not '${value}'`, hint, detail);
  }
  return [...new Set(values)].sort((first, second) => first - second);
}
