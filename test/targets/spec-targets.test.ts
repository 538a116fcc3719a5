import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpecText } from "../../src/plan/spec/parse-spec.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { plan } from "../../src/plan/index.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { readProfiles } from "../../src/load/read-profiles.ts";

const examplesDirectory = join(import.meta.dirname, "..", "..", "examples");
const head = "name: svc\ntraffic: { meanRps: 10 }\n";

function problemOf(targetsYaml: string): string {
  try {
    parseSpecText(`${head}targets:\n${targetsYaml}`, "spec.yaml");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the spec was accepted");
}

describe("targets in the spec", () => {
  it("accepts a relative target (percent as text or number) from a date or a plan id, and an absolute ceiling", () => {
    const spec = parseSpecText(
      `${head}targets:\n` +
        "  - { metric: sciGCo2ePerInference, reduceBy: 30%, from: 2025-01-15, by: 2025-12-31 }\n" +
        "  - { metric: energyPerInferenceJ, reduceBy: 12.5, from: 551ea965e808, by: 2026-06-30 }\n" +
        "  - { metric: monthlyCostUsd, atMost: 140 }\n" +
        "  - { metric: monthlyKgCo2e, atMost: 1.5, by: 2026-01-01 }\n",
    );
    expect(spec.targets).toEqual([
      { metric: "sciGCo2ePerInference", reduceBy: "30%", from: "2025-01-15", by: "2025-12-31" },
      { metric: "energyPerInferenceJ", reduceBy: 12.5, from: "551ea965e808", by: "2026-06-30" },
      { metric: "monthlyCostUsd", atMost: 140 },
      { metric: "monthlyKgCo2e", atMost: 1.5, by: "2026-01-01" },
    ]);
  });

  it("names the key path and line of each problem, with how to fix it", () => {
    expect(problemOf("  - metric: sci\n    atMost: 1\n")).toBe(
      "spec.yaml: targets[0].metric (line 4): expected one of sciGCo2ePerInference, monthlyKgCo2e, monthlyCostUsd, energyPerInferenceJ, got \"sci\" (did you mean sciGCo2ePerInference?)",
    );
    expect(problemOf("  - metric: monthlyCostUsd\n    reduceBy: 0.3\n    by: 2026-01-01\n")).toBe(
      "spec.yaml: targets[0].reduceBy (line 5): reduceBy is in percent: write 30% for thirty percent (or 0.3% if you mean 0.3 %)",
    );
    expect(problemOf("  - metric: monthlyCostUsd\n    reduceBy: thirty\n    by: 2026-01-01\n")).toBe(
      "spec.yaml: targets[0].reduceBy (line 5): write the reduction as a percentage, e.g. 30% (or the number 30)",
    );
    expect(problemOf("  - metric: monthlyCostUsd\n    reduceBy: 100%\n    by: 2026-01-01\n")).toContain("targets[0].reduceBy (line 5): the reduction must be above 0 % and below 100 %");
    expect(problemOf("  - metric: monthlyCostUsd\n    reduceBy: 30%\n")).toBe("spec.yaml: targets[0].by (line 4): required with reduceBy: the date the reduction is due (YYYY-MM-DD)");
    expect(problemOf("  - metric: monthlyCostUsd\n    atMost: 10\n    reduceBy: 30%\n    by: 2026-01-01\n")).toBe(
      "spec.yaml: targets[0].reduceBy (line 6): give either reduceBy (e.g. 30%) or atMost (a value in the metric's unit)",
    );
    expect(problemOf("  - metric: monthlyCostUsd\n    reduceBy: 30%\n    from: 2026-02-01\n    by: 2026-01-01\n")).toBe("spec.yaml: targets[0].by (line 7): must be after from (2026-02-01)");
    expect(problemOf("  - metric: monthlyCostUsd\n    atMost: 10\n    by: 2026-02-30\n")).toBe("spec.yaml: targets[0].by (line 6): expected a date as YYYY-MM-DD");
    expect(problemOf("  - metric: monthlyCostUsd\n    atMost: 10\n    from: 123456789012\n")).toBe(
      "spec.yaml: targets[0].from (line 6): expected a date (YYYY-MM-DD) or a plan id; quote a plan id that YAML reads as a number",
    );
    expect(problemOf("  - metric: monthlyCostUsd\n    atMost: 10\n    deadline: 2026-01-01\n")).toBe("spec.yaml: targets[0].deadline (line 6): unknown key; targets[0] takes metric, reduceBy, atMost, from, by");
  });
});

describe("the bundled example's targets", () => {
  it("change nothing the plan chooses or figures: the same plan as without them, but for the spec and so the id", async () => {
    const withTargets = await planFromFiles(join(examplesDirectory, "spec.yaml"), { now: "2025-08-01T00:00:00.000Z" });
    expect(withTargets.spec.targets).toHaveLength(2);
    const text = readFileSync(join(examplesDirectory, "spec.yaml"), "utf8");
    const { targets: _targets, ...withoutTargetsSpec } = parseSpecText(text);
    const withoutTargets = plan(withoutTargetsSpec, {
      catalog: loadCatalog(),
      profiles: await readProfiles([join(examplesDirectory, "profile.json")]),
      now: "2025-08-01T00:00:00.000Z",
    });
    const { id: _first, spec: _firstSpec, ...figuresWith } = withTargets;
    const { id: _second, spec: _secondSpec, ...figuresWithout } = withoutTargets;
    expect(figuresWith).toEqual(figuresWithout);
  });
});
