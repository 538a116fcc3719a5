import type { IntensityPoint } from "../domain/intensity.ts";

/**
 * One figure for a live fleet from an hourly series: each hour's intensity weighted by the traffic in that
 * hour (the spec's 24 multipliers, indexed by UTC hour as the spec defines them; uniform without them).
 * Energy follows traffic closely enough for this: idle power is spread evenly and does not move the weights much.
 */
export function trafficWeightedIntensity(points: IntensityPoint[], hourlyMultipliers?: number[]): number {
  let weighted = 0;
  let weights = 0;
  for (const point of points) {
    const weight = hourlyMultipliers ? hourlyMultipliers[new Date(point.startsAt).getUTCHours()] : 1;
    weighted += weight * point.gCo2ePerKwh;
    weights += weight;
  }
  if (weights > 0) return weighted / weights;
  return points.length > 0 ? points.reduce((sum, point) => sum + point.gCo2ePerKwh, 0) / points.length : 0;
}
