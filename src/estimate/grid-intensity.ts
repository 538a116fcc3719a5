import type { GridIntensity, IntensityBasis, Region } from "../domain/catalog.ts";

/**
 * The region's grid intensity on `basis`. Lifecycle figures cover every region, operational ones only where they
 * are published: elsewhere the lifecycle figure stands in, and `assumptions` says so every time it does.
 */
export function gridIntensityOn(region: Region, basis: IntensityBasis, assumptions: string[]): GridIntensity {
  const figure = region.intensity[basis];
  if (figure) return figure;
  assumptions.push(`${region.provider}/${region.code} has no ${basis} grid intensity: its lifecycle figure stands in`);
  return region.intensity.lifecycle;
}
