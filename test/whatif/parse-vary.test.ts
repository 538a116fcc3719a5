import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatVaryValue, parseVary } from "../../src/whatif/parse-vary.ts";
import { wattplanErrorOf } from "../wattplan-error.ts";

const errorOf = (argument: string): string => wattplanErrorOf(() => parseVary(argument)).message;

describe("parseVary", () => {
  it("splits variations on ',' and list items on ';' (the DESIGN.md example is two variations)", () => {
    expect(parseVary("constraints.regions.allow=eu-*;europe-*,us-*")).toEqual({ key: "constraints.regions.allow", values: [["eu-*", "europe-*"], ["us-*"]] });
  });

  it("gives list keys a list even of one item, and scalars their type", () => {
    expect(parseVary("options.precisions=fp32,int8").values).toEqual([["fp32"], ["int8"]]);
    expect(parseVary("options.cacheHitRate=0,0.5").values).toEqual([0, 0.5]);
    expect(parseVary("options.batching.maxBatch=1,32").values).toEqual([1, 32]);
    expect(parseVary("traffic.meanRps=120,3.6e2").values).toEqual([120, 360]);
    expect(parseVary("objective=carbon,cost,balanced").values).toEqual(["carbon", "cost", "balanced"]);
    expect(parseVary("constraints.providers=aws;gcp,azure").values).toEqual([["aws", "gcp"], ["azure"]]);
  });

  it("takes model.profile as one path or a list of paths", () => {
    expect(parseVary("model.profile=./teacher.json,./student.json;./student-int8.json").values).toEqual(["./teacher.json", ["./student.json", "./student-int8.json"]]);
  });

  it("names the key in every error", () => {
    expect(errorOf("options.precisions")).toMatch(/^variation 'options.precisions': expected key=value1,value2/);
    expect(errorOf("options.precisons=fp32")).toBe("unknown spec key 'options.precisons'; did you mean options.precisions?");
    expect(errorOf("traffic.meanRps=1;2")).toMatch(/^variation of traffic.meanRps: '1;2' is a list, but traffic.meanRps takes one value/);
    expect(errorOf("options.batching=8")).toMatch(/^variation of options.batching: options.batching is a group of keys/);
    expect(errorOf("traffic.meanRps=1,,2")).toMatch(/^variation of traffic.meanRps: empty value/);
    expect(errorOf("traffic.meanRps.x=1")).toMatch(/traffic.meanRps holds a single value/);
  });

  it("round-trips list values through the command-line syntax", () => {
    const item = fc.stringMatching(/^[a-z][a-z0-9*-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(fc.array(item, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (values) => {
        const argument = `constraints.regions.allow=${values.map(formatVaryValue).join(",")}`;
        expect(parseVary(argument).values).toEqual(values);
      }),
      { numRuns: 100 },
    );
  });
});
