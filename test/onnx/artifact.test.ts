// One recipe, one file: buildArtifact rebuilds byte-identical files from the same model and recipe.
import { describe, expect, it } from "vitest";
import type { ArtifactRecipe } from "../../src/domain/artifact.ts";
import { buildArtifact, buildCnn, buildMlp, modelSha256 } from "../../src/onnx/index.ts";

const cnn = buildCnn({ imageSize: 12, stageChannels: [8], blocksPerStage: 1, classes: 5, seed: 9 });
// Ranges as calibration records them (float32 values): the static recipe carries them, so no runtime is needed.
const ranges: Record<string, [number, number]> = { input: [-3.5, 3.4999], relu_4: [0, 2.75], relu_9: [0, 1.5], conv_12: [-2.25, 2.125], flatten_20: [0, 0.8125] };

const recipes: ArtifactRecipe[] = [
  { transform: "none" },
  { transform: "dynamic-int8", weightBits: 7 },
  { transform: "dynamic-int8", weightBits: 8 },
  { transform: "static-int8-qdq", weightBits: 7, activations: "uint8-asymmetric", activationRanges: ranges, calibration: { method: "min/max", samples: 16, seed: 43 } },
  { transform: "static-int8-qdq", weightBits: 8, activations: "int8-symmetric", activationRanges: ranges, calibration: { method: "min/max", samples: 16, seed: 43 } },
];

describe("buildArtifact", () => {
  it.each(recipes.map((recipe) => ({ recipe, label: `${recipe.transform}${"weightBits" in recipe ? ` ${recipe.weightBits}-bit` : ""}` })))(
    "builds the same bytes twice for $label, and says their sha256",
    ({ recipe }) => {
      const first = buildArtifact(cnn, recipe);
      const second = buildArtifact(Uint8Array.from(cnn), JSON.parse(JSON.stringify(recipe)));
      expect(second.sha256).toBe(first.sha256);
      expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
      expect(first.sha256).toBe(modelSha256(first.bytes));
    },
  );

  it("serves the model as given for 'none' and a different file for every other recipe", () => {
    expect(buildArtifact(cnn, { transform: "none" }).sha256).toBe(modelSha256(cnn));
    const hashes = recipes.map((recipe) => buildArtifact(cnn, recipe).sha256);
    expect(new Set(hashes).size).toBe(recipes.length);
  });

  it("fails in one line when a static recipe lacks a tensor's range", () => {
    const { relu_4: _dropped, ...partial } = ranges;
    expect(() => buildArtifact(cnn, { ...(recipes[3] as Extract<ArtifactRecipe, { transform: "static-int8-qdq" }>), activationRanges: partial })).toThrow(/no calibrated range for tensor 'relu_4'/);
  });

  it("quantizes both Gemms of an MLP dynamically", () => {
    expect(buildArtifact(buildMlp({ inputSize: 8, hiddenSizes: [8], outputSize: 2 }), { transform: "dynamic-int8", weightBits: 7 }).quantizedNodes).toBe(2);
  });
});
