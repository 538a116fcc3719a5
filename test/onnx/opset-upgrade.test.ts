// Older models declared opset 13 for the INT8 transforms: onnxruntime runs the old and the upgraded graph and they
// must agree bit for bit; what has no opset-13 form here is refused with its reason; and the quantizers now rewrite
// models exported at opset 9 to 12, with weights in initializers or in Constant nodes (paddle2onnx's form).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bench } from "../../src/bench/index.ts";
import { calibrateActivationRanges } from "../../src/bench/calibrate-activations.ts";
import { buildCnn, buildMlp, quantizeDynamic, quantizeStatic, readModel, staticQuantizationPoints } from "../../src/onnx/index.ts";
import { opsetUpgradeBlocker, upgradeOpset } from "../../src/onnx/opset-upgrade.ts";
import { serializeModel } from "../../src/onnx/read-model.ts";
import { DataType, GraphBuilder } from "./graphs.ts";
import { cosineSimilarity, floatTensor, runModel } from "./ort.ts";

/** INT64_MAX as protobuf's two 32-bit halves: a JavaScript number cannot hold it. */
const INT64_MAX_BITS = { low: -1, high: 0x7fffffff, unsigned: false } as unknown as number;

/** The model at `opset`, upgraded; what the upgrade rewrote. */
function upgraded(bytes: Uint8Array): { bytes: Uint8Array; rewritten: string[]; opset: number; irVersion: number } {
  const model = readModel(bytes, "old");
  const rewritten = upgradeOpset(model);
  const again = readModel(serializeModel(model.proto), "upgraded");
  return { bytes: serializeModel(model.proto), rewritten, opset: again.opset, irVersion: again.irVersion };
}

async function outputsOf(bytes: Uint8Array, dims: number[]): Promise<Record<string, number[]>> {
  const outputs = await runModel(bytes, { x: floatTensor(dims, 3) });
  return Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, [...tensor.dims, ...(tensor.data as Float32Array)]]));
}

/** Every operator whose older form moved an attribute to an input, or changed meaning, at or before opset 13. */
function movedOperatorsModel(): Uint8Array {
  const graph = new GraphBuilder("moved");
  const x = graph.addInput("x", DataType.FLOAT, [2, 3, 4, 5]);
  const clipped = graph.addNode("Clip", [x], { min: { float: -0.5 }, max: { float: 0.6 } });
  // Slice-1: starts, ends and axes as attributes; INT64_MAX ("to the end", beyond a double's integers) must survive exactly.
  const sliced = graph.addNode("Slice", [clipped], { starts: [0, 1], ends: [0, 3], axes: [1, 2] });
  graph.nodes[graph.nodes.length - 1].attribute!.find((attribute) => attribute.name === "ends")!.ints = [INT64_MAX_BITS, 3];
  const unsqueezed = graph.addNode("Unsqueeze", [sliced], { axes: [0] });
  const squeezed = graph.addNode("Squeeze", [unsqueezed], { axes: [0] });
  // Softmax-1 at axis 1 of a 4-D tensor: one distribution over dimensions 1..3, not over dimension 1.
  const softmax = graph.addNode("Softmax", [squeezed], { axis: 1 });
  const padded = graph.addNode("Pad", [softmax], { pads: [0, 0, 1, 1, 0, 0, 1, 1], value: { float: 0.25 } });
  graph.addNode("Dropout", [padded], { ratio: { float: 0.3 } }, ["padded"]);
  graph.addNode("ReduceSum", [squeezed], { axes: [3], keepdims: 1 }, ["summed"]);
  graph.addNode("Split", [x], { axis: 3, split: [2, 3] }, ["left", "right"]);
  graph.addNode("LogSoftmax", [x], { axis: 2 }, ["logs"]);
  graph.addNode("Softmax", [x], { axis: -1 }, ["last"]);
  const shapes: Record<string, number[]> = { padded: [2, 3, 4, 7], summed: [2, 3, 2, 1], left: [2, 3, 4, 2], right: [2, 3, 4, 3], logs: [2, 3, 4, 5], last: [2, 3, 4, 5] };
  for (const [name, shape] of Object.entries(shapes)) graph.addOutput(name, DataType.FLOAT, shape);
  return graph.serialize(9);
}

/** A Conv with BatchNormalization-7 (its `spatial` attribute) and Dropout-7 at opset 8. */
function batchNormalizationModel(spatial: number): Uint8Array {
  const graph = new GraphBuilder("bn");
  const x = graph.addInput("x", DataType.FLOAT, [1, 2, 3, 3]);
  const weight = graph.addInitializer("w", [2, 2, 1, 1], Float32Array.of(0.5, -1, 2, 0.25));
  const convolved = graph.addNode("Conv", [x, weight]);
  const parameters = ["scale", "bias", "mean", "var"].map((name, index) => graph.addInitializer(name, [2], Float32Array.of(1 + index * 0.1, 0.5 - index * 0.2)));
  const normalised = graph.addNode("BatchNormalization", [convolved, ...parameters], { epsilon: { float: 1e-5 }, spatial });
  graph.addNode("Dropout", [normalised], { ratio: { float: 0.5 } }, ["y"]);
  graph.addOutput("y", DataType.FLOAT, [1, 2, 3, 3]);
  return graph.serialize(8);
}

describe("declaring an older model opset 13", () => {
  it("gives the same outputs, bit for bit, for every operator whose attributes became inputs or whose meaning moved", async () => {
    const old = movedOperatorsModel();
    const result = upgraded(old);
    expect(result.opset).toBe(13);
    expect(result.irVersion).toBeGreaterThanOrEqual(7);
    expect(result.rewritten).toEqual(["Clip", "Dropout", "LogSoftmax", "Pad", "ReduceSum", "Slice", "Softmax", "Split", "Squeeze", "Unsqueeze"]);
    const movedAttributes = new Set(["min", "max", "starts", "ends", "axes", "pads", "value", "split", "ratio"]);
    const nodes = readModel(result.bytes, "upgraded").proto.graph!.node!;
    expect(nodes.filter((node) => (node.attribute ?? []).some((attribute) => movedAttributes.has(attribute.name!)))).toEqual([]);
    const [before, after] = [await outputsOf(old, [2, 3, 4, 5]), await outputsOf(result.bytes, [2, 3, 4, 5])];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name]);
  });

  it("drops BatchNormalization's spatial = 1 and Dropout's ratio, which opset 13 does not take", async () => {
    const old = batchNormalizationModel(1);
    const result = upgraded(old);
    expect(result.rewritten).toEqual(["BatchNormalization", "Dropout"]);
    expect(await outputsOf(result.bytes, [1, 2, 3, 3])).toEqual(await outputsOf(old, [1, 2, 3, 3]));
  });

  it("drops MeanVarianceNormalization-1's attributes at their defaults, and the initializers an IR-3 model listed as inputs", async () => {
    const graph = new GraphBuilder("mvn");
    const x = graph.addInput("x", DataType.FLOAT, [2, 3, 2, 2]);
    const weight = graph.addInitializer("w", [3, 3, 1, 1], Float32Array.from({ length: 9 }, (_, index) => Math.sin(index + 1)));
    graph.inputs.push({ name: "w", type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [3, 3, 1, 1].map((dimValue) => ({ dimValue })) } } } });
    graph.addNode("MeanVarianceNormalization", [graph.addNode("Conv", [x, weight])], { across_channels: 0, normalize_variance: 1 }, ["y"]);
    graph.addOutput("y", DataType.FLOAT, [2, 3, 2, 2]);
    const model = graph.model(8);
    model.irVersion = 3;
    const old = serializeModel(model);
    const result = upgraded(old);
    expect(result.rewritten).toEqual(["MeanVarianceNormalization"]);
    expect(readModel(result.bytes, "upgraded").proto.graph!.input!.map((input) => input.name)).toEqual(["x"]);
    expect(await outputsOf(result.bytes, [2, 3, 2, 2])).toEqual(await outputsOf(old, [2, 3, 2, 2]));
  });

  it("leaves a model at opset 13 or later as it is", () => {
    const model = readModel(buildMlp({ inputSize: 8, hiddenSizes: [4], outputSize: 2 }), "mlp");
    const before = serializeModel(model.proto);
    expect(opsetUpgradeBlocker(model)).toBeNull();
    expect(upgradeOpset(model)).toEqual([]);
    expect(serializeModel(model.proto)).toEqual(before);
  });

  it("refuses, with the reason, what has no opset-13 form here", () => {
    const blockerOf = (bytes: Uint8Array) => opsetUpgradeBlocker(readModel(bytes, "old"));
    const upsample = new GraphBuilder("upsample");
    const scales = upsample.addInitializer("scales", [4], Float32Array.of(1, 1, 2, 2));
    upsample.addNode("Upsample", [upsample.addInput("x", DataType.FLOAT, [1, 1, 2, 2]), scales], {}, ["y"]);
    expect(blockerOf(upsample.serialize(9))).toMatch(/no rule here says what Upsample \(opset 9\) becomes/);

    const resize = new GraphBuilder("resize");
    resize.addNode("Resize", [resize.addInput("x", DataType.FLOAT, [1, 1, 2, 2]), scales], {}, ["y"]);
    expect(blockerOf(resize.serialize(10))).toMatch(/Resize changed meaning at opset 11/);

    expect(blockerOf(batchNormalizationModel(0))).toMatch(/spatial = 0/);

    // Clip-11's min and max take the data's type: in a graph that holds float16 or double, which one is not known here.
    const clipOn = (elementType: number) => {
      const clip = new GraphBuilder("clip");
      clip.addNode("Clip", [clip.addInput("x", elementType, [4])], { min: { float: 0 }, max: { float: 6 } }, ["y"]);
      clip.addOutput("y", elementType, []);
      return clip.serialize(9);
    };
    expect(blockerOf(clipOn(DataType.FLOAT))).toBeNull();
    expect(blockerOf(clipOn(DataType.FLOAT16))).toMatch(/Clip .*floating-point tensors other than float32/);
    expect(blockerOf(clipOn(DataType.DOUBLE))).toMatch(/Clip .*floating-point tensors other than float32/);
    const cast = new GraphBuilder("cast");
    const doubled = cast.addNode("Cast", [cast.addInput("x", DataType.FLOAT, [4])], { to: DataType.DOUBLE });
    cast.addNode("Pad", [doubled], { pads: [1, 1], value: { float: 0 } }, ["y"]);
    expect(blockerOf(cast.serialize(9))).toMatch(/Pad .*floating-point tensors other than float32/);

    const mvn = new GraphBuilder("mvn");
    mvn.addNode("MeanVarianceNormalization", [mvn.addInput("x", DataType.FLOAT, [1, 2, 2, 2])], { across_channels: 1 }, ["y"]);
    expect(blockerOf(mvn.serialize(8))).toMatch(/across_channels = 1/);

    const withFunction = readModel(clipOn(DataType.FLOAT), "old");
    withFunction.proto.functions = [{ name: "local", domain: "custom", node: [], input: [], output: [] }];
    expect(opsetUpgradeBlocker(withFunction)).toMatch(/local functions/);
    expect(blockerOf(movedOperatorsModel())).toBeNull();

    const ancient = readModel(movedOperatorsModel(), "old");
    ancient.opset = 6;
    expect(opsetUpgradeBlocker(ancient)).toMatch(/older than 7/);

    const branch = new GraphBuilder("branch");
    const body = new GraphBuilder("body");
    body.addNode("Constant", [], { value: { name: "one", dims: [], dataType: DataType.FLOAT, floatData: [1] } }, ["one"]);
    body.addOutput("one", DataType.FLOAT, []);
    branch.addNode("If", [branch.addInput("x", DataType.BOOL, [])], { then_branch: body.graph(), else_branch: body.graph() }, ["y"]);
    expect(blockerOf(branch.serialize(11))).toMatch(/If '.*' holds a subgraph/);
  });
});

/** The model at an older opset with its weights held by Constant nodes, as paddle2onnx writes them. */
function oldWithConstantWeights(bytes: Uint8Array, opset: number): Uint8Array {
  const model = readModel(bytes, "model");
  const graph = model.proto.graph!;
  const constants = (graph.initializer ?? []).map((tensor) => ({ opType: "Constant", domain: "", name: `${tensor.name}/constant`, input: [], output: [tensor.name!], attribute: [{ name: "value", type: 4, t: tensor }] }));
  graph.node = [...constants, ...(graph.node ?? [])];
  graph.initializer = [];
  model.proto.opsetImport = [{ domain: "", version: opset }];
  return serializeModel(model.proto);
}

/** The names of the weights (second inputs) of a model's nodes of these operators. */
function weightNames(bytes: Uint8Array, operators: string[]): Set<string> {
  return new Set(readModel(bytes, "model").proto.graph!.node!.filter((node) => operators.includes(node.opType!)).map((node) => node.input![1]));
}

/** The outputs of a model's Constant nodes. */
function constantOutputs(bytes: Uint8Array): string[] {
  return readModel(bytes, "model").proto.graph!.node!.filter((node) => node.opType === "Constant").map((node) => node.output![0]);
}

describe("INT8 transforms of models exported below their opset", () => {
  it("static QDQ quantizes every convolution of an opset-11 CNN whose weights are Constant nodes, and stays close to FP32", async () => {
    const old = oldWithConstantWeights(buildCnn({ imageSize: 24, stageChannels: [8, 16], blocksPerStage: 1, classes: 10, seed: 5 }), 11);
    const dims = [1, 3, 24, 24];
    const settings = { intraOpThreads: 1, executionProvider: "cpu" as const };
    const samples = Array.from({ length: 8 }, (_, index) => ({ input: floatTensor(dims, index) }));
    const ranges = await calibrateActivationRanges(old, staticQuantizationPoints(old), samples, "test", settings);
    const result = quantizeStatic(old, { weightBits: 7, activations: "uint8-asymmetric", activationRanges: ranges });
    const convolutions = readModel(old, "old").proto.graph!.node!.filter((node) => node.opType === "Conv").length;
    expect(result.quantizedNodes).toBeGreaterThanOrEqual(convolutions);
    expect(result.skipped).toEqual([]);
    expect(result.method).toMatch(/the model's opset 11 raised to 13$/);
    expect(result.opsetRaised).toEqual({ from: 11, to: 13, rewritten: [] });
    const quantized = readModel(result.bytes, "int8");
    expect(quantized.opset).toBe(13);
    // The float weights went with their Constant nodes (the float biases stay): only the quantized copies remain.
    const weights = weightNames(old, ["Conv", "Gemm"]);
    expect(constantOutputs(result.bytes).filter((name) => weights.has(name))).toEqual([]);
    expect(constantOutputs(result.bytes).length).toBeGreaterThan(0);
    const feeds = { input: floatTensor([4, 3, 24, 24], 100) };
    const [reference] = Object.values(await runModel(old, feeds));
    const [candidate] = Object.values(await runModel(result.bytes, feeds));
    expect(cosineSimilarity(reference.data as Float32Array, candidate.data as Float32Array)).toBeGreaterThan(0.99);
  });

  it("dynamic INT8 rewrites the Gemms of an opset-10 MLP whose weights are Constant nodes (DynamicQuantizeLinear is opset 11)", async () => {
    const old = oldWithConstantWeights(buildMlp({ inputSize: 64, hiddenSizes: [128, 64], outputSize: 10 }), 10);
    const result = quantizeDynamic(old, { weightBits: 7 });
    expect(result.quantizedNodes).toBe(3);
    const weights = weightNames(old, ["Gemm"]);
    expect(constantOutputs(result.bytes).filter((name) => weights.has(name))).toEqual([]);
    expect(result.method).toMatch(/the model's opset 10 raised to 13$/);
    expect(result.opsetRaised).toEqual({ from: 10, to: 13, rewritten: [] });
    expect(readModel(result.bytes, "int8").opset).toBe(13);
    const feeds = { input: floatTensor([4, 64], 1) };
    const [reference] = Object.values(await runModel(old, feeds));
    const [candidate] = Object.values(await runModel(result.bytes, feeds));
    expect(cosineSimilarity(reference.data as Float32Array, candidate.data as Float32Array)).toBeGreaterThan(0.99);
  });

  it("bench times the upgraded file and says in the profile that the opset was raised", async () => {
    const directory = await mkdtemp(join(tmpdir(), "wattplan-old-opset-"));
    try {
      const modelPath = join(directory, "old-mlp.onnx");
      await writeFile(modelPath, oldWithConstantWeights(buildMlp({ inputSize: 64, hiddenSizes: [128, 64], outputSize: 10 }), 10));
      const profile = await bench(modelPath, { precisions: ["fp32", "int8"], batchSizes: [1], threads: [1], budgetSeconds: 0.3, powercapRoot: directory });
      expect(profile.quantization).toMatchObject({ transform: "dynamic-int8", quantizedNodes: 3 });
      expect(profile.quantization!.method).toMatch(/opset 10 raised to 13/);
      expect(profile.warnings).toContain("INT8: the model (opset 10) was declared opset 13 for the transform's operators; its drift compares the file with the model as exported");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("leaves an opset-9 model with an Upsample in float, naming the operator", () => {
    const graph = new GraphBuilder("upsampled");
    const x = graph.addInput("input", DataType.FLOAT, [1, 2, 4, 4]);
    const weight = graph.addInitializer("w", [2, 2, 1, 1], Float32Array.of(0.5, -1, 2, 0.25));
    const scales = graph.addInitializer("scales", [4], Float32Array.of(1, 1, 2, 2));
    graph.addNode("Upsample", [graph.addNode("Conv", [x, weight]), scales], {}, ["y"]);
    graph.addOutput("y", DataType.FLOAT, []);
    const result = quantizeStatic(graph.serialize(9), { weightBits: 7, activations: "uint8-asymmetric", activationRanges: {} });
    expect(result.quantizedNodes).toBe(0);
    expect(result.skipped).toEqual([expect.objectContaining({ operator: "Conv", reason: expect.stringMatching(/opset 9 < 13 .*not upgraded: no rule here says what Upsample/) })]);
  });
});
