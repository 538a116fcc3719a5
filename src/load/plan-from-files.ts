// The file-reading side of planning: spec, profiles and catalog from disk, benching when only a model is given.
// src/plan stays pure; this is the only planning code that touches the file system.
import { dirname, resolve } from "node:path";
import { loadCatalog } from "../catalog/load.ts";
import type { BenchOptions } from "../bench/bench-options.ts";
import type { Catalog } from "../domain/catalog.ts";
import type { Plan } from "../domain/plan.ts";
import type { ModelProfile } from "../domain/profile.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import { WattplanError } from "../errors.ts";
import { readUserText } from "../io/read-file.ts";
import { plan } from "../plan/index.ts";
import type { IntensityInput } from "../plan/intensity-input.ts";
import { parseSpecText } from "../plan/spec/parse-spec.ts";
import { readProfiles } from "./read-profiles.ts";

export interface PlanFromFilesOptions {
  /** Saved profiles (relative to the working directory); they replace the spec's model.profile. */
  profilePaths?: string[];
  /** Where the catalog's JSON files are (default: the catalog shipped with wattplan). */
  catalogDirectory?: string;
  /** An already loaded catalog (skips reading one). */
  catalog?: Catalog;
  intensity?: IntensityInput;
  now?: Date | string;
  /** Called before benching the spec's model (the CLI says so on stderr). */
  onBench?: (modelPath: string) => void;
  /** Extra options for that bench (budget, threads, progress); precisions, batch sizes and inputs come from the spec. */
  benchOptions?: BenchOptions;
}

/** Batch sizes measured when the planner has to bench the spec's model itself. */
const BENCH_BATCH_SIZES = [1, 2, 4, 8, 16, 32];

export async function readSpecFile(specPath: string): Promise<WorkloadSpec> {
  return parseSpecText(await readUserText(specPath, "spec"), specPath);
}

/** Reads the spec, finds or measures the profiles, loads the catalog and plans. */
export async function planFromFiles(specPath: string, options: PlanFromFilesOptions = {}): Promise<Plan> {
  const spec = await readSpecFile(specPath);
  const specDirectory = dirname(resolve(specPath));
  const profiles = await profilesFor(spec, specDirectory, options);
  const catalog = options.catalog ?? loadCatalog(options.catalogDirectory);
  return plan(spec, { catalog, profiles, intensity: options.intensity, now: options.now });
}

async function profilesFor(spec: WorkloadSpec, specDirectory: string, options: PlanFromFilesOptions): Promise<ModelProfile[]> {
  if (options.profilePaths && options.profilePaths.length > 0) return readProfiles(options.profilePaths.map((path) => resolve(path)));
  const specProfiles = spec.model.profile === undefined ? [] : Array.isArray(spec.model.profile) ? spec.model.profile : [spec.model.profile];
  if (specProfiles.length > 0) return readProfiles(specProfiles.map((path) => resolve(specDirectory, path)));
  if (spec.model.path) {
    const modelPath = resolve(specDirectory, spec.model.path);
    options.onBench?.(modelPath);
    const { bench } = await import("../bench/lazy-bench.ts");
    const profile = await bench(modelPath, {
      ...options.benchOptions,
      precisions: spec.options.precisions,
      batchSizes: BENCH_BATCH_SIZES.filter((batchSize) => batchSize <= spec.options.batching.maxBatch),
      inputValues: spec.model.inputs,
    });
    return [profile];
  }
  throw new WattplanError("INVALID_SPEC", "the spec names no model: give model.profile or model.path (or pass --profile FILE)", "see examples/spec.yaml");
}
