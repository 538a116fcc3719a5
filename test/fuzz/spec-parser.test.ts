// The spec parser on text nobody meant to write: random characters, YAML with anchors and aliases, and the example
// spec with one key changed to a random value, removed, or misspelt. Each ends in a spec or a one-line refusal.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { parseSpecText } from "../../src/plan/spec/parse-spec.ts";
import { checkedCases } from "../checked-cases.ts";
import { repositoryRoot } from "../compiled.ts";
import { FUZZ_SEED, userOutcome } from "./outcome.ts";
import { changedAt, keyPaths, type Change } from "./tamper.ts";

const exampleSpec = parse(readFileSync(join(repositoryRoot, "examples", "spec.yaml"), "utf8")) as Record<string, unknown>;
const examplePaths = keyPaths(exampleSpec).filter((path) => path.length > 0);

const edgeNumbers = fc.constantFrom(0, -1, 1e308, -1e308, 1e-320, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 0.5, 24, 100_000_000);
const anyValue = fc.oneof(edgeNumbers, fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 30 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 5 }));

describe("parseSpecText on generated input", () => {
  it("answers random text with a spec or one line", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 200 }), fc.stringMatching(/^[a-z:{}\[\],&*!|>\-\n "'0-9.]{0,300}$/)), (text) => {
        userOutcome(() => parseSpecText(text, "fuzz.yaml"));
      }),
      { seed: FUZZ_SEED, numRuns: 400 },
    );
  });

  it("answers the example with one key changed, removed or misspelt, naming the key when it refuses", () => {
    const cases = checkedCases();
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...examplePaths), fc.constantFrom<Change>("set", "delete", "rename"), anyValue, (path, change, value) => {
        const text = stringify(changedAt(exampleSpec, path, change, value));
        const outcome = userOutcome(() => parseSpecText(text, "fuzz.yaml"));
        if (outcome.kind === "ok") accepted += 1;
        else expect(outcome.message).toMatch(/^fuzz\.yaml: /);
        cases.checked();
      }),
      { seed: FUZZ_SEED, numRuns: 400 },
    );
    cases.expectAtLeast(400);
    // Not vacuous either way: some changes keep a valid spec, most do not.
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(390);
  });

  it("answers anchors and aliases, nested and repeated, with a spec or one line", () => {
    const aliasing = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 20 })).map(([levels, width]) => {
      const lines = ["a0: &a0 [x]"];
      for (let level = 1; level <= levels; level++) lines.push(`a${level}: &a${level} [${Array(width).fill(`*a${level - 1}`).join(", ")}]`);
      return `${lines.join("\n")}\nname: demo\ntraffic: { meanRps: 1 }\n`;
    });
    fc.assert(fc.property(aliasing, (text) => void userOutcome(() => parseSpecText(text, "fuzz.yaml"))), { seed: FUZZ_SEED, numRuns: 60 });
  });
});
