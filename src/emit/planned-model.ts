// The model file a plan was made for, as emit reads it: found from the spec's model.path (or given), checked
// against the plan's sha256, and asked whether Triton can batch it (every input and output led by a batch axis).
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Candidate, Plan } from "../domain/plan.ts";
import { WattplanError } from "../errors.ts";
import { readUserFile } from "../io/read-file.ts";
import { declaredInput } from "../onnx/analysis/resolve-inputs.ts";
import { modelSha256, readModel } from "../onnx/read-model.ts";

export interface PlannedModel {
  path: string;
  bytes: Uint8Array;
}

const MODEL_DETAIL = { option: "modelPath", example: "model.onnx" } as const;

/**
 * `given` (relative to the working directory) or the spec's model.path, which is relative to the spec file: emit
 * looks for it beside the plan file, then in the working directory.
 */
export async function readPlannedModel(plan: Plan, planPath: string, given: string | undefined): Promise<PlannedModel> {
  const short = plan.model.sha256.slice(0, 12);
  let path: string;
  if (given !== undefined) {
    path = resolve(given);
  } else {
    const specPath = plan.spec.model.path;
    if (!specPath) {
      throw new WattplanError(
        "REFUSED",
        `the plan's spec has no model.path: emit needs the model the plan was made for (${plan.model.name}, sha256 ${short}) to write the file the fleet serves`,
        "add model.path to the spec and plan again",
        MODEL_DETAIL,
      );
    }
    const found = [resolve(dirname(planPath), specPath), resolve(specPath)].find((candidate) => existsSync(candidate));
    if (!found) {
      throw new WattplanError(
        "FILE_NOT_FOUND",
        `the spec's model.path ${specPath} is neither beside ${planPath} nor in the working directory (it is relative to the spec file)`,
        "give the model's path",
        MODEL_DETAIL,
      );
    }
    path = found;
  }
  const bytes = new Uint8Array(await readUserFile(path, "model"));
  const sha256 = modelSha256(bytes);
  if (sha256 !== plan.model.sha256) {
    throw new WattplanError(
      "REFUSED",
      `${path} has sha256 ${sha256.slice(0, 12)}, not the ${short} of the model the plan was made for (${plan.model.name})`,
      "give the planned model, or plan again with this one",
      MODEL_DETAIL,
    );
  }
  return { path, bytes };
}

/**
 * Whether Triton serves the model unbatched (max_batch_size 0): some input or declared output does not start with a
 * batch axis, so the model's own shapes go in as they are. Refuses a candidate planned at a larger batch there.
 */
export function servedUnbatched(model: PlannedModel, candidate: Candidate): boolean {
  const graph = readModel(model.bytes, model.path).proto.graph ?? {};
  const initializers = new Set((graph.initializer ?? []).map((initializer) => initializer.name));
  const tensors = [...(graph.input ?? []).filter((input) => !initializers.has(input.name)), ...(graph.output ?? [])].map(declaredInput);
  // A first axis without a fixed size (named or unknown) is a batch axis; a tensor without a declared shape says nothing.
  const fixed = tensors.filter((tensor) => tensor.dimensions !== undefined && (tensor.dimensions.length === 0 || tensor.dimensions[0].value !== undefined));
  if (fixed.length === 0) return false;
  if (candidate.batchSize > 1) {
    const names = fixed.map((tensor) => tensor.name).join(", ");
    throw new WattplanError(
      "REFUSED",
      `${model.path}: ${names} ha${fixed.length === 1 ? "s" : "ve"} no leading batch axis, so Triton serves the model unbatched, but candidate ${candidate.key} is planned at batch ${candidate.batchSize}`,
      "plan with options.batching.maxBatch: 1, or export the model with a symbolic batch axis",
    );
  }
  return true;
}
