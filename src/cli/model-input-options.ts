// --shape and --input, shared by `bench` and `plan`: the dimensions and control values a model cannot tell itself.
import { Option } from "commander";
import { WattplanError } from "../errors.ts";

export interface ModelInputFlags {
  shape?: string[];
  input?: string[];
}

/** Commander's argParser for a repeatable option: every value, in order. */
export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function shapeOption(): Option {
  return new Option("--shape <name=d1,d2>", "concrete dimensions of an input (or one named dimension) with symbolic ones (repeatable)").argParser(collect);
}

export function inputOption(): Option {
  return new Option("--input <name=value>", "a fixed value for a scalar or control input, e.g. sr=16000 (repeatable)").argParser(collect);
}

/** `--shape input=1,512 --shape seq=128` → { input: [1, 512], seq: [128] }. */
export function parseShapeFlags(assignments: readonly string[]): Record<string, number[]> {
  return parseAssignments(assignments, "--shape", (text, name) => {
    // A shape copied from the "not fixed by the model" hint still holds the dimensions' names (or D2-style
    // placeholders for unnamed ones): say which to replace, and how.
    const items = splitList(text, `--shape ${name}`);
    const placeholder = items.find((item) => Number.isNaN(Number(item)));
    if (placeholder !== undefined) {
      const example = items.map((item) => (Number.isNaN(Number(item)) ? "N" : item)).join(",");
      const named = /^[A-Za-z_][\w.:-]*$/.test(placeholder) && !/^D\d+$/.test(placeholder) && placeholder !== "N";
      throw new WattplanError(
        "INVALID_INPUT",
        `--shape ${name}: '${placeholder}' is ${named ? "a dimension's name, not its size" : "not a size"}`,
        `give a number for each dimension the model leaves open, --shape ${name}=${example}${named ? `, or that named dimension alone, --shape ${placeholder}=N` : ""}`,
      );
    }
    return parseIntegerList(text, `--shape ${name}`, true);
  });
}

/** `--input sr=16000 --input mask=1,0` → { sr: 16000, mask: [1, 0] }. */
export function parseInputFlags(assignments: readonly string[]): Record<string, number | number[]> {
  return parseAssignments(assignments, "--input", (text, name) => {
    const values = parseNumberList(text, `--input ${name}`);
    return values.length === 1 ? values[0] : values;
  });
}

function parseAssignments<T>(assignments: readonly string[], flag: string, parseValue: (text: string, name: string) => T): Record<string, T> {
  const result: Record<string, T> = {};
  for (const assignment of assignments) {
    const separator = assignment.indexOf("=");
    const name = assignment.slice(0, separator).trim();
    if (separator <= 0 || name === "") throw new WattplanError("INVALID_INPUT", `${flag} '${assignment}' is not name=value`, `for example ${flag === "--shape" ? "--shape input=1,512" : "--input sr=16000"}`);
    Object.defineProperty(result, name, { value: parseValue(assignment.slice(separator + 1), name), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

export function parseIntegerList(text: string, flag: string, allowZero = false): number[] {
  return splitList(text, flag).map((item) => {
    const value = Number(item);
    if (!/^\d+$/.test(item) || !Number.isSafeInteger(value) || (!allowZero && value === 0)) {
      throw new WattplanError("INVALID_INPUT", `${flag} takes ${allowZero ? "non-negative" : "positive"} integers, not '${item}'`, `for example ${flag.startsWith("--shape") ? "--shape input=1,512" : `${flag} 1,8`}`);
    }
    return value;
  });
}

function parseNumberList(text: string, flag: string): number[] {
  return splitList(text, flag).map((item) => {
    const value = Number(item);
    if (item === "" || !Number.isFinite(value)) throw new WattplanError("INVALID_INPUT", `${flag} takes numbers, not '${item}'`, "for example --input sr=16000");
    return value;
  });
}

export function splitList(text: string, flag: string): string[] {
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) throw new WattplanError("INVALID_INPUT", `${flag} '${text}' has an empty item`, "give a comma-separated list without gaps");
  return items;
}
