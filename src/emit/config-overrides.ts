import { WattplanError, type ErrorDetail } from "../errors.ts";
import { isStringValuedKey, PLANNED_KEYS, STACK_CONFIG_NAMESPACE, USER_KEYS } from "../domain/stack-config.ts";
import { suggestNames } from "../text/suggest-names.ts";

export interface ConfigOverride {
  /** Fully qualified: namespace:key. */
  key: string;
  value: unknown;
}

const CONFIG_EXAMPLE: ErrorDetail = { option: "config", example: "gcp:project=my-project" };

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*(:[A-Za-z0-9_.-]+)?$/;

/**
 * A config override, `key=value`: a key without a namespace belongs to the project (`wattplan:`), as in `pulumi config set`.
 * The planned `wattplan:` keys come from the plan and cannot be overridden; the user keys can, typed as the schema says.
 */
export function parseConfigOverride(text: string): ConfigOverride {
  const separator = text.indexOf("=");
  if (separator <= 0) {
    throw new WattplanError("INVALID_INPUT", `a config override is key=value, not '${text}'`, 'for example config: ["gcp:project=my-project"]', CONFIG_EXAMPLE);
  }
  const rawKey = text.slice(0, separator).trim();
  const rawValue = text.slice(separator + 1);
  if (!KEY_PATTERN.test(rawKey)) {
    throw new WattplanError("INVALID_INPUT", `config key '${rawKey}' is not a Pulumi config key (namespace:name)`, 'for example config: ["gcp:project=my-project"]', CONFIG_EXAMPLE);
  }
  const key = rawKey.includes(":") ? rawKey : `${STACK_CONFIG_NAMESPACE}:${rawKey}`;
  const [namespace, name] = key.split(":");
  if (namespace !== STACK_CONFIG_NAMESPACE) return { key, value: rawValue };

  if ((PLANNED_KEYS as string[]).includes(name) || name === "emitDigest") {
    throw new WattplanError(
      "INVALID_INPUT",
      `config key ${key} comes from the plan and cannot be overridden`,
      "choose another candidate, or change the spec and plan again",
      { option: "candidate", example: "N" },
    );
  }
  if (!(USER_KEYS as string[]).includes(name)) {
    const suggestions = suggestNames(name, USER_KEYS as string[]);
    const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.map((item) => `wattplan:${item}`).join(" or ")}?` : "";
    throw new WattplanError("INVALID_INPUT", `unknown config key ${key}${didYouMean}`, `wattplan keys you may set: ${USER_KEYS.join(", ")}`);
  }
  return { key, value: isStringValuedKey(name) ? rawValue : parseListOrJson(key, rawValue) };
}

/** Lists may be given as JSON or comma-separated: subnetIds=subnet-a,subnet-b. */
function parseListOrJson(key: string, rawValue: string): unknown {
  const trimmed = rawValue.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      throw new WattplanError("INVALID_INPUT", `config key ${key}: the value is not valid JSON`, "quote it for the shell, or give a comma-separated list");
    }
  }
  return trimmed.split(",").map((item) => item.trim()).filter((item) => item.length > 0);
}
