// Reading Pulumi property values: some are not known until the resource exists, some are secrets.

/** What Pulumi writes for a value unknown at preview time (an output of a resource not created yet). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The signature key Pulumi serialises secrets under, and the "[secret]" a preview prints instead of them. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

/** A value read from a resource: known, or unknown with the reason, never a silent 0. */
export type Known<T> = { value: T } | { unknown: string };

export const isKnown = <T>(known: Known<T>): known is { value: T } => "value" in known;

export function isUnknownValue(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

export function isSecretValue(value: unknown): boolean {
  return value === "[secret]" || (typeof value === "object" && value !== null && SECRET_SIGNATURE_KEY in value);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value at a dotted path of a property map ("scalingConfig.desiredSize", "versions.0.instanceTemplate"). */
export function valueAt(properties: Record<string, unknown>, path: string): unknown {
  let current: unknown = properties;
  for (const part of path.split(".")) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (current !== null && typeof current === "object") current = (current as Record<string, unknown>)[part];
    else return undefined;
  }
  return current;
}

/** A string property: known, unknown at preview time, secret, or absent (undefined). */
export function readText(properties: Record<string, unknown>, path: string): Known<string> | undefined {
  const value = valueAt(properties, path);
  if (value === undefined || value === null || value === "") return undefined;
  if (isUnknownValue(value)) return { unknown: `${path} is not known until the preview's resources exist (${UNKNOWN_VALUE})` };
  if (isSecretValue(value)) return { unknown: `${path} is a secret` };
  return typeof value === "string" ? { value } : { unknown: `${path} is not a string` };
}

/** A whole-number property, as readText. */
export function readCount(properties: Record<string, unknown>, path: string): Known<number> | undefined {
  const value = valueAt(properties, path);
  if (value === undefined || value === null) return undefined;
  if (isUnknownValue(value)) return { unknown: `${path} is not known until the preview's resources exist (${UNKNOWN_VALUE})` };
  if (isSecretValue(value)) return { unknown: `${path} is a secret` };
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === "number" && Number.isInteger(number) && number >= 0 ? { value: number } : { unknown: `${path} is not a whole number` };
}
