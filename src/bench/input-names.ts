// Names given on the command line (--shape, --input, --inputs-file) must be real inputs of the model; a typo
// gets the closest real names back instead of a confusing "unresolved dimension" later.
import { WattplanError } from "../errors.ts";
import { suggestNames } from "../text/suggest-names.ts";

export function assertKnownInputNames(given: { source: string; names: string[] }[], modelInputs: string[], dimensionNames: string[] = []): void {
  for (const { source, names } of given) {
    for (const name of names) {
      if (modelInputs.includes(name) || (source === "--shape" && dimensionNames.includes(name))) continue;
      const suggestions = suggestNames(name, modelInputs, 2);
      const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.map((suggestion) => `'${suggestion}'`).join(" or ")}?` : "";
      throw new WattplanError(
        "UNKNOWN_NAME",
        `${source} names input '${name}', which the model does not have${didYouMean}`,
        `the model's inputs are: ${modelInputs.join(", ")}`,
      );
    }
  }
}
