// Small hand-made catalog records and profiles for the estimate tests. Figures that stand for a published source
// say which; the rest are round numbers chosen to make the arithmetic easy to follow.
import type { AcceleratorSpec, EfficiencyPrior, InstanceType, Region } from "../../src/domain/catalog.ts";
import type { Figure } from "../../src/domain/figure.ts";
import type { Measurement, ModelProfile } from "../../src/domain/profile.ts";
import type { CandidateEstimateInput, PerformanceProjection } from "../../src/estimate/contract.ts";

export function figure(value: number, source = "fixture", asOf = "2026-01"): Figure {
  return { value, source, asOf };
}

export function makeInstance(overrides: Partial<InstanceType> & { instanceType: string }): InstanceType {
  return {
    provider: "aws",
    family: overrides.instanceType.split(".")[0],
    vcpus: 8,
    memoryGb: 16,
    architecture: "x86_64",
    cpu: { model: "Fixture Xeon", microarchitecture: "Sapphire Rapids", source: "fixture" },
    accelerator: null,
    power: { cpuMinWattsPerVcpu: figure(0.74), cpuMaxWattsPerVcpu: figure(3.5), memoryWattsPerGb: figure(0.392) },
    embodied: { kgCo2e: figure(1000), lifespanHours: figure(35040) },
    peak: { cpuFp32Gflops: figure(800), cpuInt8Gops: figure(3200), memoryBandwidthGbPerSecond: figure(80) },
    ...overrides,
  };
}

export function makeRegion(overrides: Partial<Region> = {}): Region {
  return {
    provider: "aws",
    code: "us-east-1",
    name: "US East (N. Virginia)",
    country: "US",
    latitude: 39.04,
    longitude: -77.49,
    locationSource: { source: "fixture", asOf: "2026-01" },
    timeZone: "America/New_York",
    gridZones: { electricityMaps: "US-MIDA-PJM", source: "fixture" },
    intensity: {
      lifecycle: { ...figure(379.069), basis: "lifecycle", year: 2024, zone: "fixture", scope: "subnational" },
      operational: { ...figure(379.069), basis: "operational", year: 2024, zone: "fixture", scope: "subnational" },
    },
    ...overrides,
  } as Region;
}

export function makeCell(overrides: Omit<Partial<Measurement>, "latencyMs"> & { batchSize: number; latencyMs: number }): Measurement {
  const { latencyMs, ...rest } = overrides;
  const batchSize = overrides.batchSize;
  return {
    precision: "fp32",
    intraOpThreads: 1,
    executionProvider: "cpu",
    iterations: 100,
    medianRelativeCi95: 0.02,
    converged: true,
    throughputInferencesPerSecond: (batchSize * 1000) / latencyMs,
    achievedGflops: 0,
    efficiency: 0,
    energyJoulesPerInference: null,
    ...rest,
    latencyMs: { p50: latencyMs, p95: latencyMs * 1.1, p99: latencyMs * 1.2, mean: latencyMs, stddev: latencyMs * 0.05 },
  };
}

export interface ProfileOptions {
  flopsPerInference?: number;
  weightBytes?: number;
  activationBytesPerInference?: number;
  instanceType?: string | null;
  architecture?: string;
  logicalCores?: number;
  fp32Gflops?: number;
  int8Gops?: number;
  memoryBandwidthGbPerSecond?: number;
  measurements: Measurement[];
}

export function makeProfile(options: ProfileOptions): ModelProfile {
  const flops = options.flopsPerInference ?? 1e9;
  const weightBytes = options.weightBytes ?? 4e6;
  const activationBytes = options.activationBytesPerInference ?? 1e6;
  return {
    kind: "wattplan.model-profile",
    schemaVersion: 1,
    createdAt: "2026-11-28T00:00:00Z",
    wattplanVersion: "0.1.0",
    model: {
      name: "fixture-cnn",
      sha256: "a".repeat(64),
      opset: 17,
      inputs: [],
      outputs: [],
      inputShapes: {},
      inputValues: {},
      cost: {
        flopsPerInference: flops,
        flopsByOperator: { Conv: flops },
        parameterCount: weightBytes / 4,
        weightBytes,
        activationBytesPerInference: activationBytes,
        arithmeticIntensityFlopsPerByte: flops / (weightBytes + activationBytes),
        unknownOperators: [],
      },
    },
    host: {
      cpuModel: "Fixture EPYC",
      architecture: options.architecture ?? "x64",
      platform: "linux",
      logicalCores: options.logicalCores ?? 2,
      memoryGb: 8,
      isaFlags: ["avx512f"],
      executionProvider: "cpu",
      device: "cpu",
      instanceType: options.instanceType ?? null,
      calibration: {
        fp32Gflops: options.fp32Gflops ?? 200,
        int8Gops: options.int8Gops ?? 800,
        memoryBandwidthGbPerSecond: options.memoryBandwidthGbPerSecond ?? 20,
        method: "fixture",
      },
    },
    measurements: options.measurements,
    quantization: null,
    energy: { meter: "none", note: "fixture" },
    warnings: [],
  };
}

/** A 1-GFLOP model measured at batches 1, 4, 16 on one thread: 1 ms overhead + 10 ms per item. */
export function linearCurveProfile(options: Partial<ProfileOptions> = {}): ModelProfile {
  return makeProfile({
    measurements: [1, 4, 16].map((batchSize) => makeCell({ batchSize, latencyMs: 1 + 10 * batchSize })),
    ...options,
  });
}

export const a10gSpec: AcceleratorSpec = {
  model: "A10G",
  vendor: "NVIDIA",
  memoryGb: figure(24),
  memoryBandwidthGbPerSecond: figure(600),
  fp32Tflops: figure(31.2),
  fp16Tflops: figure(125),
  int8Tops: figure(250),
  idleWatts: figure(25),
  maxWatts: figure(300),
};

export const fractionPriors: EfficiencyPrior[] = [
  { id: "mlperf-a10-resnet50", kind: "fraction_of_peak", subject: "A10", workload: "CNN", precision: "int8", metric: "achieved/dense_peak", low: 0.45, high: 0.45, unit: "ratio", source: "fixture after MLPerf Inference v1.1", asOf: "2021" },
  { id: "mlperf-t4-resnet50", kind: "fraction_of_peak", subject: "T4", workload: "CNN", precision: "int8", metric: "achieved/dense_peak", low: 0.37, high: 0.37, unit: "ratio", source: "fixture after MLPerf Inference v1.0", asOf: "2021" },
  { id: "mlperf-l40s-resnet50", kind: "fraction_of_peak", subject: "L40S", workload: "CNN", precision: "int8", metric: "achieved/dense_peak", low: 0.49, high: 0.49, unit: "ratio", source: "fixture after MLPerf Inference v4.1", asOf: "2024" },
];

/** A CPU projection with consistent figures (4 replicas, 20 ms per call → 200 inferences/s); override what a test is about. */
export function makeProjection(overrides: Partial<PerformanceProjection> = {}): PerformanceProjection {
  return {
    method: "roofline",
    source: "fixture",
    serviceTimeMs: 20,
    serviceTimeRangeMs: { low: 16, high: 25 },
    replicas: 4,
    threadsPerReplica: 2,
    capacityPerInstanceRps: 200,
    capacityRangeRps: { low: 160, high: 250 },
    modelMemoryGb: 0.5,
    batchSize: 1,
    assumptions: [],
    ...overrides,
  };
}

/** One candidate to estimate: the projection above on a c7i.2xlarge at 120 rps mean, 400 peak, 30 quietest. */
export function makeEstimateInput(overrides: Partial<CandidateEstimateInput> = {}): CandidateEstimateInput {
  return {
    projection: makeProjection(),
    instance: makeInstance({ instanceType: "c7i.2xlarge" }),
    accelerator: null,
    region: makeRegion(),
    pue: 1.135,
    intensityBasis: "lifecycle",
    usdPerHour: 0.357,
    pricing: "on-demand",
    traffic: { meanRps: 120, peakRps: 400, quietestRps: 30 },
    cacheHitRate: 0,
    targetUtilization: 0.6,
    maxQueueDelayMs: 10,
    networkRoundTripMs: 0,
    ...overrides,
  };
}
