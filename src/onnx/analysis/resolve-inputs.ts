// Turns the model's declared inputs (with symbolic dimensions) into concrete shapes and values, from the batch
// size, `--shape name=d1,d2` and `--input name=value`. Anything still unknown is the user's to supply: say which.
import { WattplanError, type ErrorDetail } from "../../errors.ts";
import type { TensorInfo } from "../../domain/profile.ts";
import type { AnalysisOptions } from "../contract.ts";
import { elementTypeName, toNumber, type ValueInfoProto } from "../proto.ts";

export interface DeclaredInput {
  name: string;
  elementType: number;
  /** undefined when the model declares no shape at all. */
  dimensions?: { value?: number; parameter?: string }[];
}

export interface ResolvedInputs {
  shapes: Record<string, number[]>;
  values: Record<string, number[]>;
  /** Whether any input has a batch dimension; when none does, the batch size does not divide the counts. */
  hasBatchDimension: boolean;
  warnings: string[];
}

export function declaredInput(info: ValueInfoProto): DeclaredInput {
  const tensorType = info.type?.tensorType;
  const dims = tensorType?.shape?.dim;
  return {
    name: info.name ?? "",
    elementType: tensorType?.elemType ?? 0,
    dimensions: dims
      ? dims.map((dimension) => ({
          value: dimension.dimValue !== undefined && dimension.dimValue !== null && toNumber(dimension.dimValue) > 0 ? toNumber(dimension.dimValue) : undefined,
          parameter: dimension.dimParam || undefined,
        }))
      : undefined,
  };
}

/** The input as the profile lists it: fixed dimensions as numbers, symbolic ones by name ("?" when unnamed). */
export function tensorInfo(input: DeclaredInput): TensorInfo {
  return {
    name: input.name,
    elementType: elementTypeName(input.elementType),
    shape: (input.dimensions ?? []).map((dimension) => dimension.value ?? dimension.parameter ?? "?"),
  };
}

const batchParameterPattern = /^(batch|batch_size|batchsize|batch_dim)$/i;

/**
 * Which axis of an input is the batch: the one named like a batch ("batch", "batch_size") wherever it sits (RNN
 * inputs are [sequence, batch, features]); otherwise the first axis when it is symbolic; otherwise none.
 */
function batchAxis(input: DeclaredInput): number | undefined {
  const dimensions = input.dimensions ?? [];
  const named = dimensions.findIndex((dimension) => dimension.value === undefined && dimension.parameter && batchParameterPattern.test(dimension.parameter));
  if (named >= 0) return named;
  return dimensions.length > 0 && dimensions[0].value === undefined ? 0 : undefined;
}

export function resolveInputs(inputs: DeclaredInput[], options: AnalysisOptions, label: string): ResolvedInputs {
  const warnings: string[] = [];
  const inputNames = inputs.map((input) => input.name);
  const parameterNames = new Set(inputs.flatMap((input) => (input.dimensions ?? []).map((dimension) => dimension.parameter).filter((name): name is string => !!name)));
  const unknownKey = (option: "shapes" | "inputValues", key: string) =>
    new WattplanError(
      "INVALID_INPUT",
      `${option === "shapes" ? "a shape" : "a value"} is given for '${key}', which is not an input of ${label} (its inputs: ${inputNames.join(", ")})`,
      `use one of: ${inputNames.join(", ")}`,
    );

  // Named dimensions: the batch name(s), then shapes keyed by a dimension name instead of an input.
  const namedDimensions = new Map<string, number>();
  const batchAxes = new Map<string, number>();
  for (const input of inputs) {
    const axis = batchAxis(input);
    if (axis === undefined) continue;
    batchAxes.set(input.name, axis);
    const parameter = input.dimensions?.[axis]?.parameter;
    if (parameter) namedDimensions.set(parameter, options.batchSize);
  }
  const hasBatchDimension = batchAxes.size > 0;
  for (const [key, value] of Object.entries(options.shapes ?? {})) {
    if (inputNames.includes(key)) continue;
    if (parameterNames.has(key) && value.length === 1) namedDimensions.set(key, value[0]);
    else throw unknownKey("shapes", key);
  }
  for (const key of Object.keys(options.inputValues ?? {})) if (!inputNames.includes(key)) throw unknownKey("inputValues", key);

  const shapes: Record<string, number[]> = {};
  const values: Record<string, number[]> = {};
  for (const input of inputs) {
    const given = options.inputValues?.[input.name];
    if (given !== undefined) values[input.name] = Array.isArray(given) ? given : [given];
    shapes[input.name] = resolveShape(input, options, namedDimensions, batchAxes.get(input.name), values[input.name], warnings);
    const value = values[input.name];
    if (value && value.length !== shapes[input.name].reduce((product, dimension) => product * dimension, 1)) {
      throw new WattplanError(
        "INVALID_INPUT",
        `the value given for input '${input.name}' has ${value.length} element(s) but the input's shape is [${shapes[input.name].join(", ")}]`,
        "give one value per element (a scalar input takes one)",
      );
    }
  }
  return { shapes, values, hasBatchDimension, warnings };
}

function resolveShape(
  input: DeclaredInput,
  options: AnalysisOptions,
  namedDimensions: Map<string, number>,
  batchAxisOfInput: number | undefined,
  value: number[] | undefined,
  warnings: string[],
): number[] {
  const dimensions = input.dimensions;
  const given = options.shapes?.[input.name];
  if (!dimensions) {
    if (given) return given;
    if (value) return value.length === 1 ? [] : [value.length];
    throw new WattplanError("INVALID_INPUT", `input '${input.name}' has no declared shape`, shapeHint(input.name, "d1,d2,..."), shapeDetail(input.name, "d1,d2,..."));
  }
  if (given) {
    let full: number[] | undefined;
    if (given.length === dimensions.length) full = [...given];
    else if (batchAxisOfInput !== undefined && given.length === dimensions.length - 1) {
      full = [...given];
      full.splice(batchAxisOfInput, 0, options.batchSize);
    }
    if (!full) {
      throw new WattplanError(
        "INVALID_INPUT",
        `the shape given for input '${input.name}' has ${given.length} dimension(s) but the input has ${dimensions.length} (${describe(dimensions)})`,
        shapeHint(input.name, example(dimensions, options.batchSize, batchAxisOfInput)),
        shapeDetail(input.name, example(dimensions, options.batchSize, batchAxisOfInput)),
      );
    }
    if (batchAxisOfInput !== undefined) {
      // Writing the batch as 1 in a shape is the usual way to say "per sample"; any other number is worth a note.
      const written = full[batchAxisOfInput];
      if (written !== options.batchSize && written !== 1) {
        warnings.push(`the shape given for input '${input.name}': dimension ${batchAxisOfInput} is the batch, set by the batch size (${options.batchSize}), not ${written}`);
      }
      full[batchAxisOfInput] = options.batchSize;
    }
    dimensions.forEach((dimension, index) => {
      if (dimension.value !== undefined && dimension.value !== full[index]) {
        throw new WattplanError(
          "INVALID_INPUT",
          `the shape given for input '${input.name}': dimension ${index} is fixed to ${dimension.value} by the model, not ${full[index]}`,
          shapeHint(input.name, example(dimensions, options.batchSize, batchAxisOfInput)),
          shapeDetail(input.name, example(dimensions, options.batchSize, batchAxisOfInput)),
        );
      }
    });
    return full;
  }
  return dimensions.map((dimension, index) => {
    if (dimension.value !== undefined) return dimension.value;
    if (index === batchAxisOfInput) return options.batchSize;
    const named = dimension.parameter ? namedDimensions.get(dimension.parameter) : undefined;
    if (named !== undefined) return named;
    const which = dimension.parameter ? `'${dimension.parameter}'` : "(unnamed)";
    throw new WattplanError(
      "INVALID_INPUT",
      `dimension ${index} ${which} of input '${input.name}' is not fixed by the model`,
      shapeHint(input.name, example(dimensions, options.batchSize, batchAxisOfInput)),
      shapeDetail(input.name, example(dimensions, options.batchSize, batchAxisOfInput)),
    );
  });
}

function shapeHint(inputName: string, example: string): string {
  return `give it in shapes: { ${inputName}: [${example.split(",").join(", ")}] }`;
}

function shapeDetail(inputName: string, example: string): ErrorDetail {
  return { option: "shapes", entry: inputName, example };
}

function describe(dimensions: { value?: number; parameter?: string }[]): string {
  return `[${dimensions.map((dimension) => dimension.value ?? dimension.parameter ?? "?").join(", ")}]`;
}

/** A shape to copy: known dimensions filled in, the unknown ones as their names ("1,sequence,16"). */
function example(dimensions: { value?: number; parameter?: string }[], batchSize: number, batchAxisOfInput: number | undefined): string {
  return dimensions
    .map((dimension, index) => dimension.value ?? (index === batchAxisOfInput ? batchSize : (dimension.parameter ?? `D${index}`)))
    .join(",");
}
