// A model exported with a fixed batch of 1 runs one sample per call whatever --batch says: measuring it "at batch 8"
// would report 8 times its real throughput and raise the host's calibrated peak to match. It must be refused.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bench } from "../../src/bench/index.ts";
import { WattplanError } from "../../src/errors.ts";
import { DataType, GraphBuilder } from "../onnx/graphs.ts";

let directory: string;

function matMulModel(batchDimension: number | string): Uint8Array {
  const graph = new GraphBuilder("fixed");
  const input = graph.addInput("x", DataType.FLOAT, [batchDimension, 64]);
  const weight = graph.addInitializer("w", [64, 64], new Float32Array(64 * 64).fill(0.01));
  graph.addNode("MatMul", [input, weight], {}, ["y"]);
  graph.addOutput("y", DataType.FLOAT, [batchDimension, 64]);
  return graph.serialize(17);
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-fixed-batch-"));
  await writeFile(join(directory, "fixed.onnx"), matMulModel(1));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("bench on a model without a batch dimension", () => {
  it("refuses batch sizes above 1 with a one-line user error naming the fixed shape", async () => {
    const run = bench(join(directory, "fixed.onnx"), { batchSizes: [1, 8], threads: [1], budgetSeconds: 0.5 });
    await expect(run).rejects.toBeInstanceOf(WattplanError);
    await expect(run).rejects.toThrow(/no batch dimension .*x \[1, 64\].*batch size 8 cannot be measured/);
  }, 60_000);
});
