// Convolutions and pooling over N-d spatial inputs laid out [batch, channels, ...spatial].
import { DataType } from "../../proto.ts";
import type { NodeContext } from "../node-context.ts";
import { elementCount, ShapeUnknownError } from "../tensor-value.ts";
import type { OperatorRule } from "./operator-rule.ts";

interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  padsBegin: number[];
  padsEnd: number[];
  autoPad: string;
}

function windowOf(context: NodeContext, spatialRank: number, kernelFromWeights?: number[]): Window {
  const kernel = context.ints("kernel_shape") ?? kernelFromWeights;
  if (!kernel) throw new ShapeUnknownError(`${context.name} has no kernel_shape`);
  const pads = context.ints("pads") ?? new Array(2 * spatialRank).fill(0);
  return {
    kernel,
    strides: context.ints("strides") ?? new Array(spatialRank).fill(1),
    dilations: context.ints("dilations") ?? new Array(spatialRank).fill(1),
    padsBegin: pads.slice(0, spatialRank),
    padsEnd: pads.slice(spatialRank),
    autoPad: context.string("auto_pad", "NOTSET"),
  };
}

/** Output size along each spatial axis: floor((in + pads − effective kernel) / stride) + 1 (ceil for ceil_mode). */
function windowOutputSpatial(inputSpatial: number[], window: Window, ceilMode = false): number[] {
  return inputSpatial.map((size, axis) => {
    const stride = window.strides[axis];
    const effectiveKernel = window.dilations[axis] * (window.kernel[axis] - 1) + 1;
    if (window.autoPad === "SAME_UPPER" || window.autoPad === "SAME_LOWER") return Math.ceil(size / stride);
    if (window.autoPad === "VALID") return Math.floor((size - effectiveKernel) / stride) + 1;
    const span = size + window.padsBegin[axis] + window.padsEnd[axis] - effectiveKernel;
    const output = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
    // With ceil_mode, a last window starting inside the right padding is dropped (onnx reference behaviour).
    if (ceilMode && (output - 1) * stride >= size + window.padsBegin[axis]) return output - 1;
    return output;
  });
}

/**
 * Conv: X [N, C, ...in], W [M, C/group, ...k], optional bias [M].
 * FLOPs = 2 · N · M · Π(out) · (C/group) · Π(k): each output element is a dot product over its receptive field
 * (C/group input channels × kernel taps), a multiply-add each; + N · M · Π(out) to add the bias when given.
 */
function convRule(inputIndex: number, weightIndex: number, biasIndex: number | undefined, outputType?: number): OperatorRule {
  return (context) => {
    const [batch, channels, ...inputSpatial] = context.shape(inputIndex);
    const [outputChannels, channelsPerGroup, ...kernelFromWeights] = context.shape(weightIndex);
    const group = context.int("group", 1);
    if (channelsPerGroup * group !== channels) {
      throw new ShapeUnknownError(`${context.name}: ${channels} input channels do not match weights [${outputChannels}, ${channelsPerGroup}, …] with group ${group}`);
    }
    const window = windowOf(context, inputSpatial.length, kernelFromWeights);
    const outputSpatial = windowOutputSpatial(inputSpatial, window);
    const outputElements = batch * outputChannels * elementCount(outputSpatial);
    const macs = outputElements * channelsPerGroup * elementCount(window.kernel);
    const biasFlops = biasIndex !== undefined && context.has(biasIndex) ? outputElements : 0;
    return {
      outputs: [{ elementType: outputType ?? context.elementType(inputIndex), shape: [batch, outputChannels, ...outputSpatial] }],
      flops: 2 * macs + biasFlops,
      multiplyAccumulates: macs,
    };
  };
}

/**
 * ConvTranspose: X [N, C, ...in], W [C, M/group, ...k]. Each input element scatters into (M/group) × Π(k) outputs,
 * a multiply-add each: FLOPs = 2 · N · C · Π(in) · (M/group) · Π(k), + N · M · Π(out) for the bias.
 * Output size: stride · (in − 1) + output_padding + dilation · (k − 1) + 1 − pads (or output_shape when given).
 */
const convTranspose: OperatorRule = (context) => {
  const [batch, channels, ...inputSpatial] = context.shape(0);
  const [, outputChannelsPerGroup, ...kernelFromWeights] = context.shape(1);
  const group = context.int("group", 1);
  const window = windowOf(context, inputSpatial.length, kernelFromWeights);
  const outputPadding = context.ints("output_padding") ?? new Array(inputSpatial.length).fill(0);
  const outputSpatial =
    context.ints("output_shape")?.slice(-inputSpatial.length) ??
    inputSpatial.map((size, axis) => {
      if (window.autoPad === "SAME_UPPER" || window.autoPad === "SAME_LOWER") return size * window.strides[axis];
      const pads = window.autoPad === "VALID" ? 0 : window.padsBegin[axis] + window.padsEnd[axis];
      return window.strides[axis] * (size - 1) + outputPadding[axis] + window.dilations[axis] * (window.kernel[axis] - 1) + 1 - pads;
    });
  const outputChannels = outputChannelsPerGroup * group;
  const macs = batch * channels * elementCount(inputSpatial) * outputChannelsPerGroup * elementCount(window.kernel);
  const biasFlops = context.has(2) ? batch * outputChannels * elementCount(outputSpatial) : 0;
  return { outputs: [{ elementType: context.elementType(0), shape: [batch, outputChannels, ...outputSpatial] }], flops: 2 * macs + biasFlops, multiplyAccumulates: macs };
};

/** MaxPool / AveragePool / LpPool: one comparison or add per window tap: FLOPs = N · C · Π(out) · Π(k). */
const pool: OperatorRule = (context) => {
  const [batch, channels, ...inputSpatial] = context.shape(0);
  const window = windowOf(context, inputSpatial.length);
  const outputSpatial = windowOutputSpatial(inputSpatial, window, context.int("ceil_mode", 0) === 1);
  const shape = [batch, channels, ...outputSpatial];
  return {
    outputs: [
      { elementType: context.elementType(0), shape },
      { elementType: DataType.INT64, shape },
    ],
    flops: elementCount(shape) * elementCount(window.kernel),
  };
};

/** Global pooling reads every input element once: FLOPs = N · C · Π(spatial). */
const globalPool: OperatorRule = (context) => {
  const shape = context.shape(0);
  const [batch, channels, ...spatial] = shape;
  return { outputs: [{ elementType: context.elementType(0), shape: [batch, channels, ...spatial.map(() => 1)] }], flops: elementCount(shape) };
};

export function convolutionRules(): Record<string, OperatorRule> {
  return {
    Conv: convRule(0, 1, 2),
    ConvInteger: convRule(0, 1, undefined, DataType.INT32),
    QLinearConv: convRule(0, 3, 8),
    ConvTranspose: convTranspose,
    MaxPool: pool,
    AveragePool: pool,
    LpPool: pool,
    GlobalAveragePool: globalPool,
    GlobalMaxPool: globalPool,
    GlobalLpPool: globalPool,
  };
}
