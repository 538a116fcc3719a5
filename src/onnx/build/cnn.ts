// A ResNet-style CNN: a 3×3 stem, stages of basic blocks (conv-bn-relu, conv-bn, residual add, relu) whose first
// block halves the resolution with a strided conv and a 1×1 projection shortcut, global average pool, Gemm.
import type { CnnOptions } from "../contract.ts";
import { DataType } from "../proto.ts";
import { GraphBuilder } from "./graph-builder.ts";
import { requirePositiveIntegers } from "./mlp.ts";
import { seededRandom, seededWeights } from "./seeded-random.ts";

interface ConvLayerOptions {
  inputChannels: number;
  outputChannels: number;
  kernel: number;
  stride: number;
  relu: boolean;
}

export function buildCnn(options: CnnOptions): Uint8Array {
  requirePositiveIntegers("buildCnn", {
    imageSize: options.imageSize,
    stageChannels: options.stageChannels,
    blocksPerStage: options.blocksPerStage,
    classes: options.classes,
  });
  const random = seededRandom(options.seed ?? 1);
  const graph = new GraphBuilder("wattplan_cnn");
  const batchNormalization = options.batchNormalization ?? false;

  // Conv, then either a BatchNormalization node or (fused, as exporters emit for inference) a bias on the conv.
  const convLayer = (input: string, layer: ConvLayerOptions): string => {
    const prefix = graph.uniqueName("conv");
    const weight = graph.addInitializer(
      `${prefix}.weight`,
      [layer.outputChannels, layer.inputChannels, layer.kernel, layer.kernel],
      seededWeights(random, layer.outputChannels * layer.inputChannels * layer.kernel * layer.kernel, layer.inputChannels * layer.kernel * layer.kernel, layer.relu ? Math.SQRT2 : 0.5),
    );
    const pad = Math.floor(layer.kernel / 2);
    const attributes = { kernel_shape: [layer.kernel, layer.kernel], strides: [layer.stride, layer.stride], pads: [pad, pad, pad, pad] };
    let output: string;
    if (batchNormalization) {
      output = graph.addNode("Conv", [input, weight], attributes);
      const channels = layer.outputChannels;
      const scale = graph.addInitializer(`${prefix}.bn.scale`, [channels], Float32Array.from({ length: channels }, () => 0.9 + 0.2 * random()));
      const bias = graph.addInitializer(`${prefix}.bn.bias`, [channels], seededWeights(random, channels, 1, 0.05));
      const mean = graph.addInitializer(`${prefix}.bn.mean`, [channels], seededWeights(random, channels, 1, 0.05));
      const variance = graph.addInitializer(`${prefix}.bn.variance`, [channels], Float32Array.from({ length: channels }, () => 0.9 + 0.2 * random()));
      output = graph.addNode("BatchNormalization", [output, scale, bias, mean, variance], { epsilon: { float: 1e-5 } });
    } else {
      const bias = graph.addInitializer(`${prefix}.bias`, [layer.outputChannels], seededWeights(random, layer.outputChannels, 1, 0.05));
      output = graph.addNode("Conv", [input, weight, bias], attributes);
    }
    return layer.relu ? graph.addNode("Relu", [output]) : output;
  };

  let current = graph.addInput("input", DataType.FLOAT, ["batch", 3, options.imageSize, options.imageSize]);
  let channels = options.stageChannels[0];
  current = convLayer(current, { inputChannels: 3, outputChannels: channels, kernel: 3, stride: options.stemStride ?? 1, relu: true });
  options.stageChannels.forEach((stageChannels, stage) => {
    for (let block = 0; block < options.blocksPerStage; block++) {
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const needsProjection = stride !== 1 || channels !== stageChannels;
      const shortcut = needsProjection
        ? convLayer(current, { inputChannels: channels, outputChannels: stageChannels, kernel: 1, stride, relu: false })
        : current;
      let branch = convLayer(current, { inputChannels: channels, outputChannels: stageChannels, kernel: 3, stride, relu: true });
      branch = convLayer(branch, { inputChannels: stageChannels, outputChannels: stageChannels, kernel: 3, stride: 1, relu: false });
      current = graph.addNode("Relu", [graph.addNode("Add", [branch, shortcut])]);
      channels = stageChannels;
    }
  });
  current = graph.addNode("GlobalAveragePool", [current]);
  current = graph.addNode("Flatten", [current], { axis: 1 });
  const weight = graph.addInitializer("classifier.weight", [options.classes, channels], seededWeights(random, options.classes * channels, channels));
  const bias = graph.addInitializer("classifier.bias", [options.classes], seededWeights(random, options.classes, 1, 0.1));
  graph.addNode("Gemm", [current, weight, bias], { transB: 1 }, ["logits"]);
  graph.addOutput("logits", DataType.FLOAT, ["batch", options.classes]);
  return graph.serialize();
}
