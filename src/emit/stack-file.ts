import { Document, isMap, isScalar, Pair, parseDocument, YAMLMap } from "yaml";
import { WattplanError } from "../errors.ts";
import {
  describeStackConfigIssues,
  EMIT_DIGEST_KEY,
  PLANNED_KEYS,
  REGION_CONFIG_KEY,
  STACK_CONFIG_NAMESPACE,
  stackConfigSchema,
  type PlannedStackConfig,
  type StackConfig,
} from "../domain/stack-config.ts";
import type { ConfigOverride } from "./config-overrides.ts";
import { digestOf, stackValuesDigest } from "./digest.ts";
import { toYamlKey, toYamlNode } from "./yaml-values.ts";

export interface StackFileUpdate {
  /** The stack file as it is now; undefined when it does not exist yet. */
  existingText: string | undefined;
  /** For messages. */
  displayPath: string;
  planned: PlannedStackConfig;
  /** aws:region, gcp:region or azure-native:location. */
  regionKey: string;
  overrides: ConfigOverride[];
  force: boolean;
}

export interface StackFileResult {
  text: string;
  /** Every `wattplan:` key of the file after the update, validated. */
  config: StackConfig;
}

const qualified = (key: string) => `${STACK_CONFIG_NAMESPACE}:${key}`;
const DIGEST_KEY = qualified(EMIT_DIGEST_KEY);
const PLANNED_QUALIFIED = PLANNED_KEYS.map(qualified);

/**
 * Rewrites the keys emit owns (the planned `wattplan:` keys, their digest and the provider's region) and the
 * `--config` keys; every other key, comment and top-level entry (encryptionsalt, secrets, user config) stays.
 * Order is stable: region, planned keys in schema order, digest, then the rest in the order they were in.
 */
export function updateStackFile(update: StackFileUpdate): StackFileResult {
  const document = readDocument(update.existingText, update.displayPath);
  const config = configMap(document, update.displayPath);
  const before = (config.toJSON() ?? {}) as Record<string, unknown>;
  if (!update.force) refuseHandEdits(before, update.displayPath);

  const plannedValues = Object.fromEntries(
    PLANNED_KEYS.filter((key) => update.planned[key] !== undefined).map((key) => [qualified(key), update.planned[key]]),
  );
  // A stack moved to another cloud: the old cloud's region key was ours too.
  const previousProvider = before[qualified("provider")];
  const previousRegionKey = typeof previousProvider === "string" ? REGION_CONFIG_KEY[previousProvider as keyof typeof REGION_CONFIG_KEY] : undefined;
  const owned = [update.regionKey, ...PLANNED_QUALIFIED, DIGEST_KEY, ...(previousRegionKey ? [previousRegionKey] : [])];
  const overrides = new Map(update.overrides.map((override) => [override.key, override.value]));

  const items: Pair[] = [];
  const add = (key: string, value: unknown) => items.push(new Pair(toYamlKey(document, key), toYamlNode(document, value)));
  add(update.regionKey, update.planned.region);
  for (const [key, value] of Object.entries(plannedValues)) add(key, value);
  add(DIGEST_KEY, stackValuesDigest(plannedValues));
  for (const pair of config.items) {
    const key = keyText(pair);
    if (owned.includes(key)) continue;
    if (overrides.has(key)) {
      add(key, overrides.get(key));
      overrides.delete(key);
    } else {
      items.push(pair);
    }
  }
  for (const [key, value] of overrides) add(key, value);
  config.items = items;
  if (!document.has("config")) document.set("config", config);

  const after = (config.toJSON() ?? {}) as Record<string, unknown>;
  return { text: document.toString({ lineWidth: 0 }), config: validateWattplanKeys(after, update.displayPath) };
}

function readDocument(text: string | undefined, displayPath: string): Document {
  if (text === undefined || text.trim() === "") return new Document(new YAMLMap());
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new WattplanError("INVALID_INPUT", `${displayPath} is not valid YAML: ${document.errors[0].message.split("\n")[0]}`, "fix or remove the file, then emit again");
  }
  if (document.contents === null) document.contents = new YAMLMap() as never;
  if (!isMap(document.contents)) throw new WattplanError("INVALID_INPUT", `${displayPath} is not a Pulumi stack file (expected a mapping at the top)`);
  return document;
}

function configMap(document: Document, displayPath: string): YAMLMap {
  const node = document.get("config", true);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return new YAMLMap();
  if (!isMap(node)) throw new WattplanError("INVALID_INPUT", `${displayPath}: 'config' is not a mapping`, "fix or remove the file, then emit again");
  return node;
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/**
 * Why the planned `wattplan:` keys of a stack file's config are not exactly as the last emit wrote them; undefined
 * when they are (or when there are none). The policy pack asks the same question of the stack it checks.
 */
export function handEditOf(config: Record<string, unknown>): string | undefined {
  const present = PLANNED_QUALIFIED.filter((key) => key in config);
  if (present.length === 0) return undefined;
  const stored = config[DIGEST_KEY];
  const values = Object.fromEntries(present.map((key) => [key, config[key]]));
  // A file emitted before stackValuesDigest carries the typed digest: accept it while Pulumi has not rewritten it.
  if (stored === stackValuesDigest(values) || stored === digestOf(values)) return undefined;
  return stored === undefined ? "they were not written by wattplan emit (no wattplan:emitDigest)" : "they were edited by hand since wattplan emitted them";
}

/** The planned keys must be exactly as the last emit wrote them, else someone edited them on purpose. */
function refuseHandEdits(before: Record<string, unknown>, displayPath: string): void {
  const why = handEditOf(before);
  if (why) {
    throw new WattplanError("REFUSED", `${displayPath}: not overwriting its wattplan: keys, ${why}`, "emit with force to replace them with the plan's values", { option: "force" });
  }
}

/** Validation of what emit writes: the same schema the Pulumi program reads with. Secrets are opaque here. */
function validateWattplanKeys(config: Record<string, unknown>, displayPath: string): StackConfig {
  const prefix = `${STACK_CONFIG_NAMESPACE}:`;
  const wattplan: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(prefix)) continue;
    const isSecret = value !== null && typeof value === "object" && "secure" in (value as object);
    wattplan[key.slice(prefix.length)] = isSecret ? "(secret)" : value;
  }
  const parsed = stackConfigSchema.safeParse(wattplan);
  if (!parsed.success) {
    throw new WattplanError("INVALID_INPUT", `${displayPath} would be invalid: ${describeStackConfigIssues(parsed.error)}`, "fix the config overrides or the keys in the file");
  }
  return parsed.data;
}
