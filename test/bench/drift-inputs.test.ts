// What a profile says its drift was measured on: the inputs file's values only when the file (or --input) gives
// every input; an input left to synthesis makes it "synthesized", and the note names what was synthesized.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bench } from "../../src/bench/index.ts";
import { DataType, GraphBuilder } from "../onnx/graphs.ts";

let directory: string;
let modelPath: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-drift-inputs-"));
  modelPath = join(directory, "offset.onnx");
  const graph = new GraphBuilder("offset");
  const x = graph.addInput("x", DataType.FLOAT, ["batch", 8]);
  const offset = graph.addInput("offset", DataType.FLOAT, [1]);
  const weight = graph.addInitializer("w", [8, 4], Float32Array.from({ length: 32 }, (_, index) => Math.sin(index + 1)));
  graph.addNode("Add", [graph.addNode("MatMul", [x, weight]), offset], {}, ["y"]);
  graph.addOutput("y", DataType.FLOAT, ["batch", 4]);
  await writeFile(modelPath, graph.serialize());
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function fp16RecordWith(values: Record<string, unknown>) {
  const inputsFile = join(directory, `inputs-${Object.keys(values).join("-")}.json`);
  await writeFile(inputsFile, JSON.stringify(values));
  const profile = await bench(modelPath, { precisions: ["fp32", "fp16"], batchSizes: [1], threads: [1], budgetSeconds: 0.2, inputsFile, powercapRoot: directory });
  return profile.artifacts!.find((record) => record.precision === "fp16")!;
}

describe("the inputs a drift was measured on", () => {
  it("are the inputs file's when it gives every input", async () => {
    const record = await fp16RecordWith({ x: [Array.from({ length: 8 }, (_, index) => index / 8)], offset: [0.5] });
    expect(record.driftOn).toBe("inputs-file");
    expect(record.driftNote).toMatch(/against FP32 on the inputs file's values, batch 1/);
  });

  it("are synthesized when the file gives only some (a control value), and the note says which", async () => {
    const record = await fp16RecordWith({ offset: [0.5] });
    expect(record.driftOn).toBe("synthesized");
    expect(record.driftNote).toMatch(/the inputs file's values, with x synthesized \(seed \d+\)/);
  });
});
