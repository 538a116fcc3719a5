// Does one resource refer to another? Pulumi records it three ways: the property's dependencies, the resource's
// dependencies, and (once both exist) the referenced resource's id, name or self link in the property's value.
import type { StackResource } from "../pulumi-state/stack-document.ts";
import { isUnknownValue, valueAt } from "../pulumi-state/values.ts";

/** Identifiers other resources may hold for `target`: its id, name and self links, from inputs and outputs. */
function identifiersOf(target: StackResource): Set<string> {
  const identifiers = new Set<string>();
  for (const properties of [target.outputs, target.inputs]) {
    for (const key of ["id", "name", "resourceName", "arn", "selfLink", "selfLinkUnique"]) {
      const value = properties[key];
      // Every resource created in a preview has the same unknown id: it identifies none of them.
      if (typeof value === "string" && value.length > 0 && !isUnknownValue(value)) identifiers.add(value);
    }
  }
  return identifiers;
}

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string") found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (value && typeof value === "object") for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

/** True when `from`'s property at any of `paths` (dotted, first segment = the input key) refers to `target`. */
export function refersTo(from: StackResource, paths: string[], target: StackResource): boolean {
  for (const path of paths) {
    const root = path.split(".")[0];
    if (from.propertyDependencies[root]?.includes(target.urn)) return true;
    const identifiers = identifiersOf(target);
    if (stringsIn(valueAt(from.inputs, path)).some((text) => identifiers.has(text) || [...identifiers].some((id) => text.endsWith(`/${id}`)))) return true;
  }
  return false;
}

/**
 * The one candidate `from` refers to: by property first, else the only candidate among its dependencies, else
 * (components often hold one template and one group) the only candidate under the same parent.
 */
export function referencedTarget(from: StackResource, paths: string[], candidates: StackResource[]): StackResource | undefined {
  const byProperty = candidates.filter((candidate) => refersTo(from, paths, candidate));
  if (byProperty.length === 1) return byProperty[0];
  if (byProperty.length > 1) return undefined;
  const byDependency = candidates.filter((candidate) => from.dependencies.includes(candidate.urn));
  if (byDependency.length === 1) return byDependency[0];
  if (from.parent) {
    const siblings = candidates.filter((candidate) => candidate.parent === from.parent);
    if (siblings.length === 1) return siblings[0];
  }
  return undefined;
}
