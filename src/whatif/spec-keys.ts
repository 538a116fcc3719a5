// Finds what a dotted spec key ("options.batching.maxBatch") holds by walking the spec's zod schema, so --vary can
// tell a list from a single value and reject unknown keys with a suggestion.
import type { z } from "zod";
import { workloadSpecSchema } from "../domain/spec.ts";
import { definitionOf, unwrapSchema as unwrap } from "../plan/spec/schema-keys.ts";
import { WattplanError } from "../errors.ts";
import { suggestNames } from "../text/suggest-names.ts";

/** list: always a list; scalar: one value; either: a value or a list (model.profile); mapping: only as a whole. */
export type SpecKeyShape = "list" | "scalar" | "either" | "mapping";

/** The shape of the value at `key`; throws a one-line error naming the key when the spec has no such key. */
export function specKeyShape(key: string): SpecKeyShape {
  const segments = key.split(".");
  if (segments.some((segment) => segment === "")) throw new WattplanError("INVALID_INPUT", `'${key}' is not a spec key`, "use a dotted path such as options.precisions");
  let schema: z.ZodType = workloadSpecSchema;
  segments.forEach((segment, index) => {
    const object = unwrap(schema);
    const shape = definitionOf(object).shape;
    const known = shape ? Object.keys(shape) : [];
    if (!shape || !Object.hasOwn(shape, segment)) {
      const parent = segments.slice(0, index).join(".");
      const suggestions = suggestNames(segment, known).map((name) => (parent ? `${parent}.${name}` : name));
      const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.join(" or ")}?` : "";
      throw new WattplanError(
        "INVALID_INPUT",
        shape ? `unknown spec key '${key}'${didYouMean}` : `'${key}': ${parent} holds a single value, not keys`,
        shape ? `keys under ${parent || "the spec"}: ${known.join(", ")}` : `vary ${parent} itself`,
      );
    }
    schema = shape[segment];
  });
  return shapeOf(unwrap(schema));
}

function shapeOf(schema: z.ZodType): SpecKeyShape {
  const definition = definitionOf(schema);
  if (definition.type === "array") return "list";
  if (definition.type === "object") return "mapping";
  if (definition.type === "union" && definition.options) {
    const shapes = definition.options.map((option) => shapeOf(unwrap(option)));
    if (shapes.includes("list") && shapes.some((shape) => shape !== "list")) return "either";
    return "scalar";
  }
  return "scalar";
}
