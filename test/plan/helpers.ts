// Shared fixtures for the planner's tests: the small catalog, the CNN profile and a base spec.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { catalogSchema, type Catalog } from "../../src/domain/catalog.ts";
import { modelProfileSchema, type ModelProfile } from "../../src/domain/profile.ts";
import type { WorkloadSpecInput } from "../../src/domain/spec.ts";

export const fixturesDirectory = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
export const fixedNow = "2026-01-01T00:00:00.000Z";

let catalog: Catalog | null = null;
let profile: ModelProfile | null = null;

export function smallCatalog(): Catalog {
  catalog ??= catalogSchema.parse(JSON.parse(readFileSync(join(fixturesDirectory, "catalog.small.json"), "utf8")));
  return structuredClone(catalog);
}

export function cnnProfile(): ModelProfile {
  profile ??= modelProfileSchema.parse(JSON.parse(readFileSync(join(fixturesDirectory, "profile.cnn.json"), "utf8")));
  return profile;
}

/** The same profile with only some batch sizes (fewer candidates: faster property tests). */
export function cnnProfileWithBatches(batchSizes: number[]): ModelProfile {
  const base = cnnProfile();
  return { ...base, measurements: base.measurements.filter((measurement) => batchSizes.includes(measurement.batchSize)) };
}

export function baseSpec(overrides: Partial<WorkloadSpecInput> = {}): WorkloadSpecInput {
  return {
    name: "image-classifier",
    model: { profile: "./profile.cnn.json", uri: "s3://example-models/resnet-like.onnx" },
    traffic: { meanRps: 120, peakRps: 400 },
    slo: { p95LatencyMs: 300 },
    ...overrides,
  };
}
