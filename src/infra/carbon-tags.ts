// The carbon figures that travel with every resource, in each cloud's tag or label syntax. Pure: the policy pack
// checks for the same keys.
import type { StackConfig } from "../domain/stack-config.ts";

/** Lowercase with hyphens: valid as AWS tag keys, Azure tag names and GCP label keys alike. */
export const CARBON_TAG_KEYS = {
  planId: "wattplan-plan-id",
  gCo2ePerThousandInferences: "wattplan-gco2e-per-1000-inferences",
  gridIntensityGCo2ePerKwh: "wattplan-grid-gco2e-per-kwh",
  wattplanVersion: "wattplan-version",
} as const;
export const REQUIRED_TAG_KEYS: string[] = Object.values(CARBON_TAG_KEYS);

type Figures = Pick<StackConfig, "planId" | "gCo2ePerThousandInferences" | "gridIntensityGCo2ePerKwh" | "wattplanVersion">;

/** AWS tags and Azure tags: free-form strings (AWS ≤ 256 characters, Azure ≤ 256). */
export function carbonTags(figures: Figures): Record<string, string> {
  return {
    [CARBON_TAG_KEYS.planId]: figures.planId,
    [CARBON_TAG_KEYS.gCo2ePerThousandInferences]: String(figures.gCo2ePerThousandInferences),
    [CARBON_TAG_KEYS.gridIntensityGCo2ePerKwh]: String(figures.gridIntensityGCo2ePerKwh),
    [CARBON_TAG_KEYS.wattplanVersion]: figures.wattplanVersion,
    "managed-by": "wattplan",
  };
}

/**
 * GCP label values allow only lowercase letters, digits, '_' and '-', at most 63 characters: "0.0711" becomes
 * "0_0711", "0.1.0" becomes "0_1_0", and the 64-digit plan id keeps its first 63.
 */
export function sanitizeGcpLabelValue(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63);
}

export function gcpCarbonLabels(figures: Figures): Record<string, string> {
  return Object.fromEntries(Object.entries(carbonTags(figures)).map(([key, value]) => [key, sanitizeGcpLabelValue(value)]));
}

/** For GCP resources without labels (health checks, backend services, firewalls): the figures in the description. */
export function carbonDescription(figures: Figures): string {
  return `wattplan plan ${figures.planId}: ${figures.gCo2ePerThousandInferences} gCO2e per 1,000 inferences, grid ${figures.gridIntensityGCo2ePerKwh} gCO2e/kWh, wattplan ${figures.wattplanVersion}`;
}
