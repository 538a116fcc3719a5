// The contract between src/onnx (reading, analysis, building, quantizing models) and its users (bench, CLI).
import type { ModelCost, TensorInfo } from "../domain/profile.ts";

export interface AnalysisOptions {
  /** The batch dimension (the first dimension of inputs whose first dimension is symbolic). */
  batchSize: number;
  /** Values for other symbolic dimensions, by input name (the CLI's `--shape name=d1,d2`). */
  shapes?: Record<string, number[]>;
  /** Fixed values of scalar / control inputs (the CLI's `--input sr=16000`), used to resolve If conditions and shapes. */
  inputValues?: Record<string, number | number[]>;
}

export interface ModelAnalysis {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  opset: number;
  /** Concrete shapes of every graph input at the analysed batch size. */
  resolvedInputShapes: Record<string, number[]>;
  /** Inferred concrete shapes of the graph outputs (those that could be inferred). */
  resolvedOutputShapes: Record<string, number[]>;
  /** Per inference (one sample): the batch's totals divided by the batch size. */
  cost: ModelCost;
  /**
   * Whether some input has a batch dimension the batch size sets. Without one, every call runs the model's fixed
   * shapes whatever the batch size, and the counts are per call.
   */
  hasBatchDimension: boolean;
  /** TensorProto.DataType of every top-level tensor the analysis could type (inputs, weights, node outputs). */
  tensorElementTypes: Record<string, number>;
  /** Every weight in the file, all subgraphs included (cost counts only those the analysed path reads). */
  fileParameterCount: number;
  fileWeightBytes: number;
  warnings: string[];
}

/** Options of the synthetic models built in code (tests, calibration, the bundled example). Weights are seeded. */
export interface MlpOptions {
  inputSize: number;
  hiddenSizes: number[];
  outputSize: number;
  seed?: number;
}

export interface CnnOptions {
  /** Square input images, NCHW with 3 channels. */
  imageSize: number;
  /** Channels of each ResNet-style stage; each stage after the first halves the resolution. */
  stageChannels: number[];
  blocksPerStage: number;
  classes: number;
  /** Stride of the 3×3 stem convolution (default 1; 2 quarters every later FLOP, as ResNet's stem does). */
  stemStride?: number;
  /** Keep BatchNormalization nodes after each conv (default false: folded into the conv bias, as exporters do). */
  batchNormalization?: boolean;
  seed?: number;
}

export interface TransformerEncoderOptions {
  sequenceLength: number;
  width: number;
  heads: number;
  layers: number;
  /** Defaults to 4 × width. */
  feedForwardWidth?: number;
  /** The feed-forward activation (default "gelu", built from Erf as exporters emit it for opset 17). */
  activation?: "gelu" | "relu";
  seed?: number;
}

export interface MatMulModelOptions {
  m: number;
  k: number;
  n: number;
  precision: "fp32" | "int8";
  seed?: number;
}

export interface BandwidthModelOptions {
  /** Elements of each of the two float32 operands (and of the result). */
  elements: number;
}

export interface QuantizationResult {
  bytes: Uint8Array;
  quantizedNodes: number;
  skipped: { node: string; operator: string; reason: string }[];
  /** Bytes of all weights in the quantized model (int8 weights, their scales, and what stayed float). */
  weightBytes: number;
  /** One line describing the transform, for the profile's quantization.method. */
  method: string;
  /** Where the model was declared a later opset to take the transform (src/onnx/opset-upgrade.ts). */
  opsetRaised?: { from: number; to: number; rewritten: string[] };
}
