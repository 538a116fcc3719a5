// `--inputs-file F`: a JSON object of input name → number or (nested) array of numbers.
import { WattplanError } from "../errors.ts";
import { readUserText } from "../io/read-file.ts";

const hint = 'write it as {"input_name": [[...]], "other": 16000}';

export async function readInputsFile(path: string): Promise<Record<string, number[]>> {
  const text = await readUserText(path, "inputs file");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the offending text, newlines and all; the message must stay one line.
    const reason = (error as Error).message.replace(/\s+/g, " ").trim();
    throw new WattplanError("INVALID_INPUT", `inputs file ${path} is not JSON: ${reason}`, hint);
  }
  return parseInputsFile(data, path);
}

export function parseInputsFile(data: unknown, label: string): Record<string, number[]> {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new WattplanError("INVALID_INPUT", `inputs file ${label} must hold a JSON object of input name to values`, hint);
  }
  const values: Record<string, number[]> = {};
  for (const [name, value] of Object.entries(data)) {
    const flat: number[] = [];
    flatten(value, name, flat, label);
    values[name] = flat;
  }
  return values;
}

/** Nested arrays flatten in row-major order, as onnxruntime lays tensors out. */
function flatten(value: unknown, path: string, into: number[], label: string): void {
  if (typeof value === "number" && Number.isFinite(value)) into.push(value);
  else if (typeof value === "boolean") into.push(value ? 1 : 0);
  else if (Array.isArray(value)) value.forEach((item, index) => flatten(item, `${path}.${index}`, into, label));
  else throw new WattplanError("INVALID_INPUT", `inputs file ${label}: ${path} is ${JSON.stringify(value)}, not a number`, hint);
}
