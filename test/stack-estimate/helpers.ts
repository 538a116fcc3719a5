import { readFileSync } from "node:fs";
import { loadCatalog } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import { readStackDocument } from "../../src/pulumi-state/read-stack-document.ts";
import type { EstimateOptions, ResourceEstimate, StackEstimate } from "../../src/stack-estimate/contract.ts";
import { estimateStack } from "../../src/stack-estimate/estimate-stack.ts";

let catalog: Catalog | undefined;
export const sharedCatalog = (): Catalog => (catalog ??= loadCatalog());

export const DEFAULT_OPTIONS: EstimateOptions = { utilization: 0.5, intensityBasis: "lifecycle" };

export function estimateFile(path: string, options: EstimateOptions = DEFAULT_OPTIONS): StackEstimate {
  const url = new URL(path, import.meta.url);
  return estimateStack(readStackDocument(readFileSync(url, "utf8"), path), sharedCatalog(), options, path);
}

export function resourceNamed(estimate: StackEstimate, name: string, type?: string): ResourceEstimate {
  const found = estimate.resources.filter((resource) => resource.name === name && (!type || resource.type === type));
  if (found.length !== 1) throw new Error(`expected one estimated resource ${name}, found ${found.length}: ${estimate.resources.map((resource) => resource.name).join(", ")}`);
  return found[0];
}

export function skippedNamed(estimate: StackEstimate, name: string) {
  const found = estimate.notEstimated.find((entry) => entry.name === name);
  if (!found) throw new Error(`expected ${name} among the resources not estimated`);
  return found;
}
