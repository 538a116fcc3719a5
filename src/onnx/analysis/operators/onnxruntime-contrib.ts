// Operators of onnxruntime's com.microsoft domain, found in models saved after onnxruntime's graph optimizations
// (fused convolutions, attention, quantized products). Counted with the same formulas as their standard forms.
import { DataType } from "../../proto.ts";
import { elementCount, ShapeUnknownError } from "../tensor-value.ts";
import type { NodeContext } from "../node-context.ts";
import { convolutionRules } from "./convolution.ts";
import { matMulShape } from "./linear-algebra.ts";
import type { OperatorRule } from "./operator-rule.ts";

const shapePreserving = (perElement: number): OperatorRule => (context) => {
  const shape = context.shape(0);
  return { outputs: [{ elementType: context.elementType(0), shape }], flops: perElement * elementCount(shape) };
};

function transposedLast(shape: number[], transpose: boolean): number[] {
  if (!transpose || shape.length < 2) return shape;
  return [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]];
}

/** FusedMatMul: alpha · op(A) · op(B) with optional transposes of the last two axes. */
const fusedMatMul: OperatorRule = (context) => {
  const { shape, flops } = matMulShape(transposedLast(context.shape(0), context.int("transA", 0) === 1), transposedLast(context.shape(1), context.int("transB", 0) === 1));
  return { outputs: [{ elementType: context.elementType(0), shape }], flops, multiplyAccumulates: flops / 2 };
};

const quantizedMatMul = (outputType: (context: NodeContext) => number): OperatorRule => (context) => {
  const { shape, flops } = matMulShape(context.shape(0), context.shape(1));
  return { outputs: [{ elementType: outputType(context), shape }], flops, multiplyAccumulates: flops / 2 };
};

/** SkipLayerNormalization: LayerNorm(input + skip [+ bias]): 1 add more per element than LayerNormalization. */
const skipLayerNormalization: OperatorRule = (context) => {
  const shape = context.shape(0);
  const perElement = 1 + 6 + (context.has(3) ? 1 : 0) + (context.has(4) ? 1 : 0);
  return { outputs: [{ elementType: context.elementType(0), shape }], flops: perElement * elementCount(shape) };
};

/**
 * Attention(input [B, S, hidden], weights [hidden, 3·hidden], bias): the Q, K, V projection 2·B·S·hidden·3·hidden
 * (+ 3·B·S·hidden bias), scores and context 2 · 2·B·S·S·hidden, softmax 5·B·heads·S·S.
 */
const attention: OperatorRule = (context) => {
  const [batch, sequence, hidden] = context.shape(0);
  const [, projected] = context.shape(1);
  const heads = context.int("num_heads", 0);
  if (!heads || projected !== 3 * hidden) throw new ShapeUnknownError(`${context.name}: unsupported Attention layout`);
  const projection = 2 * batch * sequence * hidden * projected + (context.has(2) ? batch * sequence * projected : 0);
  const scoresAndContext = 2 * 2 * batch * sequence * sequence * hidden;
  const softmax = 5 * batch * heads * sequence * sequence;
  return {
    outputs: [{ elementType: context.elementType(0), shape: [batch, sequence, hidden] }],
    flops: projection + scoresAndContext + softmax,
    multiplyAccumulates: batch * sequence * hidden * projected + scoresAndContext / 2,
  };
};

export function onnxruntimeContribRules(): Record<string, OperatorRule> {
  const conv = convolutionRules().Conv;
  return {
    "com.microsoft.FusedConv": conv,
    "com.microsoft.NchwcConv": conv,
    "com.microsoft.FusedMatMul": fusedMatMul,
    "com.microsoft.DynamicQuantizeMatMul": quantizedMatMul(() => DataType.FLOAT),
    "com.microsoft.MatMulIntegerToFloat": quantizedMatMul(() => DataType.FLOAT),
    "com.microsoft.Gelu": shapePreserving(1),
    "com.microsoft.FastGelu": shapePreserving(1),
    "com.microsoft.BiasGelu": shapePreserving(2),
    "com.microsoft.QuickGelu": shapePreserving(1),
    "com.microsoft.SkipLayerNormalization": skipLayerNormalization,
    "com.microsoft.Attention": attention,
  };
}
