// One cell of the grid (precision × batch × threads): the adaptive loop over a ready session, turned into a
// Measurement with throughput, achieved GFLOPS, efficiency against the host peak and energy where metered.
import type { ExecutionProvider, Measurement, Precision } from "../domain/profile.ts";
import { measureUntilStable, type AdaptiveMeasurement } from "./adaptive-stop.ts";
import type { Clock } from "./clock.ts";
import type { EnergyMeter } from "./energy/meter.ts";
import { runSession, type Feeds, type Session } from "./ort-session.ts";

export interface CellSpec {
  precision: Precision;
  batchSize: number;
  intraOpThreads: number;
  executionProvider: ExecutionProvider;
}

export interface CellContext {
  label: string;
  clock: Clock;
  budgetMs: number;
  targetRelativeCi: number;
  flopsPerInference: number;
  /** The host's calibrated peak for this precision and thread count (GFLOPS for FP32, GOPS for INT8). */
  peakGflops: number;
  meter: EnergyMeter | null;
  onCheck?: (iterations: number, relativeCi: number) => void;
}

export interface CellResult {
  measurement: Measurement;
  adaptive: AdaptiveMeasurement;
}

export async function measureCell(session: Session, feeds: Feeds, spec: CellSpec, context: CellContext): Promise<CellResult> {
  // The first call goes through the error-mapping wrapper: a bad shape fails here with a one-line message.
  await runSession(session, feeds, context.label);
  const window = context.meter ? await context.meter.start() : null;
  const adaptive = await measureUntilStable(() => session.run(feeds), {
    clock: context.clock,
    budgetMs: context.budgetMs,
    targetRelativeCi: context.targetRelativeCi,
    onCheck: context.onCheck,
  });
  const joules = window ? await window.stop() : null;
  const medianMs = adaptive.summary.p50;
  const inferences = (adaptive.warmupIterations + adaptive.latenciesMs.length) * spec.batchSize;
  const achievedGflops = medianMs > 0 ? (context.flopsPerInference * spec.batchSize) / (medianMs * 1e6) : 0;
  const measurement: Measurement = {
    precision: spec.precision,
    batchSize: spec.batchSize,
    intraOpThreads: spec.intraOpThreads,
    executionProvider: spec.executionProvider,
    iterations: adaptive.latenciesMs.length,
    latencyMs: adaptive.summary,
    medianRelativeCi95: adaptive.medianRelativeCi95,
    converged: adaptive.converged,
    throughputInferencesPerSecond: spec.batchSize / (Math.max(medianMs, 1e-9) / 1000),
    achievedGflops,
    efficiency: context.peakGflops > 0 ? achievedGflops / context.peakGflops : 0,
    energyJoulesPerInference: joules === null ? null : joules / inferences,
  };
  return { measurement, adaptive };
}
