// The contract between src/onnx (reading, analysis, building, quantizing models) and its users (bench, CLI).
import type { ModelCost, TensorInfo } from "../domain/profile.ts";

export interface AnalysisOptions {
  /** The batch dimension (the first dimension of inputs whose first dimension is symbolic). */
  batchSize: number;
  /** Values for other symbolic dimensions, by input name (`--shape name=d1,d2`). */
  shapes?: Record<string, number[]>;
  /** Fixed values of scalar / control inputs (`--input sr=16000`), used to resolve If conditions and shapes. */
  inputValues?: Record<string, number | number[]>;
}

export interface ModelAnalysis {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  opset: number;
  /** Concrete shapes of every graph input at the analysed batch size. */
  resolvedInputShapes: Record<string, number[]>;
  /** Per inference (one sample): the batch's totals divided by the batch size. */
  cost: ModelCost;
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
  seed?: number;
}

export interface TransformerEncoderOptions {
  sequenceLength: number;
  width: number;
  heads: number;
  layers: number;
  /** Defaults to 4 × width. */
  feedForwardWidth?: number;
  seed?: number;
}

export interface MatMulModelOptions {
  m: number;
  k: number;
  n: number;
  precision: "fp32" | "int8";
}

export interface QuantizationResult {
  bytes: Uint8Array;
  quantizedNodes: number;
  skipped: { node: string; operator: string; reason: string }[];
  weightBytes: number;
}
