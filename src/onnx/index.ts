// src/onnx: read ONNX models, infer shapes and count their cost, build synthetic models, quantize to INT8.
export type * from "./contract.ts";
export { readModel, modelSha256, serializeModel, type OnnxModel } from "./read-model.ts";
export { analyzeModel } from "./analyze-model.ts";
export { buildMlp } from "./build/mlp.ts";
export { buildCnn } from "./build/cnn.ts";
export { buildTransformerEncoder } from "./build/transformer-encoder.ts";
export { buildMatMulModel, buildBandwidthModel } from "./build/matmul-model.ts";
export { quantizeDynamic, dynamicQuantizationMethod } from "./quantize/dynamic.ts";
export { quantizeStatic, staticQuantizationPoints, staticQuantizationMethod, activationQuantization, type ActivationEncoding } from "./quantize/static.ts";
export { convertToFloat16, float16Bits, float16Method } from "./float16.ts";
export { buildArtifact, type BuiltArtifact } from "./artifact.ts";
