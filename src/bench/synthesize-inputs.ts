// Input tensors for a benchmark: synthesised from the model's input metadata with a seeded generator (so two runs
// feed the same numbers), with control inputs and file-provided values taking precedence.
import { WattplanError } from "../errors.ts";
import type { TensorInfo } from "../domain/profile.ts";
import { float16Bits } from "../onnx/index.ts";
import { tensor, type Feeds } from "./ort-session.ts";

export type InputValue = number | number[];

export interface InputSources {
  /** Concrete shape of every input at this batch size (from the model analysis). */
  resolvedShapes: Record<string, number[]>;
  /** `--input name=value`: a scalar fills the tensor, a list is its flattened contents. */
  controlValues?: Record<string, InputValue>;
  /** From `--inputs-file`: flattened values, either the whole batch or one sample repeated over the batch. */
  fileValues?: Record<string, number[]>;
  batchSize: number;
  seed?: number;
}

/** xorshift32: deterministic and fast; statistical quality is beside the point for benchmark inputs. */
export function seededGenerator(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Irwin–Hall with four uniforms: mean 0, variance 1, bounded at ±3.5; "normal-ish" without a log per sample. */
function normalish(random: () => number): number {
  return (random() + random() + random() + random() - 2) * Math.sqrt(3);
}

export function synthesizeFeeds(inputs: TensorInfo[], sources: InputSources): Feeds {
  const random = seededGenerator(sources.seed ?? 42);
  const feeds: Feeds = {};
  for (const input of inputs) {
    const shape = sources.resolvedShapes[input.name];
    if (!shape) throw new WattplanError("INVALID_INPUT", `no shape for input '${input.name}'`, `give it in shapes: { ${input.name}: [d1, d2, ...] }`, { option: "shapes", entry: input.name, example: "d1,d2,..." });
    const count = shape.reduce((product, dimension) => product * dimension, 1);
    const values = providedValues(input.name, count, sources);
    feeds[input.name] = makeTensor(input, shape, count, values, random);
  }
  return feeds;
}

function providedValues(name: string, count: number, sources: InputSources): number[] | null {
  const control = sources.controlValues?.[name];
  if (control !== undefined) {
    if (typeof control === "number") return new Array<number>(count).fill(control);
    if (control.length === count) return control;
    if (control.length === 1) return new Array<number>(count).fill(control[0]);
    throw new WattplanError("INVALID_INPUT", `the value given for input '${name}' has ${control.length} elements but the input holds ${count}`, `give one value or ${count}`);
  }
  const fromFile = sources.fileValues?.[name];
  if (fromFile !== undefined) {
    if (fromFile.length === count) return fromFile;
    const perSample = count / sources.batchSize;
    if (Number.isInteger(perSample) && fromFile.length === perSample) {
      return Array.from({ length: count }, (_, index) => fromFile[index % perSample]);
    }
    if (fromFile.length === 1) return new Array<number>(count).fill(fromFile[0]);
    throw new WattplanError(
      "INVALID_INPUT",
      `inputs file gives ${fromFile.length} values for '${name}', which holds ${count} at batch ${sources.batchSize}`,
      `give ${count} values (the whole batch) or ${perSample} (one sample, repeated)`,
    );
  }
  return null;
}

function makeTensor(input: TensorInfo, shape: number[], count: number, values: number[] | null, random: () => number) {
  const type = input.elementType;
  const isMask = /mask/i.test(input.name);
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low));
  switch (type) {
    case "float32":
    case "float64": {
      const data = type === "float32" ? new Float32Array(count) : new Float64Array(count);
      for (let index = 0; index < count; index++) data[index] = values ? values[index] : isMask ? 1 : normalish(random);
      return tensor(type, data, shape);
    }
    case "float16": {
      const data = new Uint16Array(count);
      for (let index = 0; index < count; index++) data[index] = float16Bits(values ? values[index] : normalish(random));
      return tensor(type, data, shape);
    }
    case "int64":
    case "uint64": {
      const data = type === "int64" ? new BigInt64Array(count) : new BigUint64Array(count);
      // Token ids, indices, lengths: small non-negative integers are valid for nearly every such input.
      for (let index = 0; index < count; index++) data[index] = BigInt(Math.trunc(values ? values[index] : isMask ? 1 : integer(0, 16)));
      return tensor(type, data, shape);
    }
    case "int32":
    case "uint32":
    case "int16":
    case "uint16":
    case "int8":
    case "uint8": {
      const constructors = { int32: Int32Array, uint32: Uint32Array, int16: Int16Array, uint16: Uint16Array, int8: Int8Array, uint8: Uint8Array };
      const data = new constructors[type](count);
      for (let index = 0; index < count; index++) data[index] = values ? values[index] : isMask ? 1 : integer(0, 16);
      return tensor(type, data, shape);
    }
    case "bool": {
      const data = new Uint8Array(count);
      for (let index = 0; index < count; index++) data[index] = values ? (values[index] ? 1 : 0) : 1;
      return tensor(type, data, shape);
    }
    default:
      throw new WattplanError("INVALID_MODEL", `input '${input.name}' has element type ${type}, which the benchmark cannot synthesise`, "use a model with numeric inputs");
  }
}
