// The quantization operators the INT8 transform emits (and QDQ models carry).
import { DataType } from "../../proto.ts";
import { elementCount } from "../tensor-value.ts";
import type { OperatorRule } from "./operator-rule.ts";

/**
 * DynamicQuantizeLinear: a min and a max scan over the tensor (2 per element), then q = saturate(round(x / s) + z):
 * a multiply by 1/s and an add (2 per element; rounding and saturation are free in the conversion) = 4 per element.
 */
const dynamicQuantizeLinear: OperatorRule = (context) => {
  const shape = context.shape(0);
  return {
    outputs: [
      { elementType: DataType.UINT8, shape },
      { elementType: DataType.FLOAT, shape: [] },
      { elementType: DataType.UINT8, shape: [] },
    ],
    flops: 4 * elementCount(shape),
  };
};

/** QuantizeLinear / DequantizeLinear: a multiply and an add per element. */
function linearQuantization(outputType: (inputType: number, zeroPointType?: number) => number): OperatorRule {
  return (context) => {
    const shape = context.shape(0);
    const zeroPointType = context.has(2) ? context.elementType(2) : undefined;
    return { outputs: [{ elementType: outputType(context.elementType(0), zeroPointType), shape }], flops: 2 * elementCount(shape) };
  };
}

export function quantizationRules(): Record<string, OperatorRule> {
  return {
    DynamicQuantizeLinear: dynamicQuantizeLinear,
    QuantizeLinear: linearQuantization((_, zeroPointType) => zeroPointType ?? DataType.UINT8),
    DequantizeLinear: linearQuantization(() => DataType.FLOAT),
  };
}
