// Every operator the analysis understands, by ONNX op_type (default domain; other domains as "domain.OpType").
// Anything else is an unknown operator:
// 0 FLOPs, listed in the cost and the warnings.
import { convolutionRules } from "./convolution.ts";
import { einsum } from "./einsum.ts";
import { elementwiseRules } from "./elementwise.ts";
import { layoutRules } from "./layout.ts";
import { linearAlgebraRules } from "./linear-algebra.ts";
import { normalizationRules } from "./normalization.ts";
import { onnxruntimeContribRules } from "./onnxruntime-contrib.ts";
import type { OperatorRule } from "./operator-rule.ts";
import { quantizationRules } from "./quantization.ts";
import { recurrentRules } from "./recurrent.ts";
import { valueSourceRules } from "./value-sources.ts";

export const operatorRules: Readonly<Record<string, OperatorRule>> = {
  ...elementwiseRules(),
  ...linearAlgebraRules(),
  ...convolutionRules(),
  ...normalizationRules(),
  ...recurrentRules(),
  ...quantizationRules(),
  ...valueSourceRules(),
  ...layoutRules(),
  ...onnxruntimeContribRules(),
  Einsum: einsum,
};
