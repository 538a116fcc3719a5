// Fits a measured batch curve: latency(b) ≈ fixed per-call overhead + (time at the roof for b items) / efficiency.

export interface CurvePoint {
  /** Time the call would take running exactly at the host's roof, ms. */
  rooflineTimeMs: number;
  /** Measured median latency of the call, ms. */
  latencyMs: number;
}

export interface BatchCurveFit {
  overheadMs: number;
  /** Share of the roof the model reaches once the overhead is paid (may exceed 1 when the roof is underestimated). */
  efficiency: number;
  /** Largest |measured − fitted| / measured over the points: how well the straight line explains the curve. */
  worstRelativeResidual: number;
  /** Efficiency of each point on its own (with the fitted overhead taken off). */
  pointEfficiencies: number[];
  /** True when the overhead could be fitted (two or more distinct batch sizes). */
  overheadFitted: boolean;
}

/**
 * Least squares of latency on roofline time. With one point, or when the fitted overhead is negative (noise),
 * the line goes through the origin: all time is attributed to the model, none to the call.
 */
export function fitBatchCurve(points: CurvePoint[]): BatchCurveFit {
  if (points.length === 0) throw new Error("fitBatchCurve needs at least one point");
  const distinctX = new Set(points.map((point) => point.rooflineTimeMs)).size;
  let overheadMs = 0;
  let slope = throughOriginSlope(points);
  let overheadFitted = false;
  if (distinctX >= 2) {
    const count = points.length;
    const meanX = points.reduce((sum, point) => sum + point.rooflineTimeMs, 0) / count;
    const meanY = points.reduce((sum, point) => sum + point.latencyMs, 0) / count;
    let covariance = 0;
    let varianceX = 0;
    for (const point of points) {
      covariance += (point.rooflineTimeMs - meanX) * (point.latencyMs - meanY);
      varianceX += (point.rooflineTimeMs - meanX) ** 2;
    }
    const fittedSlope = covariance / varianceX;
    const fittedIntercept = meanY - fittedSlope * meanX;
    if (fittedSlope > 0 && fittedIntercept >= 0) {
      slope = fittedSlope;
      overheadMs = fittedIntercept;
      overheadFitted = true;
    }
  }
  const efficiency = 1 / slope;
  const worstRelativeResidual = Math.max(
    ...points.map((point) => Math.abs(point.latencyMs - (overheadMs + slope * point.rooflineTimeMs)) / point.latencyMs),
  );
  const pointEfficiencies = points.map((point) => point.rooflineTimeMs / Math.max(point.latencyMs - overheadMs, point.latencyMs * 0.05));
  return { overheadMs, efficiency, worstRelativeResidual, pointEfficiencies, overheadFitted };
}

function throughOriginSlope(points: CurvePoint[]): number {
  let crossProducts = 0;
  let squares = 0;
  for (const point of points) {
    crossProducts += point.rooflineTimeMs * point.latencyMs;
    squares += point.rooflineTimeMs ** 2;
  }
  return crossProducts / squares;
}

/** Latency the fitted curve gives for a call whose roofline time is `rooflineTimeMs`. */
export function latencyFromCurve(fit: Pick<BatchCurveFit, "overheadMs" | "efficiency">, rooflineTimeMs: number): number {
  return fit.overheadMs + rooflineTimeMs / fit.efficiency;
}
