// `baseline: { pulumiState: ./state.json, resource: URN }`: the plan's baseline is what the user's stack runs today,
// read from a `pulumi stack export` (or a preview), and turned into the spec's usual provider/region/type/instances.
import { dirname, resolve } from "node:path";
import { isMap, parseDocument } from "yaml";
import { WattplanError } from "../errors.ts";
import { readUserText } from "../io/read-file.ts";

/**
 * The spec text with a `baseline.pulumiState` resolved into provider, region, instanceType and instances (kept:
 * precision, batchSize and an explicit instances); other specs come back unchanged. The state path is relative to
 * the spec file.
 */
export async function resolvePulumiStateBaseline(specText: string, specPath: string): Promise<string> {
  // Most specs give no pulumiState: skip parsing their YAML a second time (the spec parser reads it anyway). A key
  // spelled without those letters needs an escape in a double-quoted scalar, hence the backslash: such a text is
  // parsed here as before.
  if (!specText.includes("pulumiState") && !specText.includes("\\")) return specText;
  const document = parseDocument(specText);
  const baseline = document.get("baseline");
  if (document.errors.length > 0 || !isMap(baseline) || !baseline.has("pulumiState")) return specText;
  const given = baseline.toJSON() as Record<string, unknown>;
  const fixedKeys = ["provider", "region", "instanceType"].filter((key) => key in given);
  if (fixedKeys.length > 0) throw new WattplanError("INVALID_SPEC", `${specPath}: baseline gives both pulumiState and ${fixedKeys.join(", ")}`, "give either pulumiState (and resource) or provider, region and instanceType");
  if (typeof given.pulumiState !== "string" || given.pulumiState === "") throw new WattplanError("INVALID_SPEC", `${specPath}: baseline.pulumiState: expected a file path`);
  if (given.resource !== undefined && typeof given.resource !== "string") throw new WattplanError("INVALID_SPEC", `${specPath}: baseline.resource: expected a URN`);
  const statePath = resolve(dirname(resolve(specPath)), given.pulumiState);
  const text = await readUserText(statePath, "baseline.pulumiState");
  const { pulumiState: _path, resource: _resource, ...kept } = given;
  // The Pulumi document readers are loaded only for the specs that need them.
  const { baselineFromPulumiDocument } = await import("./pulumi-state-baseline.ts");
  document.set("baseline", { ...baselineFromPulumiDocument(text, given.pulumiState, given.resource as string | undefined), ...kept });
  return document.toString();
}
