import { Scalar, YAMLMap, YAMLSeq, type Document, type Node } from "yaml";

/** YAML 1.1 readers (go-yaml, which Pulumi uses) take these plain words for booleans or null. */
const AMBIGUOUS_WORDS = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
/** Plain scalars we are sure every YAML reader takes as the same string. */
const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./@+-]*$/;

/**
 * Builds a node for any JSON-like value with strings quoted whenever a reader could take them for something else
 * (numbers, booleans, null, dates, anchors, comments, multi-line text): values stay YAML-safe whatever the input.
 */
export function toYamlNode(document: Document, value: unknown): Node {
  if (Array.isArray(value)) {
    const sequence = new YAMLSeq();
    for (const item of value) sequence.items.push(toYamlNode(document, item));
    return sequence;
  }
  if (value !== null && typeof value === "object") {
    const map = new YAMLMap();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) map.set(toYamlKey(document, key), toYamlNode(document, item));
    }
    return map;
  }
  if (typeof value === "string") {
    const scalar = new Scalar(value);
    if (!PLAIN_SAFE.test(value) || AMBIGUOUS_WORDS.test(value)) scalar.type = Scalar.QUOTE_DOUBLE;
    return scalar;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`cannot write ${value} to a stack file`);
  return new Scalar(value);
}

/** Config keys are namespace:name; those need no quotes (Pulumi writes them plain too). */
const PLAIN_CONFIG_KEY = /^[A-Za-z][A-Za-z0-9_.-]*(:[A-Za-z0-9_.-]+)?$/;

export function toYamlKey(document: Document, key: string): Node {
  return PLAIN_CONFIG_KEY.test(key) && !AMBIGUOUS_WORDS.test(key) ? new Scalar(key) : toYamlNode(document, key);
}
