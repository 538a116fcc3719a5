// One range check for grid intensity from every source (live answers, cached answers, history profiles, files):
// a value outside it is a broken or hostile answer, not a grid.
import type { IntensityPoint } from "../domain/intensity.ts";

/**
 * No grid's average or marginal intensity comes near this: coal-fired generation emits at most about 910
 * gCO2e/kWh over its life cycle (IPCC AR5 WG III, Annex III, Table A.III.2, pulverised coal, maximum), and the
 * dirtiest national grids average around 1,000 (Ember, yearly electricity data, 2024). Twice that leaves room for
 * marginal signals and odd hours while still catching a unit mix-up (lbs/MWh read as g/kWh is ×2.2, kg as g ×1,000).
 */
export const MOST_PLAUSIBLE_G_CO2E_PER_KWH = 2000;

/** A sentence naming the first implausible point, or null when every point is a finite value in [0, 2000]. */
export function implausibleIntensity(points: readonly IntensityPoint[]): string | null {
  for (const point of points) {
    const value = point.gCo2ePerKwh;
    if (!Number.isFinite(value) || value < 0 || value > MOST_PLAUSIBLE_G_CO2E_PER_KWH) {
      return `${value} gCO2e/kWh for ${point.startsAt}, outside the plausible range 0–${MOST_PLAUSIBLE_G_CO2E_PER_KWH}`;
    }
  }
  return null;
}
