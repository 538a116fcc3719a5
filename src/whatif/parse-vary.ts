import { WattplanError } from "../errors.ts";
import { specKeyShape } from "./spec-keys.ts";
import type { VariationAxis } from "./types.ts";

/**
 * Parses a variation, `key=v1,v2`: a comma separates variations, `;` separates the items of one list value, so
 * `constraints.regions.allow='eu-*;europe-*,us-*'` is two variations. Numbers and booleans become numbers and
 * booleans; a key that holds a list always gets a list, even of one item.
 */
export function parseVary(argument: string): VariationAxis {
  const equals = argument.indexOf("=");
  if (equals <= 0) throw new WattplanError("INVALID_INPUT", `variation '${argument}': expected key=value1,value2`, "for example options.precisions=fp32,int8", { option: "vary", example: "options.precisions='fp32,int8'" });
  const key = argument.slice(0, equals).trim();
  const shape = specKeyShape(key);
  if (shape === "mapping") throw new WattplanError("INVALID_INPUT", `variation of ${key}: ${key} is a group of keys; vary one of them`, `for example ${key}.<key>=...`, { option: "vary", example: `${key}.<key>=...` });
  const texts = argument.slice(equals + 1).split(",").map((text) => text.trim());
  if (texts.some((text) => text === "")) throw new WattplanError("INVALID_INPUT", `variation of ${key}: empty value in '${argument.slice(equals + 1)}'`, "separate values with single commas: key=a,b");
  const values = texts.map((text) => {
    const items = text.split(";").map((item) => item.trim()).filter((item) => item !== "");
    if (shape === "list" || (shape === "either" && items.length > 1)) return items.map(parseScalar);
    if (items.length > 1) throw new WattplanError("INVALID_INPUT", `variation of ${key}: '${text}' is a list, but ${key} takes one value`, "use ',' between variations; ';' only inside list values");
    return parseScalar(text);
  });
  return { key, values };
}

export function parseScalar(text: string): string | number | boolean | null {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  return text;
}

/** How a value is written on the command line: lists joined by ';'. */
export function formatVaryValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatVaryValue).join(";");
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}
