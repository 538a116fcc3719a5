// One node's view of the analysis: its inputs' values and its attributes, with accessors that say what is missing.
import { WattplanError } from "../../errors.ts";
import { toNumber, type GraphProto, type NodeProto } from "../proto.ts";
import { tensorValues, tensorDims } from "../tensor-data.ts";
import { ShapeUnknownError, type TensorValue } from "./tensor-value.ts";

export class NodeContext {
  constructor(
    readonly node: NodeProto,
    private readonly inputValues: (TensorValue | undefined)[],
    readonly opset: number,
  ) {}

  get name(): string {
    return this.node.name || `${this.node.opType}(${(this.node.output ?? [])[0] ?? "?"})`;
  }

  get inputCount(): number {
    return this.inputValues.length;
  }

  /** Whether the optional input at `index` was given (ONNX marks omitted optional inputs with an empty name). */
  has(index: number): boolean {
    return index < this.inputValues.length && this.inputValues[index] !== undefined;
  }

  input(index: number): TensorValue {
    const value = this.inputValues[index];
    if (!value) throw new ShapeUnknownError(`input ${index} of ${this.name} is missing`);
    return value;
  }

  optionalInput(index: number): TensorValue | undefined {
    return this.inputValues[index];
  }

  shape(index: number): number[] {
    const shape = this.input(index).shape;
    if (!shape) throw new ShapeUnknownError(`the shape of ${this.inputName(index)} is unknown`);
    return shape;
  }

  elementType(index: number): number {
    return this.input(index).elementType;
  }

  /**
   * The contents of an input the output shape depends on (a Reshape target, a Range limit). If they are unknown
   * because a graph input was given no value, that is the user's to fix: say which input and which flag.
   */
  data(index: number): number[] {
    const value = this.input(index);
    if (value.data) return value.data;
    if (value.missingValueOf) {
      throw new WattplanError(
        "INVALID_INPUT",
        `the value of input '${value.missingValueOf}' is needed to infer shapes (at ${this.node.opType} node ${this.name}) but was not given`,
        `give its value (inputValues.${value.missingValueOf}; model.inputs.${value.missingValueOf} in a spec)`,
        { option: "inputValues", entry: value.missingValueOf, example: "VALUE" },
      );
    }
    throw new ShapeUnknownError(`the contents of ${this.inputName(index)} are not known statically`);
  }

  optionalData(index: number): number[] | undefined {
    return this.has(index) ? this.data(index) : undefined;
  }

  inputName(index: number): string {
    return `'${(this.node.input ?? [])[index] ?? `#${index}`}'`;
  }

  private attribute(name: string) {
    return (this.node.attribute ?? []).find((attribute) => attribute.name === name);
  }

  hasAttribute(name: string): boolean {
    return this.attribute(name) !== undefined;
  }

  int(name: string, fallback: number): number {
    const attribute = this.attribute(name);
    return attribute ? toNumber(attribute.i) : fallback;
  }

  ints(name: string): number[] | undefined {
    const attribute = this.attribute(name);
    return attribute ? (attribute.ints ?? []).map((value) => toNumber(value)) : undefined;
  }

  float(name: string, fallback: number): number {
    const attribute = this.attribute(name);
    return attribute ? (attribute.f ?? 0) : fallback;
  }

  floats(name: string): number[] | undefined {
    const attribute = this.attribute(name);
    return attribute ? [...(attribute.floats ?? [])] : undefined;
  }

  string(name: string, fallback: string): string {
    const attribute = this.attribute(name);
    return attribute?.s ? new TextDecoder().decode(attribute.s) : fallback;
  }

  graph(name: string): GraphProto | undefined {
    return this.attribute(name)?.g ?? undefined;
  }

  tensorAttribute(name: string): { dims: number[]; dataType: number; values?: number[] } | undefined {
    const tensor = this.attribute(name)?.t;
    if (!tensor) return undefined;
    return { dims: tensorDims(tensor), dataType: tensor.dataType ?? 0, values: tensorValues(tensor) };
  }

  /** Axes given as an attribute (older opsets) or as the input at `inputIndex` (newer ones). */
  axes(inputIndex: number): number[] | undefined {
    if (this.has(inputIndex)) return this.data(inputIndex);
    return this.ints("axes");
  }
}
