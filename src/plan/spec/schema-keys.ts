// Walking the spec's zod schema by key path: which keys a mapping allows, so a misspelt key gets "did you mean"
// like every other name, and --vary can tell a list from a single value.
import type { z } from "zod";

export interface SchemaDefinition {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
}

export function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

/** Strips optional/default/nullable/pipe wrappers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const definition = definitionOf(current);
    if (definition.innerType && ["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"].includes(definition.type)) current = definition.innerType;
    else if (definition.type === "pipe" && definition.in) current = definition.in;
    else return current;
  }
}

/** The keys the mapping at `path` allows (through list items and union members); [] where there is no such mapping. */
export function knownKeysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  let schemas = [root];
  for (const segment of path) {
    schemas = schemas.flatMap((schema) => childSchemas(unwrapSchema(schema), segment));
  }
  return [...new Set(schemas.flatMap((schema) => objectsOf(unwrapSchema(schema)).flatMap((object) => Object.keys(definitionOf(object).shape ?? {}))))];
}

function childSchemas(schema: z.ZodType, segment: PropertyKey): z.ZodType[] {
  const definition = definitionOf(schema);
  if (definition.type === "array" && definition.element && typeof segment === "number") return [definition.element];
  return objectsOf(schema).flatMap((object) => {
    const shape = definitionOf(object).shape ?? {};
    return typeof segment === "string" && Object.hasOwn(shape, segment) ? [shape[segment]] : [];
  });
}

function objectsOf(schema: z.ZodType): z.ZodType[] {
  const definition = definitionOf(schema);
  if (definition.type === "object") return [schema];
  if (definition.type === "union" && definition.options) return definition.options.flatMap((option) => objectsOf(unwrapSchema(option)));
  return [];
}
