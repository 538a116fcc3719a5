// Silero VAD: a real model no one on the team wrote, shipped in @ricky0123/vad-web. Its top-level graph is
// Equal(sr, 16000) → If, with every Conv and LSTM inside If branches (the LSTM inside a further If on h's shape).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeModel, quantizeDynamic, readModel } from "../../src/onnx/index.ts";
import { floatTensor, int64Scalar, ort, runModel } from "./ort.ts";

const distDirectory = dirname(createRequire(import.meta.url).resolve("@ricky0123/vad-web/dist/silero_vad_legacy.onnx"));
const load = (file: string) => new Uint8Array(readFileSync(join(distDirectory, file)));

describe("Silero VAD legacy (v4: inputs input, sr, h, c; Equal → If with nested Ifs)", () => {
  const bytes = load("silero_vad_legacy.onnx");
  const model = readModel(bytes, "silero_vad_legacy.onnx");
  const options = { batchSize: 1, shapes: { input: [1, 512] }, inputValues: { sr: 16000 } };

  it("lists its inputs as declared", () => {
    const analysis = analyzeModel(model, options);
    expect(analysis.inputs).toEqual([
      { name: "input", elementType: "float32", shape: ["batch", "sequence"] },
      { name: "sr", elementType: "int64", shape: [] },
      { name: "h", elementType: "float32", shape: [2, "batch", 64] },
      { name: "c", elementType: "float32", shape: [2, "batch", 64] },
    ]);
    expect(analysis.resolvedInputShapes).toEqual({ input: [1, 512], sr: [], h: [2, 1, 64], c: [2, 1, 64] });
  });

  it("with sr = 16000, counts the Conv and LSTM nodes of the 16 kHz branch exactly as a hand count", () => {
    const analysis = analyzeModel(model, options);
    // The 16 kHz branch, read from the node attributes and weight shapes. Conv FLOPs = 2·M·out·(C/group)·k + M·out
    // (bias). The 512 samples are padded by 96 on each side (704), the STFT conv (258 filters of 256, stride 64)
    // gives 8 frames; three stride-2 1×1 convs then halve 8 → 4 → 2 → 1.
    const conv = (outputChannels: number, length: number, channelsPerGroup: number, kernel: number, bias: boolean) =>
      2 * outputChannels * length * channelsPerGroup * kernel + (bias ? outputChannels * length : 0);
    const handCountedConv =
      conv(258, 8, 1, 256, false) + // feature_extractor.forward_basis_buffer [258, 1, 256], stride 64
      conv(1, 8, 1, 7, false) + // adaptive_normalization.filter_ [1, 1, 7] over the reflect-padded 14
      conv(258, 8, 1, 5, true) + // first_layer dw_conv [258, 1, 5], group 258, pads 2
      conv(16, 8, 258, 1, true) * 2 + // first_layer pw_conv and proj [16, 258, 1]
      conv(16, 4, 16, 1, true) + // 1110 [16, 16, 1], stride 2: 8 → 4
      conv(16, 4, 1, 5, true) + // encoder.3 dw_conv [16, 1, 5], group 16
      conv(32, 4, 16, 1, true) * 2 + // encoder.3 pw_conv and proj [32, 16, 1]
      conv(32, 2, 32, 1, true) + // 1113 [32, 32, 1], stride 2: 4 → 2
      conv(32, 2, 1, 5, true) + // encoder.7 dw_conv [32, 1, 5], group 32
      conv(32, 2, 32, 1, true) + // encoder.7 pw_conv [32, 32, 1]
      conv(32, 1, 32, 1, true) + // 1116 [32, 32, 1], stride 2: 2 → 1
      conv(32, 1, 1, 5, true) + // encoder.11 dw_conv [32, 1, 5], group 32
      conv(64, 1, 32, 1, true) * 2 + // encoder.11 pw_conv and proj [64, 32, 1]
      conv(64, 1, 64, 1, true) + // 1119 [64, 64, 1]
      conv(1, 1, 64, 1, true); // decoder.decoder.1 [1, 64, 1]
    // Two stacked LSTMs, W [1, 256, 64], R [1, 256, 64], B [1, 512]: H = 64, input 64, one step (the single frame).
    // Per step 8H(I + H) + 13H + 8H (bias).
    const handCountedLstm = 2 * (8 * 64 * (64 + 64) + 13 * 64 + 8 * 64);
    expect(handCountedConv).toBe(1_251_361);
    expect(analysis.cost.flopsByOperator.Conv).toBe(handCountedConv);
    expect(analysis.cost.flopsByOperator.LSTM).toBe(handCountedLstm);
    expect(analysis.cost.flopsPerInference).toBeGreaterThan(handCountedConv + handCountedLstm);
    // Everything else (Relu, Add, Log, ...) is small next to the convolutions and LSTMs.
    expect((handCountedConv + handCountedLstm) / analysis.cost.flopsPerInference).toBeGreaterThan(0.98);
    expect(analysis.warnings).toEqual([]);
    expect(analysis.cost.unknownOperators).toEqual([]);
    // Only the 16 kHz weights are read; the file also holds the 8 kHz model.
    expect(analysis.cost.parameterCount).toBeLessThan(analysis.fileParameterCount / 2);
  });

  it("its inferred output shapes match onnxruntime's outputs, at 16 kHz and 8 kHz", async () => {
    for (const [sampleRate, samples] of [[16000, 512], [8000, 256]]) {
      const analysis = analyzeModel(model, { batchSize: 1, shapes: { input: [1, samples] }, inputValues: { sr: sampleRate } });
      const outputs = await runModel(bytes, {
        input: floatTensor([1, samples]),
        sr: int64Scalar(sampleRate),
        h: new ort.Tensor("float32", new Float32Array(128), [2, 1, 64]),
        c: new ort.Tensor("float32", new Float32Array(128), [2, 1, 64]),
      });
      for (const [name, tensor] of Object.entries(outputs)) expect(analysis.resolvedOutputShapes[name]).toEqual(tensor.dims);
    }
  });

  it("8 kHz takes the other branch; without sr it counts the costlier one and says which input to give", () => {
    const eightKilohertz = analyzeModel(model, { batchSize: 1, shapes: { input: [1, 256] }, inputValues: { sr: 8000 } });
    const sixteen = analyzeModel(model, options);
    expect(eightKilohertz.cost.flopsPerInference).toBeLessThan(sixteen.cost.flopsPerInference);
    const unknown = analyzeModel(model, { batchSize: 1, shapes: { input: [1, 512] } });
    expect(unknown.warnings.join("\n")).toMatch(/it depends on input 'sr': give its value/);
  });

  it("a missing sequence length is an error that names it", () => {
    expect(() => analyzeModel(model, { batchSize: 1, inputValues: { sr: 16000 } })).toThrow(/dimension 1 'sequence' of input 'input'/);
  });
});

describe("Silero VAD v5 (inputs input, state, sr; weights as Constant nodes inside If branches)", () => {
  const bytes = load("silero_vad_v5.onnx");
  const model = readModel(bytes, "silero_vad_v5.onnx");

  it("resolves its If from sr, counts Conv and LSTM work, and matches onnxruntime's output shapes", async () => {
    const analysis = analyzeModel(model, { batchSize: 1, shapes: { input: [1, 512], state: [2, 1, 128] }, inputValues: { sr: 16000 } });
    expect(analysis.inputs.map((input) => input.name)).toEqual(["input", "state", "sr"]);
    expect(analysis.warnings).toEqual([]);
    expect(analysis.cost.flopsByOperator.Conv).toBeGreaterThan(0);
    expect(analysis.cost.flopsByOperator.LSTM).toBeGreaterThan(0);
    expect(analysis.cost.parameterCount).toBeGreaterThan(0);
    const outputs = await runModel(bytes, {
      input: floatTensor([1, 512]),
      state: new ort.Tensor("float32", new Float32Array(256), [2, 1, 128]),
      sr: int64Scalar(16000),
    });
    for (const [name, tensor] of Object.entries(outputs)) expect(analysis.resolvedOutputShapes[name]).toEqual(tensor.dims);
  });
});

describe("Silero VAD and the INT8 transform", () => {
  it("has no MatMul or Gemm to quantize: its Conv and LSTM nodes are reported as kept in float", () => {
    const result = quantizeDynamic(load("silero_vad_legacy.onnx"), { weightBits: 7 });
    expect(result.quantizedNodes).toBe(0);
    const operators = new Set(result.skipped.map((entry) => entry.operator));
    expect(operators).toEqual(new Set(["Conv", "LSTM"]));
  });
});
