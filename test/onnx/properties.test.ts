import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { broadcastShapes } from "../../src/onnx/analysis/tensor-value.ts";
import { matMulShape } from "../../src/onnx/analysis/operators/linear-algebra.ts";
import { analyzeModel, buildMlp, readModel } from "../../src/onnx/index.ts";

const size = fc.integer({ min: 1, max: 40 });

describe("analysis properties", () => {
  it("an MLP's FLOPs per inference are Σ (2·in·out + out) + the hidden Relus, whatever the sizes and batch", () => {
    fc.assert(
      fc.property(size, fc.array(size, { minLength: 0, maxLength: 3 }), size, fc.integer({ min: 1, max: 16 }), (input, hidden, output, batchSize) => {
        const analysis = analyzeModel(readModel(buildMlp({ inputSize: input, hiddenSizes: hidden, outputSize: output }), "mlp"), { batchSize });
        const sizes = [input, ...hidden, output];
        let expected = 0;
        for (let layer = 0; layer + 1 < sizes.length; layer++) expected += 2 * sizes[layer] * sizes[layer + 1] + sizes[layer + 1];
        expected += hidden.reduce((sum, width) => sum + width, 0);
        expect(analysis.cost.flopsPerInference).toBe(expected);
        expect(analysis.resolvedOutputShapes.logits).toEqual([batchSize, output]);
      }),
      { numRuns: 30 },
    );
  });

  it("broadcasting is symmetric and a shape broadcast with itself is unchanged", () => {
    const shape = fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 4 });
    fc.assert(
      fc.property(shape, shape, (left, right) => {
        let forward: number[] | undefined;
        let backward: number[] | undefined;
        try {
          forward = broadcastShapes([left, right]);
        } catch {
          forward = undefined;
        }
        try {
          backward = broadcastShapes([right, left]);
        } catch {
          backward = undefined;
        }
        expect(forward).toEqual(backward);
        expect(broadcastShapes([left, left])).toEqual(left);
      }),
    );
  });

  it("batched MatMul FLOPs scale linearly with every dimension", () => {
    fc.assert(
      fc.property(size, size, size, fc.integer({ min: 1, max: 6 }), (rows, inner, columns, batch) => {
        const single = matMulShape([rows, inner], [inner, columns]).flops;
        const batched = matMulShape([batch, rows, inner], [inner, columns]);
        expect(single).toBe(2 * rows * inner * columns);
        expect(batched.flops).toBe(batch * single);
        expect(batched.shape).toEqual([batch, rows, columns]);
      }),
    );
  });
});
