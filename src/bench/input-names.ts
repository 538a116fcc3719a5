// Names given on the command line (--shape, --input, --inputs-file) must be real inputs of the model; a typo
// gets the closest real names back instead of a confusing "unresolved dimension" later.
import { WattplanError } from "../errors.ts";

export function assertKnownInputNames(given: { source: string; names: string[] }[], modelInputs: string[], dimensionNames: string[] = []): void {
  for (const { source, names } of given) {
    for (const name of names) {
      if (modelInputs.includes(name) || (source === "--shape" && dimensionNames.includes(name))) continue;
      const suggestions = closestNames(name, modelInputs);
      const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.map((suggestion) => `'${suggestion}'`).join(" or ")}?` : "";
      throw new WattplanError(
        "UNKNOWN_NAME",
        `${source} names input '${name}', which the model does not have${didYouMean}`,
        `the model's inputs are: ${modelInputs.join(", ")}`,
      );
    }
  }
}

export function closestNames(name: string, candidates: string[], limit = 2): string[] {
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((first, second) => first.distance - second.distance);
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

export function editDistance(first: string, second: string): number {
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let row = 1; row <= first.length; row++) {
    const current = [row];
    for (let column = 1; column <= second.length; column++) {
      const substitution = previous[column - 1] + (first[row - 1] === second[column - 1] ? 0 : 1);
      current[column] = Math.min(previous[column] + 1, current[column - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[second.length];
}
