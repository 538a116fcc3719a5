import type { Clock } from "./clock.ts";
import { medianConfidenceInterval, sortedCopy, summarize, type LatencySummary } from "./stats.ts";

export interface AdaptiveStopOptions {
  clock: Clock;
  /** Wall time for the measured repetitions of this cell (warm-up comes out of it too). */
  budgetMs: number;
  /** Stop once the 95 % CI half-width of the median, relative to the median, is at or below this (0.02 = 2 %). */
  targetRelativeCi: number;
  warmupIterations?: number;
  /** Fewer samples than this never count as converged: a CI over a handful of runs is luck. */
  minIterations?: number;
  /** Measured even when one call outlasts the budget, so every cell reports something. */
  minimumSamples?: number;
  maxIterations?: number;
  /** Called at each CI check, for a progress display. */
  onCheck?: (iterations: number, relativeCi: number) => void;
}

export interface AdaptiveMeasurement {
  latenciesMs: number[];
  summary: LatencySummary;
  medianRelativeCi95: number;
  converged: boolean;
  warmupIterations: number;
  /** Wall time from the first measured call to the last one's end, warm-up excluded. */
  measuredMs: number;
}

const defaults = { warmupIterations: 3, minIterations: 10, minimumSamples: 3, maxIterations: 1_000_000 };

/**
 * Warm up, then call `runOnce` until the median is pinned down or the budget is spent. The CI is
 * rechecked on a geometric schedule (every ~5 % more samples) so sorting never shows up in the timings.
 */
export async function measureUntilStable(runOnce: () => Promise<unknown>, options: AdaptiveStopOptions): Promise<AdaptiveMeasurement> {
  const { clock, budgetMs, targetRelativeCi } = options;
  const warmupLimit = options.warmupIterations ?? defaults.warmupIterations;
  const minIterations = Math.max(options.minIterations ?? defaults.minIterations, 1);
  const minimumSamples = Math.max(options.minimumSamples ?? defaults.minimumSamples, 1);
  const maxIterations = options.maxIterations ?? defaults.maxIterations;
  const start = clock.nowMs();
  // Warm-up: at least one call (allocations, kernel selection), at most a tenth of the budget.
  let warmupIterations = 0;
  while (warmupIterations < Math.max(warmupLimit, 1)) {
    await runOnce();
    warmupIterations++;
    if (clock.nowMs() - start >= budgetMs * 0.1) break;
  }
  const latenciesMs: number[] = [];
  const measuredStart = clock.nowMs();
  let nextCheck = minIterations;
  let relativeCi = Infinity;
  let converged = false;
  while (latenciesMs.length < maxIterations) {
    const before = clock.nowMs();
    await runOnce();
    const after = clock.nowMs();
    latenciesMs.push(after - before);
    if (latenciesMs.length >= nextCheck) {
      relativeCi = medianConfidenceInterval(sortedCopy(latenciesMs)).relativeHalfWidth;
      options.onCheck?.(latenciesMs.length, relativeCi);
      if (relativeCi <= targetRelativeCi) {
        converged = true;
        break;
      }
      nextCheck = Math.max(latenciesMs.length + 1, Math.ceil(latenciesMs.length * 1.05));
    }
    if (after - start >= budgetMs && latenciesMs.length >= minimumSamples) break;
  }
  const end = clock.nowMs();
  if (!converged) {
    relativeCi = medianConfidenceInterval(sortedCopy(latenciesMs)).relativeHalfWidth;
    converged = latenciesMs.length >= minIterations && relativeCi <= targetRelativeCi;
  }
  return {
    latenciesMs,
    summary: summarize(latenciesMs),
    medianRelativeCi95: Number.isFinite(relativeCi) ? relativeCi : rangeRelativeHalfWidth(latenciesMs),
    converged,
    warmupIterations,
    measuredMs: end - measuredStart,
  };
}

/**
 * Below 6 samples no pair of order statistics covers the median at 95 %; the full range is the widest
 * interval there is (coverage 1 − 2^(1−n)), so it stands in rather than a number JSON cannot hold.
 */
function rangeRelativeHalfWidth(latenciesMs: number[]): number {
  const sorted = sortedCopy(latenciesMs);
  const median = summarize(sorted).p50;
  const width = sorted[sorted.length - 1] - sorted[0];
  return median > 0 ? width / 2 / median : 0;
}
