// Names given for inputs (shapes, input values, an inputs file) must be real inputs of the model; a typo gets the
// closest real names back instead of a confusing "unresolved dimension" later.
import { WattplanError } from "../errors.ts";
import { suggestNames } from "../text/suggest-names.ts";

/** Where the names came from: BenchOptions.shapes, BenchOptions.inputValues, or the inputs file. */
export type InputNameSource = "shapes" | "inputValues" | "inputsFile";

const GIVEN_AS: Record<InputNameSource, string> = { shapes: "a shape", inputValues: "a value", inputsFile: "the inputs file gives values" };

export function assertKnownInputNames(given: { source: InputNameSource; names: string[] }[], modelInputs: string[], dimensionNames: string[] = []): void {
  for (const { source, names } of given) {
    for (const name of names) {
      if (modelInputs.includes(name) || (source === "shapes" && dimensionNames.includes(name))) continue;
      const suggestions = suggestNames(name, modelInputs, 2);
      const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.map((suggestion) => `'${suggestion}'`).join(" or ")}?` : "";
      const givenAs = source === "inputsFile" ? `${GIVEN_AS[source]} for` : `${GIVEN_AS[source]} is given for`;
      throw new WattplanError(
        "UNKNOWN_NAME",
        `${givenAs} input '${name}', which the model does not have${didYouMean}`,
        `the model's inputs are: ${modelInputs.join(", ")}`,
      );
    }
  }
}
