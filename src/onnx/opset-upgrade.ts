// Raising a model's default-domain opset to 13, so that the INT8 transforms can use what they need of it:
// per-channel DequantizeLinear (`axis`, opset 13) and DynamicQuantizeLinear (opset 11). Exporters still write older
// opsets (paddle2onnx 9 and 11, torch.onnx before 2.0 9 to 12, much of the ONNX model zoo 7 to 12), and without this
// their convolutions stayed in float.
//
// Declaring opset 13 changes what some operators mean. Each operator of the default domain needs a rule: it means
// the same at 13 from some opset on (types and defaulted attributes were added, nothing else), or a rewrite turns
// its older form into the opset-13 one (an attribute that became an input becomes an initializer), or the model is
// not upgraded and says why. The rules follow the ONNX operator changelog; test/onnx/opset-upgrade.test.ts runs old
// and upgraded graphs in onnxruntime and compares their outputs. Nodes of other domains are left as they are.
import { tensorProto } from "./build/graph-builder.ts";
import { DataType, toNumber, type AttributeProto, type GraphProto, type NodeProto, type TensorProto } from "./proto.ts";
import { attributeFloat, attributeInt } from "./quantize/common.ts";
import type { OnnxModel } from "./read-model.ts";

export const UPGRADED_OPSET = 13;
/** Before opset 7 the elementwise operators broadcast by attribute, which no rule here rewrites. */
const OLDEST_UPGRADABLE_OPSET = 7;
/** Opset 13 needs IR version 7 (ONNX 1.8). */
const UPGRADED_IR_VERSION = 7;

/** One node's opset-13 form: the nodes that replace it and the initializers they read. */
interface Rewritten {
  nodes: NodeProto[];
  initializers: TensorProto[];
}

/** What a rewrite may need to know of the whole graph. */
interface GraphFacts {
  /** Whether every floating-point tensor the graph can hold is float32 (its inputs, constants, casts, value infos). */
  float32Only: boolean;
}

interface Rule {
  /** The opset from which the operator means at inference what it means at opset 13. */
  sameFrom: number;
  /** The opset-13 form of an older node, or why there is none for this node. */
  rewrite?: (node: NodeProto, graph: GraphFacts) => Rewritten | string;
}

/** Operators that mean the same at 13 from opset 7 on, for inference: later versions only added types or defaulted attributes. */
const unchanged = [
  "Abs", "Acos", "Acosh", "Add", "And", "ArgMax", "ArgMin", "Asin", "Asinh", "Atan", "Atanh", "AveragePool", "Cast", "Ceil", "Celu",
  "Concat", "Constant", "ConstantOfShape", "Conv", "ConvInteger", "ConvTranspose", "Cos", "Cosh", "CumSum", "DepthToSpace",
  "DequantizeLinear", "Div", "DynamicQuantizeLinear", "Einsum", "Elu", "Equal", "Erf", "Exp", "Expand", "EyeLike", "Flatten", "Floor",
  "Gather", "GatherElements", "GatherND", "Gemm", "GlobalAveragePool", "GlobalLpPool", "GlobalMaxPool", "Greater", "GreaterOrEqual",
  "HardSigmoid", "Identity", "InstanceNormalization", "IsInf", "IsNaN", "LeakyRelu", "Less", "LessOrEqual", "Log", "LpNormalization",
  "LRN", "MatMul", "MatMulInteger", "Max", "MaxPool", "Mean", "Min", "Mod", "Mul", "Neg",
  "NonMaxSuppression", "NonZero", "Not", "OneHot", "Or", "Pow", "PRelu", "QLinearConv", "QLinearMatMul", "QuantizeLinear", "Range",
  "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd",
  "ReduceSumSquare", "Relu", "Reshape", "Round", "ScatterElements", "ScatterND", "Selu", "Shape", "Shrink", "Sigmoid", "Sign", "Sin",
  "Sinh", "Size", "Softplus", "Softsign", "SpaceToDepth", "Sqrt", "Sub", "Sum", "Tan", "Tanh", "ThresholdedRelu", "Tile", "Transpose",
  "Where", "Xor",
];

const rules = new Map<string, Rule>([
  ...unchanged.map((operator): [string, Rule] => [operator, { sameFrom: OLDEST_UPGRADABLE_OPSET }]),
  ["BatchNormalization", { sameFrom: 9, rewrite: batchNormalizationWithoutSpatial }],
  ["Clip", { sameFrom: 11, rewrite: (node, graph) => attributesAsInputs(node, [{ name: "min", kind: "float" }, { name: "max", kind: "float" }], graph) }],
  ["Dropout", { sameFrom: 12, rewrite: dropoutWithoutRatio }],
  ["Pad", { sameFrom: 11, rewrite: padWithInputs }],
  ["MeanVarianceNormalization", { sameFrom: 9, rewrite: meanVarianceNormalizationAtDefaults }],
  ["ReduceSum", { sameFrom: 13, rewrite: (node) => attributesAsInputs(node, [{ name: "axes", kind: "int64s" }]) }],
  ["Slice", { sameFrom: 10, rewrite: (node) => attributesAsInputs(node, [{ name: "starts", kind: "int64s" }, { name: "ends", kind: "int64s" }, { name: "axes", kind: "int64s" }]) }],
  ["Split", { sameFrom: 13, rewrite: (node) => attributesAsInputs(node, [{ name: "split", kind: "int64s" }]) }],
  ["Squeeze", { sameFrom: 13, rewrite: (node) => attributesAsInputs(node, [{ name: "axes", kind: "int64s" }]) }],
  ["Unsqueeze", { sameFrom: 13, rewrite: (node) => attributesAsInputs(node, [{ name: "axes", kind: "int64s" }]) }],
  ["Softmax", { sameFrom: 13, rewrite: coercedToTwoDimensions }],
  ["LogSoftmax", { sameFrom: 13, rewrite: coercedToTwoDimensions }],
  ["Hardmax", { sameFrom: 13, rewrite: coercedToTwoDimensions }],
  // No rewrite: Resize before 11 and TopK before 10 meant something else; Upsample became Resize at 10.
  ["Resize", { sameFrom: 11 }],
  ["TopK", { sameFrom: 10 }],
]);

/**
 * Why the model cannot be declared opset 13 as it is rewritten here, or null when it can (or already is). Reads the
 * model only.
 */
export function opsetUpgradeBlocker(model: OnnxModel): string | null {
  const planned = planUpgrade(model);
  return "reason" in planned ? planned.reason : null;
}

/**
 * Declares the model opset 13, rewriting the nodes whose older form means something else there. Returns the
 * operators it rewrote, sorted; the model must have no blocker (opsetUpgradeBlocker).
 */
export function upgradeOpset(model: OnnxModel): string[] {
  const planned = planUpgrade(model);
  if ("reason" in planned) throw new Error(`opset upgrade: ${planned.reason}`);
  if (model.opset >= UPGRADED_OPSET) return [];
  const { proto } = model;
  const graph = (proto.graph ??= {});
  const nodes: NodeProto[] = [];
  for (const node of graph.node ?? []) {
    const rewritten = planned.rewrites.get(node);
    if (!rewritten) {
      nodes.push(node);
      continue;
    }
    nodes.push(...rewritten.nodes);
    (graph.initializer ??= []).push(...rewritten.initializers);
  }
  graph.node = nodes;
  proto.opsetImport = (proto.opsetImport ?? []).map((entry) => (!entry.domain || entry.domain === "ai.onnx" ? { ...entry, version: UPGRADED_OPSET } : entry));
  // Before IR 4 every initializer was also listed as a graph input, as a constant; from IR 4 on, a listed initializer
  // is a default the caller may override, which onnxruntime then cannot fold. They leave the input list.
  if (model.irVersion < 4) {
    const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
    graph.input = (graph.input ?? []).filter((input) => !initializers.has(input.name));
  }
  if (model.irVersion < UPGRADED_IR_VERSION) proto.irVersion = UPGRADED_IR_VERSION;
  model.opset = UPGRADED_OPSET;
  model.irVersion = Math.max(model.irVersion, UPGRADED_IR_VERSION);
  return [...new Set([...planned.rewrites.keys()].map((node) => node.opType ?? ""))].sort();
}

/** What the method line adds when the model was declared a later opset to take the transform. */
export function upgradeNote(fromOpset: number, toOpset: number, rewritten: readonly string[]): string {
  if (toOpset === fromOpset) return "";
  return `; the model's opset ${fromOpset} raised to ${toOpset}${rewritten.length > 0 ? ` (${rewritten.join(", ")} rewritten in their opset-${toOpset} form)` : ""}`;
}

function planUpgrade(model: OnnxModel): { rewrites: Map<NodeProto, Rewritten> } | { reason: string } {
  const from = model.opset;
  const rewrites = new Map<NodeProto, Rewritten>();
  if (from >= UPGRADED_OPSET) return { rewrites };
  if (from < OLDEST_UPGRADABLE_OPSET) return { reason: `opset ${from} is older than ${OLDEST_UPGRADABLE_OPSET}, whose elementwise operators broadcast by attribute` };
  // A local function's body has an opset import of its own, which no rule here reads.
  if ((model.proto.functions?.length ?? 0) > 0) return { reason: "the model defines local functions, whose bodies the upgrade does not rewrite" };
  const graph: GraphProto = model.proto.graph ?? {};
  const facts: GraphFacts = { float32Only: float32Only(graph) };
  for (const node of graph.node ?? []) {
    if (node.domain && node.domain !== "ai.onnx") continue;
    const operator = node.opType ?? "";
    if ((node.attribute ?? []).some((attribute) => attribute.g || (attribute.graphs?.length ?? 0) > 0)) {
      return { reason: `${operator} '${node.name ?? ""}' holds a subgraph, which the upgrade does not rewrite` };
    }
    const rule = rules.get(operator);
    if (!rule) return { reason: `no rule here says what ${operator} (opset ${from}) becomes at opset ${UPGRADED_OPSET}` };
    if (from >= rule.sameFrom) continue;
    if (!rule.rewrite) return { reason: `${operator} changed meaning at opset ${rule.sameFrom} and is not rewritten here` };
    const rewritten = rule.rewrite(node, facts);
    if (typeof rewritten === "string") return { reason: `${operator} '${node.name ?? ""}': ${rewritten}` };
    rewrites.set(node, rewritten);
  }
  return { rewrites };
}

interface MovedAttribute {
  name: string;
  /** "float": a float32 scalar; "int64s": a 1-D int64 tensor. */
  kind: "float" | "int64s";
}

/**
 * The node with these attributes moved to inputs, in this order after its first input: the opset-13 form of Clip
 * (min, max), Slice (starts, ends, axes), Squeeze, Unsqueeze and ReduceSum (axes) and Split (split). An absent
 * attribute becomes an empty input name, or no input when no later one follows, which means its default at 13 too.
 */
function attributesAsInputs(node: NodeProto, moved: MovedAttribute[], graph?: GraphFacts): Rewritten | string {
  // Clip-11's min and max have the data's type, which is known here only in a graph of float32 tensors alone.
  if (moved.some(({ kind, name }) => kind === "float" && attributeNamed(node, name)) && !graph?.float32Only) return floatTypeUnknown;
  const stem = stemOf(node);
  const initializers: TensorProto[] = [];
  const inputs = moved.map(({ name, kind }) => {
    const attribute = attributeNamed(node, name);
    if (!attribute) return "";
    const tensorName = `${stem}/${name}`;
    initializers.push(kind === "float" ? tensorProto(tensorName, [], Float32Array.of(attribute.f ?? 0)) : int64Tensor(tensorName, integersOf(attribute)));
    return tensorName;
  });
  while (inputs.length > 0 && inputs[inputs.length - 1] === "") inputs.pop();
  const names = new Set(moved.map(({ name }) => name));
  return {
    nodes: [{ ...node, input: [(node.input ?? [])[0] ?? "", ...inputs], attribute: (node.attribute ?? []).filter((attribute) => !names.has(attribute.name ?? "")) }],
    initializers,
  };
}

const floatTypeUnknown = "the graph holds floating-point tensors other than float32, and the value that becomes an input must have its data's type";

/** Pad before 11: `pads` and `value` became inputs (mode stays an attribute); `value` has the data's type. */
function padWithInputs(node: NodeProto, graph: GraphFacts): Rewritten | string {
  const stem = stemOf(node);
  const pads = attributeNamed(node, "pads") ?? attributeNamed(node, "paddings");
  if (!pads) return { nodes: [node], initializers: [] };
  if (!graph.float32Only) return floatTypeUnknown;
  const initializers = [int64Tensor(`${stem}/pads`, integersOf(pads)), tensorProto(`${stem}/value`, [], Float32Array.of(attributeFloat(node, "value", 0)))];
  return {
    nodes: [{ ...node, input: [(node.input ?? [])[0] ?? "", `${stem}/pads`, `${stem}/value`], attribute: (node.attribute ?? []).filter((attribute) => attribute.name === "mode") }],
    initializers,
  };
}

/** BatchNormalization before 9 had `spatial` (1 by default), which 9 removed; spatial = 0 has no later form. */
function batchNormalizationWithoutSpatial(node: NodeProto): Rewritten | string {
  if (attributeInt(node, "spatial", 1) !== 1) return "spatial = 0 (one statistic per element) has no later form";
  if ((node.output ?? []).filter(Boolean).length > 1) return "training outputs (running mean and variance) are not rewritten";
  return { nodes: [{ ...node, attribute: (node.attribute ?? []).filter((attribute) => attribute.name !== "spatial" && attribute.name !== "is_test") }], initializers: [] };
}

/**
 * MeanVarianceNormalization before 9 was experimental, with `across_channels` (default 0) and `normalize_variance`
 * (default 1), which 9 removed: at their defaults it means what 9 does; any other value has no later form.
 */
function meanVarianceNormalizationAtDefaults(node: NodeProto): Rewritten | string {
  if (attributeInt(node, "across_channels", 0) !== 0 || attributeInt(node, "normalize_variance", 1) !== 1) return "across_channels = 1 or normalize_variance = 0 has no later form";
  return { nodes: [{ ...node, attribute: (node.attribute ?? []).filter((attribute) => attribute.name !== "across_channels" && attribute.name !== "normalize_variance") }], initializers: [] };
}

/** Dropout before 12 took `ratio` as an attribute; at inference it passes its input through whatever the ratio. */
function dropoutWithoutRatio(node: NodeProto): Rewritten | string {
  if ((node.output ?? [])[1]) return "its mask output changed type at opset 10 and is not rewritten";
  return { nodes: [{ ...node, attribute: (node.attribute ?? []).filter((attribute) => attribute.name !== "ratio" && attribute.name !== "is_test") }], initializers: [] };
}

/**
 * Softmax, LogSoftmax and Hardmax before 13 flattened their input to 2-D at `axis` (1 by default) and normalised
 * the second dimension; at 13 they normalise `axis` alone. The two agree where axis is the last one (-1); otherwise
 * the old meaning is written out: Flatten at axis, the operator over the last axis, and a Reshape back to the input's shape.
 * (Below opset 14 Reshape reads a 0 in the shape as "copy": an input with an empty dimension past the second would
 * fail to reshape. Inference inputs have none.)
 */
function coercedToTwoDimensions(node: NodeProto): Rewritten {
  const axis = attributeInt(node, "axis", 1);
  if (axis === -1) return { nodes: [node], initializers: [] };
  const stem = stemOf(node);
  const input = (node.input ?? [])[0] ?? "";
  const output = (node.output ?? [])[0] ?? "";
  const part = (opType: string, inputs: string[], outputName: string, attribute: AttributeProto[] = []): NodeProto => ({
    opType,
    domain: "",
    name: `${stem}/${opType}`,
    input: inputs,
    output: [outputName],
    attribute,
  });
  return {
    nodes: [
      part("Shape", [input], `${stem}/shape`),
      part("Flatten", [input], `${stem}/flat`, [{ name: "axis", type: 2, i: axis }]),
      part(node.opType ?? "", [`${stem}/flat`], `${stem}/flat_out`, [{ name: "axis", type: 2, i: -1 }]),
      part("Reshape", [`${stem}/flat_out`, `${stem}/shape`], output),
    ],
    initializers: [],
  };
}

const FLOAT_TYPES = new Set<number>([DataType.FLOAT, DataType.FLOAT16, DataType.DOUBLE, DataType.BFLOAT16]);

/**
 * Whether the graph can hold no floating-point tensor but float32: a tensor of another float type comes from an
 * input, an initializer or a Constant, a Cast, or an operator with a `dtype`/`value` of that type, and none does.
 */
function float32Only(graph: GraphProto): boolean {
  const declared = [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])].map((info) => info.type?.tensorType?.elemType ?? DataType.FLOAT);
  const constants = (graph.initializer ?? []).map((tensor) => tensor.dataType ?? DataType.FLOAT);
  const made = (graph.node ?? []).flatMap((node) =>
    (node.attribute ?? []).flatMap((attribute) => {
      if (attribute.t) return [attribute.t.dataType ?? DataType.FLOAT];
      if (attribute.name === "to" || attribute.name === "dtype") return [toNumber(attribute.i)];
      return [];
    }),
  );
  return [...declared, ...constants, ...made].every((type) => !FLOAT_TYPES.has(type) || type === DataType.FLOAT);
}

/** A prefix for the names a rewrite adds: the node's first output is unique in the graph. */
function stemOf(node: NodeProto): string {
  return `${(node.output ?? [])[0] || node.name || node.opType}/opset${UPGRADED_OPSET}`;
}

function attributeNamed(node: NodeProto, name: string): AttributeProto | undefined {
  return (node.attribute ?? []).find((attribute) => attribute.name === name);
}

/** An attribute's integers exactly: Slice's ends are often INT64_MAX, which a double would round past int64. */
function integersOf(attribute: AttributeProto): bigint[] {
  return (attribute.ints ?? []).map((value) => BigInt(typeof value === "number" ? value : value.toString()));
}

function int64Tensor(name: string, values: bigint[]): TensorProto {
  return tensorProto(name, [values.length], BigInt64Array.from(values));
}
