// The headline FLOPs count in the convention MLPerf and model cards use: 2 × the multiply-accumulates of the matrix
// products and convolutions, nothing else. Checked against ResNet-50's published count and hand counts.
import { describe, expect, it } from "vitest";
import { analyze, DataType, GraphBuilder, singleInputModel, zeros } from "./graphs.ts";
import { buildCnn, buildTransformerEncoder } from "../../src/onnx/index.ts";

/**
 * ResNet-50 v1.5 at 224×224 (torchvision's layout: stride on the 3×3 of each bottleneck), weights as graph inputs
 * with their shapes so the counting needs no 100 MB of weights. Published: 4.089 GMAC (torchvision's weights meta
 * "_ops": 4.089), 8.2164 GFLOP (OpenVINO's open_model_zoo resnet-50 README), i.e. 2 × MACs.
 */
function resNet50(): Uint8Array {
  const graph = new GraphBuilder("resnet50");
  let counter = 0;
  const conv = (input: string, inputChannels: number, outputChannels: number, kernel: number, stride: number): string => {
    const weight = graph.addInput(`w${counter++}`, DataType.FLOAT, [outputChannels, inputChannels, kernel, kernel]);
    const pad = Math.floor(kernel / 2);
    return graph.addNode("Conv", [input, weight], { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [pad, pad, pad, pad] });
  };
  let x = graph.addInput("input", DataType.FLOAT, [1, 3, 224, 224]);
  x = graph.addNode("Relu", [conv(x, 3, 64, 7, 2)]);
  x = graph.addNode("MaxPool", [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let channels = 64;
  [[3, 64], [4, 128], [6, 256], [3, 512]].forEach(([blocks, width], stage) => {
    for (let block = 0; block < blocks; block++) {
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const shortcut = block === 0 ? conv(x, channels, width * 4, 1, stride) : x;
      let branch = graph.addNode("Relu", [conv(x, channels, width, 1, 1)]);
      branch = graph.addNode("Relu", [conv(branch, width, width, 3, stride)]);
      branch = conv(branch, width, width * 4, 1, 1);
      x = graph.addNode("Relu", [graph.addNode("Add", [branch, shortcut])]);
      channels = width * 4;
    }
  });
  x = graph.addNode("Flatten", [graph.addNode("GlobalAveragePool", [x])], { axis: 1 });
  const fc = graph.addInput("fc", DataType.FLOAT, [1000, 2048]);
  graph.addNode("Gemm", [x, fc], { transB: 1 }, ["logits"]);
  graph.addOutput("logits", DataType.FLOAT, [1, 1000]);
  return graph.serialize();
}

describe("FLOPs per query in the conventional convention (2 × multiply-accumulates)", () => {
  it("gives ResNet-50 at 224×224 its published 8.2 GFLOP (2 × 4.09 GMAC), with the all-operator count above it", () => {
    const cost = analyze(resNet50()).cost;
    expect(cost.macFlopsPerInference! / 1e9).toBeCloseTo(2 * 4.089, 1);
    expect(Math.abs(cost.macFlopsPerInference! / 8.2164e9 - 1)).toBeLessThan(0.01);
    // The all-operator count adds ReLUs, residual adds and pooling: more, but within a few percent for a CNN.
    expect(cost.flopsPerInference).toBeGreaterThan(cost.macFlopsPerInference!);
    expect(cost.flopsPerInference / cost.macFlopsPerInference!).toBeLessThan(1.02);
  });

  it("counts 2·M·K·N for a Gemm and leaves its bias out", () => {
    const bytes = singleInputModel(["batch", 64], (graph, x) => graph.addNode("Gemm", [x, graph.addInitializer("w", [32, 64], zeros(32 * 64)), graph.addInitializer("b", [32], zeros(32))], { transB: 1 }));
    const cost = analyze(bytes, { batchSize: 4 }).cost;
    expect(cost.macFlopsPerInference).toBe(2 * 64 * 32);
    expect(cost.flopsPerInference).toBe(2 * 64 * 32 + 32);
  });

  it("counts the LSTM's gate products 2·4H(I + H) per step and nothing of its elementwise work", () => {
    const [steps, inputSize, hidden] = [5, 8, 16];
    const bytes = singleInputModel([steps, 1, inputSize], (graph, x) => {
      const w = graph.addInitializer("W", [1, 4 * hidden, inputSize], zeros(4 * hidden * inputSize));
      const r = graph.addInitializer("R", [1, 4 * hidden, hidden], zeros(4 * hidden * hidden));
      return graph.addNode("LSTM", [x, w, r], { hidden_size: hidden });
    });
    expect(analyze(bytes).cost.macFlopsPerInference).toBe(steps * 2 * 4 * hidden * (inputSize + hidden));
  });

  it("matches the CNN builder's hand count and counts every product of a transformer block, attention included", () => {
    // One 3×3 stem conv 3→8 on 12×12 (pads 1), a block of two 3×3 8→8 convs, a Gemm 8→5.
    const cnn = analyze(buildCnn({ imageSize: 12, stageChannels: [8], blocksPerStage: 1, classes: 5 })).cost;
    expect(cnn.macFlopsPerInference).toBe(2 * (12 * 12 * 8 * 3 * 9 + 2 * 12 * 12 * 8 * 8 * 9 + 8 * 5));
    // Sequence S, width W, feed-forward 4W: Q, K, V, output projections 4·S·W², two feed-forward 8·S·W², scores
    // and context 2·S²·W.
    const [sequence, width] = [16, 64];
    const transformer = analyze(buildTransformerEncoder({ sequenceLength: sequence, width, heads: 4, layers: 1 })).cost;
    expect(transformer.macFlopsPerInference).toBe(2 * (4 * sequence * width * width + 8 * sequence * width * width + 2 * sequence * sequence * width));
  });
});
