// Pure statistics over latency samples. No I/O, no onnxruntime: the adaptive stop and the tests build on these.

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  stddev: number;
}

export interface MedianConfidenceInterval {
  median: number;
  lower: number;
  upper: number;
  /** Half the interval's width divided by the median; Infinity while too few samples bound it. */
  relativeHalfWidth: number;
}

export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/** Linear interpolation between closest ranks (the "R-7" definition numpy and spreadsheets use). */
export function percentileOfSorted(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) throw new RangeError("percentile of no samples");
  if (fraction < 0 || fraction > 1) throw new RangeError(`percentile fraction ${fraction} is outside 0-1`);
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function mean(samples: ArrayLike<number>): number {
  if (samples.length === 0) throw new RangeError("mean of no samples");
  let sum = 0;
  for (let index = 0; index < samples.length; index++) sum += samples[index];
  return sum / samples.length;
}

/** Sample standard deviation (n − 1); 0 for a single sample. */
export function standardDeviation(samples: ArrayLike<number>): number {
  if (samples.length < 2) return 0;
  const average = mean(samples);
  let squares = 0;
  for (let index = 0; index < samples.length; index++) squares += (samples[index] - average) ** 2;
  return Math.sqrt(squares / (samples.length - 1));
}

export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = sortedCopy(samples);
  return {
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
    p99: percentileOfSorted(sorted, 0.99),
    mean: mean(sorted),
    stddev: standardDeviation(sorted),
  };
}

function logBinomialCoefficient(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const logFactorialCache: number[] = [0];
function logFactorial(n: number): number {
  for (let index = logFactorialCache.length; index <= n; index++) logFactorialCache[index] = logFactorialCache[index - 1] + Math.log(index);
  return logFactorialCache[n];
}

/** P(B ≤ k) for B ~ Binomial(n, 1/2), summed in log space so large n does not underflow. */
export function binomialHalfCdf(n: number, k: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let total = 0;
  const logHalfPower = -n * Math.LN2;
  for (let index = 0; index <= k; index++) total += Math.exp(logBinomialCoefficient(n, index) + logHalfPower);
  return Math.min(total, 1);
}

const exactBinomialLimit = 2000;

/**
 * 1-based ranks (lower, upper) of the order statistics bounding the median with at least `confidence`
 * coverage: distribution-free, since each sample falls below the true median with probability 1/2.
 * Returns null when n is too small for any interval to reach the coverage (n < 6 at 95 %).
 */
export function medianConfidenceRanks(n: number, confidence = 0.95): { lower: number; upper: number } | null {
  const tail = (1 - confidence) / 2;
  let lower: number;
  if (n <= exactBinomialLimit) {
    // Largest k with P(B ≤ k − 1) ≤ tail: the interval [x_(k), x_(n−k+1)] then covers with ≥ confidence.
    lower = 0;
    let cumulative = 0;
    const logHalfPower = -n * Math.LN2;
    for (let k = 1; k <= Math.floor(n / 2); k++) {
      cumulative += Math.exp(logBinomialCoefficient(n, k - 1) + logHalfPower);
      if (cumulative > tail) break;
      lower = k;
    }
  } else {
    const z = normalQuantile(1 - tail);
    lower = Math.floor(n / 2 - (z * Math.sqrt(n)) / 2);
  }
  if (lower < 1) return null;
  return { lower, upper: n - lower + 1 };
}

export function medianConfidenceInterval(sorted: ArrayLike<number>, confidence = 0.95): MedianConfidenceInterval {
  const median = percentileOfSorted(sorted, 0.5);
  const ranks = medianConfidenceRanks(sorted.length, confidence);
  if (!ranks) return { median, lower: -Infinity, upper: Infinity, relativeHalfWidth: Infinity };
  const lower = sorted[ranks.lower - 1];
  const upper = sorted[ranks.upper - 1];
  const relativeHalfWidth = median > 0 ? (upper - lower) / 2 / median : upper === lower ? 0 : Infinity;
  return { median, lower, upper, relativeHalfWidth };
}

/** Acklam's rational approximation of the standard normal quantile (error below 1.2e-9). */
export function normalQuantile(probability: number): number {
  if (probability <= 0 || probability >= 1) throw new RangeError(`normal quantile of ${probability}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (probability < low) {
    const q = Math.sqrt(-2 * Math.log(probability));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (probability > 1 - low) return -normalQuantile(1 - probability);
  const q = probability - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export function median(samples: ArrayLike<number>): number {
  return percentileOfSorted(sortedCopy(samples), 0.5);
}
