// Variations a shell typo or a hostile script can produce: a cross product of 64 million, keys that name an
// object's prototype instead of a spec key. One line each, before anything is planned or built.
import { describe, expect, it } from "vitest";
import { parseVary } from "../../src/whatif/parse-vary.ts";
import { whatIf } from "../../src/whatif/what-if.ts";
import { runCli } from "../cli/run-cli.ts";
import { cnnProfile, fixedNow, smallCatalog, specInput } from "./helpers.ts";
import { wattplanErrorOf } from "../wattplan-error.ts";

const errorOf = (action: () => unknown): string => wattplanErrorOf(action).message;

describe("whatIf's cross product", () => {
  it("is counted before it is built: 400 × 400 × 400 is refused in one line", () => {
    const values = Array.from({ length: 400 }, (_, index) => index + 1);
    const axes = ["traffic.meanRps", "traffic.peakRps", "slo.p95LatencyMs"].map((key) => ({ key, values }));
    const context = { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow };
    expect(errorOf(() => whatIf(specInput(), axes, context))).toBe("400 × 400 × 400 = 64,000,000 combinations is too many (at most 256)");
  });
});

describe("variation keys", () => {
  it("name only spec keys, never a property every object has", () => {
    for (const key of ["toString", "__proto__.x", "constructor.prototype", "options.hasOwnProperty", "traffic.__proto__"]) {
      expect(errorOf(() => parseVary(`${key}=1,2`)), key).toMatch(/unknown spec key|holds a single value/);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("reach the CLI as a one-line error, exit 1", async () => {
    const run = await runCli(["whatif", "examples/spec.yaml", "--vary", "toString=1,2"]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe("wattplan: unknown spec key 'toString'");
  });
});
