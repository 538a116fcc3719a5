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
import { MOST_SPEC_BYTES, parseSpecText } from "../plan/spec/parse-spec.ts";
import { resolvePulumiStateBaseline } from "./pulumi-baseline.ts";
import { readProfiles } from "./read-profiles.ts";
import { parseIntensitySourceSpec } from "../intensity/source-names.ts";
import type { IntensitySource, RemoteSourceOptions } from "../intensity/types.ts";

export interface PlanFromFilesOptions {
  /** Saved profiles (relative to the working directory); they replace the spec's model.profile. */
  profilePaths?: string[];
  /** Where the catalog's JSON files are (default: the catalog shipped with wattplan). */
  catalogDirectory?: string;
  /** An already loaded catalog (skips reading one). */
  catalog?: Catalog;
  /** Figures or series fetched by the caller; ignored when `intensitySource` is given. */
  intensity?: IntensityInput;
  /**
   * Where hourly grid intensity comes from: "catalog" (default: yearly figures, a flat profile), "electricitymaps",
   * "watttime", "uk", "file:PATH" (PATH relative to the working directory), or a ready IntensitySource. The
   * series is fetched for the chosen region before the final planning pass (see ./plan-with-intensity-source.ts).
   */
  intensitySource?: string | IntensitySource;
  /** Options for the source's clients (base URL, timeouts, cache, clock); the basis defaults to the spec's. */
  intensitySourceOptions?: RemoteSourceOptions;
  now?: Date | string;
  /** Called before benching the spec's model (the CLI says so on stderr). */
  onBench?: (modelPath: string) => void;
  /** Extra options for that bench (budget, threads, progress); precisions, batch sizes and inputs come from the spec. */
  benchOptions?: BenchOptions;
  /** Shapes and control values for that bench, over the spec's model.shapes and model.inputs (the CLI's --shape, --input). */
  modelInputs?: { shapes?: Record<string, number[]>; inputValues?: Record<string, number | number[]> };
}

/** Batch sizes measured when the planner has to bench the spec's model itself. */
const BENCH_BATCH_SIZES = [1, 2, 4, 8, 16, 32];

export async function readSpecFile(specPath: string): Promise<WorkloadSpec> {
  return parseSpecText(await resolvePulumiStateBaseline(await readUserText(specPath, "spec", MOST_SPEC_BYTES), specPath), specPath);
}

/** Reads the spec, finds or measures the profiles, loads the catalog and plans. */
export async function planFromFiles(specPath: string, options: PlanFromFilesOptions = {}): Promise<Plan> {
  const spec = await readSpecFile(specPath);
  const specDirectory = dirname(resolve(specPath));
  const profiles = await profilesFor(spec, specDirectory, options);
  const catalog = options.catalog ?? loadCatalog(options.catalogDirectory);
  const source = await intensitySourceFor(spec, options);
  if (source) {
    const { planWithIntensitySource } = await import("./plan-with-intensity-source.ts");
    return planWithIntensitySource(spec, { catalog, profiles, now: options.now }, source);
  }
  return plan(spec, { catalog, profiles, intensity: options.intensity, now: options.now });
}

/** The source to fetch from; undefined for the catalog, whose yearly figures the planner reads itself. */
async function intensitySourceFor(spec: WorkloadSpec, options: PlanFromFilesOptions): Promise<IntensitySource | undefined> {
  const given = options.intensitySource;
  if (given === undefined) return undefined;
  if (typeof given !== "string") return given.name === "catalog" ? undefined : given;
  // The names parse without loading any client: the catalog's figures (the default) need none.
  const parsed = parseIntensitySourceSpec(given);
  if (parsed.name === "catalog") return undefined;
  const { createIntensitySource } = await import("../intensity/create-source.ts");
  // A file path stays as given (relative to the working directory): it is quoted in the plan.
  // A fixed `now` (tests, reproducible plans) also fixes the source's clock: which hours are "coming", and fetchedAt.
  const clock = options.now === undefined ? {} : { now: () => new Date(options.now as Date | string) };
  return createIntensitySource(parsed, { basis: spec.options.intensityBasis, ...clock, ...options.intensitySourceOptions });
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
      shapes: { ...spec.model.shapes, ...options.modelInputs?.shapes },
      inputValues: { ...spec.model.inputs, ...options.modelInputs?.inputValues },
      calibration: spec.model.calibration && {
        ...spec.model.calibration,
        ...(spec.model.calibration.inputsFile ? { inputsFile: resolve(specDirectory, spec.model.calibration.inputsFile) } : {}),
      },
    });
    return [profile];
  }
  throw new WattplanError("INVALID_SPEC", "the spec names no model: give model.profile or model.path (or profile paths)", "see examples/spec.yaml", { option: "profilePaths", example: "FILE" });
}
