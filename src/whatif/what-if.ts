import type { Plan } from "../domain/plan.ts";
import type { ModelProfile } from "../domain/profile.ts";
import type { WorkloadSpec, WorkloadSpecInput } from "../domain/spec.ts";
import { isWattplanError, WattplanError } from "../errors.ts";
import { plan } from "../plan/index.ts";
import { parseSpecData } from "../plan/spec/parse-spec.ts";
import { compare } from "../report/diff/compare.ts";
import { formatInteger } from "../format/numbers.ts";
import { formatVaryValue } from "./parse-vary.ts";
import { withPath } from "./set-path.ts";
import { specKeyShape } from "./spec-keys.ts";
import type { PatchAxis, Variations, VariationAxis, WhatIfCase, WhatIfContext, WhatIfResult, WhatIfRow } from "./types.ts";

const MOST_CASES = 256;

interface Choice {
  axisName: string;
  label: string;
  value: unknown;
  set: Record<string, unknown>;
}

/**
 * Plans every combination of the variations (the full cross product, first axis varying slowest) and compares each
 * with the first: "what if we quantized, moved to the EU, tripled traffic, distilled the model?". Pure and
 * synchronous like `plan`; a combination no candidate satisfies is reported, not thrown.
 */
export function whatIf(spec: WorkloadSpec | WorkloadSpecInput, variations: Variations, context: WhatIfContext): WhatIfResult {
  const given = normalizeAxes(variations);
  // Counted before anything is built: 400 × 400 × 400 combinations would take gigabytes to list.
  const count = given.reduce((product, axis) => product * axis.values.length, 1);
  if (count > MOST_CASES) {
    const sizes = given.map((axis) => axis.values.length).join(" × ");
    throw new WattplanError("INVALID_INPUT", `${sizes} = ${formatInteger(count)} combinations is too many (at most ${MOST_CASES})`, "vary fewer keys or fewer values at once");
  }
  const axes = given.map((axis) => choicesOf(axis, spec));
  const combinations = crossProduct(axes);
  const cases: WhatIfCase[] = combinations.map((choices, index) => runCase(spec, choices, index, context));
  const referenceIndex = cases.find((entry) => entry.plan !== null)?.index ?? null;
  const reference = referenceIndex === null ? null : cases[referenceIndex].plan;
  const table = cases.map((entry): WhatIfRow => rowOf(entry, reference, referenceIndex));
  return {
    kind: "wattplan.whatif",
    axes: axes.map((choices) => ({ key: choices[0]?.axisName ?? "", values: choices.map((choice) => choice.label) })),
    referenceIndex,
    cases,
    table,
  };
}

function normalizeAxes(variations: Variations): Array<VariationAxis | PatchAxis> {
  const axes = Array.isArray(variations) ? variations : Object.entries(variations).map(([key, values]) => ({ key, values }));
  if (axes.length === 0) throw new WattplanError("INVALID_INPUT", "no variations given", "vary at least one key, e.g. options.precisions");
  return axes;
}

/** Each value of an axis as the settings it applies, checked alone against the spec schema (errors name the key). */
function choicesOf(axis: VariationAxis | PatchAxis, spec: WorkloadSpec | WorkloadSpecInput): Choice[] {
  const isPatch = "name" in axis;
  const axisName = isPatch ? axis.name : axis.key;
  if (axis.values.length === 0) throw new WattplanError("INVALID_INPUT", `${axisName}: no values to try`);
  return axis.values.map((value) => {
    const choice: Choice = isPatch
      ? { axisName, label: (value as PatchAxis["values"][number]).label, value: (value as PatchAxis["values"][number]).label, set: (value as PatchAxis["values"][number]).set }
      : { axisName, label: formatVaryValue(value), value, set: { [axis.key]: value } };
    for (const key of Object.keys(choice.set)) specKeyShape(key);
    try {
      parseSpecData(applySettings(spec, choice.set));
    } catch (error) {
      if (!isWattplanError(error)) throw error;
      throw new WattplanError("INVALID_INPUT", `${axisName}=${choice.label}: ${error.message.replace(/^spec: /, "")}`, error.hint, error.detail);
    }
    return choice;
  });
}

function crossProduct(axes: Choice[][]): Choice[][] {
  return axes.reduce<Choice[][]>((combinations, choices) => combinations.flatMap((combination) => choices.map((choice) => [...combination, choice])), [[]]);
}

function applySettings<T>(spec: T, settings: Record<string, unknown>): T {
  return Object.entries(settings).reduce((current, [key, value]) => withPath(current, key, value), spec);
}

function runCase(baseSpec: WorkloadSpec | WorkloadSpecInput, choices: Choice[], index: number, context: WhatIfContext): WhatIfCase {
  const settings = Object.assign({}, ...choices.map((choice) => choice.set)) as Record<string, unknown>;
  const spec = applySettings(baseSpec as WorkloadSpecInput, settings);
  const label = choices.map((choice) => `${choice.axisName}=${choice.label}`).join(", ");
  const caseSettings = Object.fromEntries(choices.map((choice) => [choice.axisName, choice.value]));
  const profiles = "model.profile" in settings ? profilesFor(settings["model.profile"], baseSpec, context) : context.profiles;
  try {
    const result = plan(spec, { catalog: context.catalog, profiles, intensity: context.intensity, now: context.now });
    return { index, label, settings: caseSettings, spec, plan: result, error: null };
  } catch (error) {
    if (!isWattplanError(error) || !["INFEASIBLE", "INVALID_SPEC"].includes(error.code)) throw error;
    return { index, label, settings: caseSettings, spec, plan: null, error: error.message };
  }
}

/** The profiles a model.profile value names: the context's own for the spec's value, else from profilesByPath. */
function profilesFor(value: unknown, baseSpec: WorkloadSpec | WorkloadSpecInput, context: WhatIfContext): ModelProfile[] {
  const sameAsSpec = JSON.stringify(value) === JSON.stringify(baseSpec.model?.profile);
  const paths = Array.isArray(value) ? value.map(String) : [String(value)];
  return paths.flatMap((path) => {
    const found = context.profilesByPath?.[path] ?? (sameAsSpec ? context.profiles : undefined);
    if (!found) {
      throw new WattplanError("INVALID_INPUT", `model.profile=${path}: no profile was loaded for this path`, "pass it in profilesByPath (the CLI reads it relative to the spec)");
    }
    return Array.isArray(found) ? found : [found];
  });
}

function rowOf(entry: WhatIfCase, reference: Plan | null, referenceIndex: number | null): WhatIfRow {
  const chosen = entry.plan?.chosen ?? null;
  return {
    index: entry.index,
    label: entry.label,
    chosenKey: chosen?.key ?? null,
    monthlyKgCo2e: chosen?.monthlyKgCo2e ?? null,
    monthlyCostUsd: chosen?.monthlyCostUsd ?? null,
    sciGCo2ePerInference: chosen?.sciGCo2ePerInference ?? null,
    latencyP95Ms: chosen?.latencyP95Ms ?? null,
    diff: entry.plan && reference && entry.index !== referenceIndex ? compare(reference, entry.plan) : null,
    error: entry.error,
  };
}
