import { z } from "zod";
import { artifactRecordSchema, outputDriftSchema } from "./artifact.ts";
import { int8WeightBitsSchema } from "./int8-isa.ts";
import { precisionSchema } from "./precision.ts";
import { artifactTransformSchema, type Int8Transform } from "./serving.ts";

export { precisionSchema, type Precision } from "./precision.ts";

/** cuda needs onnxruntime-node's downloaded CUDA provider files (ONNXRUNTIME_NODE_INSTALL=cuda12); cpu and webgpu ship with it. */
export const executionProviderSchema = z.enum(["cpu", "webgpu", "cuda"]);
export type ExecutionProvider = z.infer<typeof executionProviderSchema>;

export const tensorInfoSchema = z.strictObject({
  name: z.string(),
  /** onnxruntime's element type names: "float32", "int64", "int8", ... */
  elementType: z.string(),
  /** Symbolic dimensions keep their names ("batch", "seq"); -1 never appears. */
  shape: z.array(z.union([z.number().int().nonnegative(), z.string()])),
});
export type TensorInfo = z.infer<typeof tensorInfoSchema>;

export const modelCostSchema = z.strictObject({
  /** Floating-point (or integer) operations for ONE inference (one sample of a batch); a MAC counts 2. */
  flopsPerInference: z.number().nonnegative(),
  /**
   * The conventional headline: 2 × the multiply-accumulates of Conv, ConvTranspose, MatMul, Gemm, Einsum, attention
   * and recurrent products (integer and QLinear forms included), without bias adds or elementwise work: the count
   * MLPerf and model cards quote (ResNet-50 at 224×224: 8.2 GFLOP). Absent in profiles of schemaVersion 1.
   */
  macFlopsPerInference: z.number().nonnegative().optional(),
  flopsByOperator: z.record(z.string(), z.number().nonnegative()),
  parameterCount: z.number().int().nonnegative(),
  weightBytes: z.number().int().nonnegative(),
  /** Bytes of intermediate tensors written per inference (each produced tensor counted once). */
  activationBytesPerInference: z.number().nonnegative(),
  /** FLOPs per byte moved (weights once per batch of one + activations): where the roofline bends. */
  arithmeticIntensityFlopsPerByte: z.number().nonnegative(),
  unknownOperators: z.array(z.string()),
});
export type ModelCost = z.infer<typeof modelCostSchema>;

export const latencySummarySchema = z.strictObject({
  p50: z.number().nonnegative(),
  p95: z.number().nonnegative(),
  p99: z.number().nonnegative(),
  mean: z.number().nonnegative(),
  stddev: z.number().nonnegative(),
});

/** One cell of the measured grid: a precision × batch size × intra-op thread count. */
export const measurementSchema = z.strictObject({
  precision: precisionSchema,
  batchSize: z.number().int().positive(),
  intraOpThreads: z.number().int().positive(),
  executionProvider: executionProviderSchema,
  iterations: z.number().int().positive(),
  /** Latency of one call (the whole batch), in milliseconds. */
  latencyMs: latencySummarySchema,
  /** Half-width of the 95 % confidence interval of the median, relative to the median (0.02 = 2 %). */
  medianRelativeCi95: z.number().nonnegative(),
  converged: z.boolean(),
  throughputInferencesPerSecond: z.number().positive(),
  achievedGflops: z.number().nonnegative(),
  /** achieved / the host's calibrated peak for this precision, 0–1 (can exceed 1 slightly on noisy hosts). */
  efficiency: z.number().nonnegative(),
  /**
   * Metered joules over the cell's calls (warm-up included) divided by the inferences they ran; null where no meter
   * exists (profile.energy says which). Never modelled here: the planner models energy where this is null.
   */
  energyJoulesPerInference: z.number().nonnegative().nullable(),
  /** INT8 cells: the transform whose file was timed, and its weight range (absent in profiles of schemaVersion 1). */
  transform: artifactTransformSchema.optional(),
  weightBits: int8WeightBitsSchema.optional(),
  /**
   * "fp32" when the cell is the FP32 measurement copied, not a timing of its own: the transform changed no node, so
   * the file is the FP32 graph and a second timing would only add noise (a speed-up where nothing changed).
   */
  copiedFrom: z.literal("fp32").optional(),
});
export type Measurement = z.infer<typeof measurementSchema>;

export const calibrationAtThreadsSchema = z.strictObject({
  intraOpThreads: z.number().int().positive(),
  fp32Gflops: z.number().positive(),
  int8Gops: z.number().positive(),
  memoryBandwidthGbPerSecond: z.number().positive(),
});

export const hostSchema = z.strictObject({
  cpuModel: z.string(),
  architecture: z.string(),
  platform: z.string(),
  logicalCores: z.number().int().positive(),
  memoryGb: z.number().positive(),
  isaFlags: z.array(z.string()),
  executionProvider: executionProviderSchema,
  device: z.string(),
  /** The cloud instance type this profile was measured on (`--instance-type`), or null for any other host. */
  instanceType: z.string().nullable(),
  /** Peaks measured through onnxruntime; the top-level figures are at the largest thread count measured. */
  calibration: z.strictObject({
    fp32Gflops: z.number().positive(),
    int8Gops: z.number().positive(),
    memoryBandwidthGbPerSecond: z.number().positive(),
    method: z.string(),
    /** The intra-op thread count the top-level figures were measured at. */
    intraOpThreads: z.number().int().positive().optional(),
    /** The same peaks at every thread count measured: each measurement's efficiency uses its own thread count's. */
    byThreads: z.array(calibrationAtThreadsSchema).optional(),
  }),
});
export type Host = z.infer<typeof hostSchema>;

/** The INT8 transform whose file the INT8 cells timed. */
export const quantizationReportSchema = z.strictObject({
  method: z.string(),
  /** Absent in profiles of schemaVersion 1, which always timed dynamic INT8 with 8-bit weights. */
  transform: artifactTransformSchema.optional(),
  weightBits: int8WeightBitsSchema.optional(),
  quantizedNodes: z.number().int().nonnegative(),
  skipped: z.array(z.strictObject({ node: z.string(), operator: z.string(), reason: z.string() })),
  weightBytes: z.number().int().nonnegative(),
  drift: outputDriftSchema,
  /** INT8 throughput / FP32 throughput at the same batch size and threads (exactly 1 when the cells are copies). */
  speedRatio: z.number().positive().nullable(),
});
export type QuantizationReport = z.infer<typeof quantizationReportSchema>;

export const PROFILE_SCHEMA_VERSION = 3;

/** What `bench` measured: the model (FLOPs, bytes, inputs), the host and its calibrated peaks, and every cell. */
export const modelProfileSchema = z.strictObject({
  kind: z.literal("wattplan.model-profile"),
  /**
   * 2: artifacts, weight bits, copied cells, conventional FLOPs. 3: what each artifact's drift was measured on
   * (driftOn). Profiles of versions 1 and 2 still read.
   */
  schemaVersion: z.union([z.literal(1), z.literal(2), z.literal(PROFILE_SCHEMA_VERSION)]),
  createdAt: z.string(),
  wattplanVersion: z.string(),
  model: z.strictObject({
    name: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    opset: z.number().int().nonnegative(),
    inputs: z.array(tensorInfoSchema),
    outputs: z.array(tensorInfoSchema),
    /** The concrete per-sample shapes and control values the figures were counted with. */
    inputShapes: z.record(z.string(), z.array(z.number().int().nonnegative())),
    inputValues: z.record(z.string(), z.union([z.number(), z.array(z.number())])),
    cost: modelCostSchema,
  }),
  host: hostSchema,
  measurements: z.array(measurementSchema).min(1),
  quantization: quantizationReportSchema.nullable(),
  /**
   * Every file bench built, one per precision × transform × weight range, with its sha256 and its drift from FP32:
   * what the planner gates on and what emit rebuilds. Absent in profiles of schemaVersion 1.
   */
  artifacts: z.array(artifactRecordSchema).optional(),
  energy: z.strictObject({
    meter: z.enum(["rapl", "nvidia-smi", "none"]),
    note: z.string(),
  }),
  warnings: z.array(z.string()),
});
export type ModelProfile = z.infer<typeof modelProfileSchema>;

/**
 * The INT8 transform whose file the profile's INT8 cells timed (what CPUs serve): the quantization report's, dynamic
 * for profiles of schemaVersion 1 (the only transform they had); null without an INT8 report.
 */
export function timedInt8Transform(profile: Pick<ModelProfile, "quantization">): Int8Transform | null {
  const transform = profile.quantization ? (profile.quantization.transform ?? "dynamic-int8") : "none";
  return transform === "none" ? null : transform;
}
