import type { Catalog } from "../domain/catalog.ts";
import type { PlanDiff } from "../domain/diff.ts";
import type { Plan } from "../domain/plan.ts";
import type { ModelProfile } from "../domain/profile.ts";
import type { WorkloadSpecInput } from "../domain/spec.ts";
import type { IntensityInput } from "../plan/intensity-input.ts";

/** One spec key (dotted path) and the values to try for it. */
export interface VariationAxis {
  key: string;
  values: unknown[];
}

/** Several keys changed together, e.g. "traffic ×3" sets both traffic.meanRps and traffic.peakRps. */
export interface PatchAxis {
  name: string;
  values: { label: string; set: Record<string, unknown> }[];
}

/** Axes in order (the first varies slowest), or `{ key: values }` for plain single-key axes. */
export type Variations = Array<VariationAxis | PatchAxis> | Record<string, unknown[]>;

export interface WhatIfContext {
  catalog: Catalog;
  /** The model's profiles, used unless a variation sets model.profile. */
  profiles: ModelProfile[];
  /** Profiles for the paths a model.profile variation names (a distilled or pruned student measured on its own). */
  profilesByPath?: Record<string, ModelProfile | ModelProfile[]>;
  intensity?: IntensityInput;
  /** createdAt of every plan (default now): give it for reproducible plans. */
  now?: Date | string;
}

export interface WhatIfCase {
  index: number;
  /** "options.precisions=int8, traffic.meanRps=360" */
  label: string;
  /** The value each axis took in this case, by key (or by the patch axis's name). */
  settings: Record<string, unknown>;
  spec: WorkloadSpecInput;
  /** null when no candidate met the constraints (see error). */
  plan: Plan | null;
  error: string | null;
}

export interface WhatIfRow {
  index: number;
  label: string;
  /** The chosen deployment, or null when the case has no feasible plan. */
  chosenKey: string | null;
  monthlyKgCo2e: number | null;
  monthlyCostUsd: number | null;
  sciGCo2ePerInference: number | null;
  latencyP95Ms: number | null;
  /** Against the reference case; null for the reference itself and for infeasible cases. */
  diff: PlanDiff | null;
  error: string | null;
}

export interface WhatIfResult {
  kind: "wattplan.whatif";
  axes: { key: string; values: string[] }[];
  /** Index of the case the others are compared with: the first, or the first feasible one. */
  referenceIndex: number | null;
  cases: WhatIfCase[];
  table: WhatIfRow[];
}
