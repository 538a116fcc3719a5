import { describe, expect, it } from "vitest";
import { analyze, DataType, GraphBuilder, singleInputModel, zeros } from "./graphs.ts";

describe("FLOPs of single operators, against hand counts", () => {
  it("Gemm: 2·M·K·N for the product plus M·N for the bias, per sample", () => {
    const bytes = singleInputModel(["batch", 64], (graph, x) => {
      const weight = graph.addInitializer("w", [32, 64], zeros(32 * 64));
      const bias = graph.addInitializer("b", [32], zeros(32));
      return graph.addNode("Gemm", [x, weight, bias], { transB: 1 });
    });
    const analysis = analyze(bytes, { batchSize: 8 });
    expect(analysis.cost.flopsByOperator.Gemm).toBe(2 * 64 * 32 + 32);
    expect(analysis.resolvedOutputShapes.y).toEqual([8, 32]);
    expect(analysis.cost.parameterCount).toBe(32 * 64 + 32);
    expect(analysis.cost.weightBytes).toBe((32 * 64 + 32) * 4);
  });

  it("Conv with stride, padding and groups", () => {
    // x [1, 8, 15, 15], W [16, 8/2, 3, 3], group 2, stride 2, pads 1: out = floor((15 + 2 − 3) / 2) + 1 = 8.
    const bytes = singleInputModel([1, 8, 15, 15], (graph, x) => {
      const weight = graph.addInitializer("w", [16, 4, 3, 3], zeros(16 * 4 * 9));
      const bias = graph.addInitializer("b", [16], zeros(16));
      return graph.addNode("Conv", [x, weight, bias], { group: 2, strides: [2, 2], pads: [1, 1, 1, 1], kernel_shape: [3, 3] });
    });
    const analysis = analyze(bytes);
    expect(analysis.resolvedOutputShapes.y).toEqual([1, 16, 8, 8]);
    // 2 · N · M · outH · outW · (C / group) · kH · kW, + N · M · outH · outW for the bias.
    expect(analysis.cost.flopsByOperator.Conv).toBe(2 * 1 * 16 * 8 * 8 * 4 * 3 * 3 + 16 * 8 * 8);
  });

  it("depthwise Conv with dilation and SAME_UPPER padding", () => {
    const bytes = singleInputModel([2, 6, 10, 10], (graph, x) => {
      const weight = graph.addInitializer("w", [6, 1, 3, 3], zeros(6 * 9));
      return graph.addNode("Conv", [x, weight], { group: 6, auto_pad: "SAME_UPPER", dilations: [2, 2] });
    });
    const analysis = analyze(bytes);
    expect(analysis.resolvedOutputShapes.y).toEqual([2, 6, 10, 10]);
    expect(analysis.cost.flopsByOperator.Conv).toBe(2 * 2 * 6 * 10 * 10 * 1 * 9);
  });

  it("ConvTranspose: each input element scatters into (M/group)·kH·kW outputs", () => {
    // out = stride · (in − 1) + k − pads = 2 · 4 + 3 − 2 = 9
    const bytes = singleInputModel([1, 4, 5, 5], (graph, x) => {
      const weight = graph.addInitializer("w", [4, 2, 3, 3], zeros(4 * 2 * 9));
      return graph.addNode("ConvTranspose", [x, weight], { strides: [2, 2], pads: [1, 1, 1, 1] });
    });
    const analysis = analyze(bytes);
    expect(analysis.resolvedOutputShapes.y).toEqual([1, 2, 9, 9]);
    expect(analysis.cost.flopsByOperator.ConvTranspose).toBe(2 * 1 * 4 * 5 * 5 * 2 * 3 * 3);
  });

  it("batched MatMul broadcasts the leading dimensions", () => {
    const graph = new GraphBuilder("matmul");
    graph.addInput("a", DataType.FLOAT, [3, 1, 4, 5]);
    graph.addInput("b", DataType.FLOAT, [2, 5, 6]);
    graph.addNode("MatMul", ["a", "b"], {}, ["y"]);
    graph.addOutput("y", DataType.FLOAT, []);
    const analysis = analyze(graph.serialize());
    expect(analysis.resolvedOutputShapes.y).toEqual([3, 2, 4, 6]);
    expect(analysis.cost.flopsByOperator.MatMul).toBe(2 * (3 * 2) * 4 * 5 * 6);
  });

  it("MatMul with a 1-D operand drops the promoted dimension", () => {
    const graph = new GraphBuilder("matvec");
    graph.addInput("a", DataType.FLOAT, [7, 5]);
    graph.addInput("v", DataType.FLOAT, [5]);
    graph.addNode("MatMul", ["a", "v"], {}, ["y"]);
    graph.addOutput("y", DataType.FLOAT, []);
    const analysis = analyze(graph.serialize());
    expect(analysis.resolvedOutputShapes.y).toEqual([7]);
    expect(analysis.cost.flopsPerInference).toBe(2 * 7 * 5);
  });

  it("LSTM: steps · batch · directions · (8H(I + H) + 13H + 8H bias)", () => {
    const [steps, inputSize, hidden] = [10, 12, 16];
    const bytes = singleInputModel([steps, "batch", inputSize], (graph, x) => {
      const w = graph.addInitializer("W", [2, 4 * hidden, inputSize], zeros(2 * 4 * hidden * inputSize));
      const r = graph.addInitializer("R", [2, 4 * hidden, hidden], zeros(2 * 4 * hidden * hidden));
      const b = graph.addInitializer("B", [2, 8 * hidden], zeros(2 * 8 * hidden));
      return graph.addNode("LSTM", [x, w, r, b], { hidden_size: hidden, direction: "bidirectional" });
    });
    const analysis = analyze(bytes, { batchSize: 3 });
    expect(analysis.resolvedOutputShapes.y).toEqual([steps, 2, 3, hidden]);
    const perStep = 8 * hidden * (inputSize + hidden) + 13 * hidden + 8 * hidden;
    // Per inference: the batch of 3 divided out again.
    expect(analysis.cost.flopsByOperator.LSTM).toBe(steps * 2 * perStep);
  });

  it("GRU and RNN per-step counts", () => {
    const [steps, inputSize, hidden] = [4, 8, 6];
    const gru = singleInputModel([steps, 1, inputSize], (graph, x) => {
      const w = graph.addInitializer("W", [1, 3 * hidden, inputSize], zeros(3 * hidden * inputSize));
      const r = graph.addInitializer("R", [1, 3 * hidden, hidden], zeros(3 * hidden * hidden));
      return graph.addNode("GRU", [x, w, r], { hidden_size: hidden });
    });
    expect(analyze(gru).cost.flopsByOperator.GRU).toBe(steps * (6 * hidden * (inputSize + hidden) + 11 * hidden));
    const rnn = singleInputModel([steps, 1, inputSize], (graph, x) => {
      const w = graph.addInitializer("W", [1, hidden, inputSize], zeros(hidden * inputSize));
      const r = graph.addInitializer("R", [1, hidden, hidden], zeros(hidden * hidden));
      return graph.addNode("RNN", [x, w, r], { hidden_size: hidden });
    });
    expect(analyze(rnn).cost.flopsByOperator.RNN).toBe(steps * (2 * hidden * (inputSize + hidden) + 2 * hidden));
  });

  it("pooling, global pooling, softmax and layer normalisation", () => {
    const bytes = singleInputModel([1, 4, 8, 8], (graph, x) => {
      const pooled = graph.addNode("MaxPool", [x], { kernel_shape: [2, 2], strides: [2, 2] });
      const normalized = graph.addNode("LayerNormalization", [pooled, graph.addInitializer("s", [4], zeros(4))], { axis: -1 });
      const soft = graph.addNode("Softmax", [normalized], { axis: -1 });
      return graph.addNode("GlobalAveragePool", [soft]);
    });
    const analysis = analyze(bytes);
    expect(analysis.resolvedOutputShapes.y).toEqual([1, 4, 1, 1]);
    const pooledElements = 4 * 4 * 4;
    expect(analysis.cost.flopsByOperator).toMatchObject({
      MaxPool: pooledElements * 2 * 2,
      LayerNormalization: 6 * pooledElements,
      Softmax: 5 * pooledElements,
      GlobalAveragePool: pooledElements,
    });
  });

  it("activation bytes count each produced tensor once; arithmetic intensity divides FLOPs by bytes", () => {
    const bytes = singleInputModel(["batch", 100], (graph, x) => graph.addNode("Relu", [graph.addNode("Add", [x, x])]));
    const analysis = analyze(bytes, { batchSize: 4 });
    // Add and Relu each write 100 floats per sample; the Identity to the output is a view.
    expect(analysis.cost.activationBytesPerInference).toBe(2 * 100 * 4);
    expect(analysis.cost.flopsPerInference).toBe(200);
    expect(analysis.cost.arithmeticIntensityFlopsPerByte).toBeCloseTo(200 / 800);
  });
});

describe("work on constants alone", () => {
  it("costs nothing per inference: onnxruntime folds it when the session loads", () => {
    const bytes = singleInputModel(["batch", 8], (graph, x) => {
      const stored = graph.addInitializer("w_stored", [4, 8], zeros(32));
      const weight = graph.addNode("Transpose", [stored], { perm: [1, 0] }); // [8, 4], folded
      return graph.addNode("MatMul", [x, weight]);
    });
    const analysis = analyze(bytes, { batchSize: 2 });
    expect(analysis.cost.flopsPerInference).toBe(2 * 8 * 4);
    expect(analysis.cost.flopsByOperator.Transpose).toBeUndefined();
    expect(analysis.cost.activationBytesPerInference).toBe(4 * 4);
    expect(analysis.cost.parameterCount).toBe(32);
  });
});

describe("Einsum and onnxruntime's fused operators", () => {
  it("Einsum: attention scores 'bhid,bhjd->bhij' cost 2·b·h·i·j·d", () => {
    const graph = new GraphBuilder("einsum");
    graph.addInput("q", DataType.FLOAT, [2, 4, 10, 8]);
    graph.addInput("k", DataType.FLOAT, [2, 4, 12, 8]);
    graph.addNode("Einsum", ["q", "k"], { equation: "bhid,bhjd->bhij" }, ["y"]);
    graph.addOutput("y", DataType.FLOAT, []);
    const analysis = analyze(graph.serialize());
    expect(analysis.resolvedOutputShapes.y).toEqual([2, 4, 10, 12]);
    expect(analysis.cost.flopsByOperator.Einsum).toBe(2 * 2 * 4 * 10 * 12 * 8);
  });

  it("com.microsoft.FusedConv counts as a Conv", () => {
    const bytes = singleInputModel([1, 3, 8, 8], (graph, x) => {
      const weight = graph.addInitializer("w", [4, 3, 3, 3], zeros(4 * 27));
      return graph.addNode("FusedConv", [x, weight], { pads: [1, 1, 1, 1], activation: "Relu" }, undefined, "com.microsoft");
    });
    const analysis = analyze(bytes);
    expect(analysis.cost.flopsByOperator["com.microsoft.FusedConv"]).toBe(2 * 4 * 8 * 8 * 3 * 9);
    expect(analysis.cost.unknownOperators).toEqual([]);
  });
});
