// Plan JSON as report, emit and the policy pack read it, tampered: a field set to a random value, removed or renamed,
// the text cut short. Each ends in a valid plan, which then renders, or a one-line refusal naming the file.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../src/report/read-plan.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { checkedCases } from "../checked-cases.ts";
import { repositoryRoot } from "../compiled.ts";
import { FUZZ_SEED, userOutcome } from "./outcome.ts";
import { changedAt, keyPaths, type Change, type KeyPath } from "./tamper.ts";

const planText = readFileSync(join(repositoryRoot, "test", "fixtures", "plan.example.json"), "utf8");
const plan = JSON.parse(planText) as Record<string, unknown>;

const planPaths = keyPaths(plan, 3).filter((path) => path.length > 0);

const anyValue = fc.oneof(
  fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.5, "", "NaN", "Infinity", true, null, [], {}),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 40 }),
  fc.array(fc.integer(), { maxLength: 5 }),
);

const tampered = (path: KeyPath, change: Change, value: unknown): string => JSON.stringify(changedAt(plan, path, change, value));

describe("parsePlanText on tampered plans", () => {
  it("accepts a plan that then renders, or refuses in one line naming the file", () => {
    const cases = checkedCases();
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...planPaths), fc.constantFrom<Change>("set", "delete", "rename"), anyValue, (path, change, value) => {
        const outcome = userOutcome(() => renderMarkdown(parsePlanText(tampered(path, change, value), "plan.json")));
        if (outcome.kind === "ok") accepted += 1;
        else expect(outcome.message).toMatch(/^plan\.json: /);
        cases.checked();
      }),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
    cases.expectAtLeast(300);
    expect(accepted).toBeGreaterThan(5);
  });

  it("refuses a plan cut short, or random text, in one line", () => {
    // Cut anywhere before its closing brace, a plan is not JSON any more.
    const closing = planText.lastIndexOf("}");
    fc.assert(
      fc.property(fc.oneof(fc.nat({ max: closing - 1 }).map((at) => planText.slice(0, at)), fc.string({ maxLength: 200 })), (text) => {
        const outcome = userOutcome(() => parsePlanText(text, "plan.json"));
        expect(outcome.kind).toBe("refused");
      }),
      { seed: FUZZ_SEED, numRuns: 200 },
    );
  });
});
