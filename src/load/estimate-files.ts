// Reads the Pulumi documents `wattplan estimate` was given and estimates them against the catalog.
import { loadCatalog } from "../catalog/load.ts";
import { readUserText } from "../io/read-file.ts";
import { readStackDocument } from "../pulumi-state/read-stack-document.ts";
import type { EstimateOptions, StackEstimate } from "../stack-estimate/contract.ts";
import { diffEstimates, type StackEstimateDiff } from "../stack-estimate/diff.ts";
import { estimateStack } from "../stack-estimate/estimate-stack.ts";

export interface EstimatedFiles {
  head: StackEstimate;
  diff?: StackEstimateDiff;
}

export async function estimateFiles(headPath: string, basePath: string | undefined, options: EstimateOptions): Promise<EstimatedFiles> {
  const catalog = loadCatalog();
  const estimate = async (path: string, what: string) => estimateStack(readStackDocument(await readUserText(path, what), path), catalog, options, path);
  const head = await estimate(headPath, "Pulumi document");
  if (!basePath) return { head };
  const base = await estimate(basePath, "base Pulumi document");
  return { head, diff: diffEstimates(base, head) };
}
