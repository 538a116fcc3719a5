// The one way a served model file is made: the user's model and a recipe in, the same bytes out on every machine
// (pure JavaScript arithmetic on the weights, protobuf's fixed field order, names derived from the graph; static
// INT8's activation ranges come measured in the recipe, so no runtime is involved). bench records each artifact's
// sha256; emit rebuilds the chosen one and checks it against the plan.
import type { ArtifactRecipe } from "../domain/artifact.ts";
import type { QuantizationResult } from "./contract.ts";
import { quantizeDynamic } from "./quantize/dynamic.ts";
import { quantizeStatic } from "./quantize/static.ts";
import { modelSha256 } from "./read-model.ts";

export interface BuiltArtifact extends Omit<QuantizationResult, "bytes"> {
  bytes: Uint8Array;
  sha256: string;
}

export function buildArtifact(modelBytes: Uint8Array, recipe: ArtifactRecipe): BuiltArtifact {
  const result = transform(modelBytes, recipe);
  return { ...result, sha256: modelSha256(result.bytes) };
}

function transform(modelBytes: Uint8Array, recipe: ArtifactRecipe): QuantizationResult {
  switch (recipe.transform) {
    case "none":
      return { bytes: modelBytes, quantizedNodes: 0, skipped: [], weightBytes: 0, method: "the model as exported" };
    case "dynamic-int8":
      return quantizeDynamic(modelBytes, { weightBits: recipe.weightBits });
    case "static-int8-qdq":
      return quantizeStatic(modelBytes, { weightBits: recipe.weightBits, activations: recipe.activations, activationRanges: recipe.activationRanges });
  }
}
