import { describe, expect, it } from "vitest";
import { plan } from "../../src/plan/index.ts";
import { compare } from "../../src/report/diff/compare.ts";
import { whatIf } from "../../src/whatif/what-if.ts";
import { cnnProfile, fixedNow, smallCatalog, specInput, studentProfile } from "./helpers.ts";
import { wattplanErrorOf } from "../wattplan-error.ts";

const context = () => ({ catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });

const errorOf = (action: () => unknown): string => wattplanErrorOf(action).message;

describe("whatIf", () => {
  it("plans the full cross product: 3 keys × 2 values → 8 plans, each compared with the first", () => {
    const result = whatIf(
      specInput(),
      [
        { key: "options.precisions", values: [["fp32"], ["fp32", "int8"]] },
        { key: "constraints.regions.allow", values: [["eu-*", "europe-*"], ["us-*"]] },
        { key: "traffic.meanRps", values: [60, 120] },
      ],
      context(),
    );
    expect(result.cases).toHaveLength(8);
    expect(result.cases.every((entry) => entry.plan !== null)).toBe(true);
    // the first axis varies slowest
    expect(result.cases.map((entry) => entry.label)).toEqual([
      "options.precisions=fp32, constraints.regions.allow=eu-*;europe-*, traffic.meanRps=60",
      "options.precisions=fp32, constraints.regions.allow=eu-*;europe-*, traffic.meanRps=120",
      "options.precisions=fp32, constraints.regions.allow=us-*, traffic.meanRps=60",
      "options.precisions=fp32, constraints.regions.allow=us-*, traffic.meanRps=120",
      "options.precisions=fp32;int8, constraints.regions.allow=eu-*;europe-*, traffic.meanRps=60",
      "options.precisions=fp32;int8, constraints.regions.allow=eu-*;europe-*, traffic.meanRps=120",
      "options.precisions=fp32;int8, constraints.regions.allow=us-*, traffic.meanRps=60",
      "options.precisions=fp32;int8, constraints.regions.allow=us-*, traffic.meanRps=120",
    ]);
    for (const entry of result.cases) {
      const chosen = entry.plan!.chosen;
      const settings = entry.settings as { "options.precisions": string[]; "constraints.regions.allow": string[]; "traffic.meanRps": number };
      expect(settings["options.precisions"]).toContain(chosen.precision);
      expect(chosen.region.startsWith("us-")).toBe(settings["constraints.regions.allow"][0] === "us-*");
      expect(entry.plan!.spec.traffic.meanRps).toBe(settings["traffic.meanRps"]);
    }
    // each plan is exactly what plan() gives for that spec, and the table compares it with the first
    expect(result.cases[5].plan).toEqual(plan(result.cases[5].spec, context()));
    expect(result.referenceIndex).toBe(0);
    expect(result.table[0].diff).toBeNull();
    expect(result.table[7].diff).toEqual(compare(result.cases[0].plan!, result.cases[7].plan!));
    // more traffic, more carbon a month
    expect(result.table[1].monthlyKgCo2e!).toBeGreaterThan(result.table[0].monthlyKgCo2e!);
  });

  it("answers 'what if we distilled the model?' with the student's own profile", () => {
    const result = whatIf(specInput(), { "model.profile": ["./profile.cnn.json", "./student.json"] }, { ...context(), profilesByPath: { "./student.json": studentProfile() } });
    const [teacher, student] = result.cases.map((entry) => entry.plan!);
    expect(teacher.model.name).toBe("resnet-like-cnn");
    expect(student.model.name).toBe("resnet-like-cnn-student");
    expect(student.chosen.sciGCo2ePerInference).toBeLessThan(teacher.chosen.sciGCo2ePerInference);
    expect(result.table[1].diff!.metrics.find((metric) => metric.metric === "sciGCo2ePerInference")!.verdict).toBe("better");
  });

  it("changes several keys together with a patch axis (traffic tripled: mean and peak)", () => {
    const result = whatIf(
      specInput(),
      [{ name: "traffic", values: [{ label: "today", set: {} }, { label: "×3", set: { "traffic.meanRps": 360, "traffic.peakRps": 1200 } }] }],
      context(),
    );
    expect(result.cases[1].plan!.spec.traffic).toMatchObject({ meanRps: 360, peakRps: 1200 });
    expect(result.cases[1].label).toBe("traffic=×3");
  });

  it("reports a combination no candidate satisfies instead of failing the whole comparison", () => {
    const result = whatIf(specInput(), { "slo.p95LatencyMs": [300, 0.001] }, context());
    expect(result.cases[0].plan).not.toBeNull();
    expect(result.cases[1].plan).toBeNull();
    expect(result.cases[1].error).toBeTruthy();
    expect(result.table[1].diff).toBeNull();
  });

  it("rejects bad variations with a message naming the key", () => {
    expect(errorOf(() => whatIf(specInput(), { "options.precison": [["int8"]] }, context()))).toBe("unknown spec key 'options.precison'; did you mean options.precisions?");
    expect(errorOf(() => whatIf(specInput(), { "options.cacheHitRate": [0.2, 2] }, context()))).toBe("options.cacheHitRate=2: options.cacheHitRate: must be at most 0.99");
    expect(errorOf(() => whatIf(specInput(), { objective: ["greenest"] }, context()))).toMatch(/^objective=greenest: objective: /);
    expect(errorOf(() => whatIf(specInput(), { "model.profile": ["./missing.json"] }, context()))).toMatch(/^model\.profile=\.\/missing\.json: no profile was loaded/);
    expect(errorOf(() => whatIf(specInput(), {}, context()))).toBe("no variations given");
  });
});
