import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { catalogSchema, type Catalog } from "../../src/domain/catalog.ts";
import { modelProfileSchema, type ModelProfile } from "../../src/domain/profile.ts";
import type { WorkloadSpecInput } from "../../src/domain/spec.ts";

export const fixturesDirectory = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
export const fixedNow = "2026-01-01T00:00:00.000Z";

/** The planner's small fixture catalog: a few regions and types, so eight plans take well under a second. */
export function smallCatalog(): Catalog {
  return catalogSchema.parse(JSON.parse(readFileSync(join(fixturesDirectory, "catalog.small.json"), "utf8")));
}

export function cnnProfile(): ModelProfile {
  return modelProfileSchema.parse(JSON.parse(readFileSync(join(fixturesDirectory, "profile.cnn.json"), "utf8")));
}

/**
 * A distilled student of the CNN: a quarter of the FLOPs and weights, measured four times as fast. Its own profile,
 * as a user would bench it.
 */
export function studentProfile(): ModelProfile {
  const profile = structuredClone(cnnProfile());
  profile.model.name = "resnet-like-cnn-student";
  profile.model.sha256 = "7".repeat(64);
  const cost = profile.model.cost;
  cost.flopsPerInference /= 4;
  cost.parameterCount = Math.round(cost.parameterCount / 4);
  cost.weightBytes = Math.round(cost.weightBytes / 4);
  for (const measurement of profile.measurements) {
    for (const key of Object.keys(measurement.latencyMs) as (keyof typeof measurement.latencyMs)[]) measurement.latencyMs[key] /= 4;
    measurement.throughputInferencesPerSecond *= 4;
  }
  return modelProfileSchema.parse(profile);
}

export function specInput(): WorkloadSpecInput {
  return {
    name: "image-classifier",
    model: { profile: "./profile.cnn.json", uri: "s3://example-models/resnet-like.onnx" },
    traffic: { meanRps: 120, peakRps: 400 },
    slo: { p95LatencyMs: 300 },
  };
}
