import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { parseSpecData, parseSpecText } from "../../src/plan/spec/parse-spec.ts";

function specError(text: string): string {
  try {
    parseSpecText(text, "spec.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(WattplanError);
    expect((error as WattplanError).code).toBe("INVALID_SPEC");
    return (error as WattplanError).message;
  }
  throw new Error("expected the spec to be rejected");
}

describe("workload spec parsing", () => {
  it("fills the documented defaults", () => {
    const spec = parseSpecText("name: demo\ntraffic: { meanRps: 10 }\n");
    expect(spec.objective).toBe("carbon");
    expect(spec.options.precisions).toEqual(["fp32", "int8"]);
    expect(spec.options.batching).toEqual({ maxBatch: 32, maxQueueDelayMs: 10 });
    expect(spec.options.targetUtilization).toBe(0.6);
    expect(spec.options.pricing).toBe("on-demand");
    expect(spec.options.intensityBasis).toBe("lifecycle");
    expect(spec.options.accuracy).toEqual({ minCosineSimilarity: 0.99 });
    expect(spec.constraints).toEqual({});
  });

  it("reads static INT8's calibration samples and the accuracy tolerance, and rejects values out of range", () => {
    const spec = parseSpecText("name: demo\nmodel: { path: ./m.onnx, calibration: { inputsFile: ./samples.json, samples: 8 } }\ntraffic: { meanRps: 10 }\noptions: { accuracy: { minCosineSimilarity: 0.995 } }\n");
    expect(spec.model.calibration).toEqual({ inputsFile: "./samples.json", samples: 8 });
    expect(spec.options.accuracy.minCosineSimilarity).toBe(0.995);
    expect(specError("name: demo\ntraffic: { meanRps: 10 }\noptions:\n  accuracy: { minCosineSimilarity: 1.5 }\n")).toContain("options.accuracy.minCosineSimilarity (line 4)");
    expect(specError("name: demo\nmodel:\n  calibration: { samples: 0 }\ntraffic: { meanRps: 10 }\n")).toContain("model.calibration.samples (line 3)");
  });

  it("reads the full shape from the design notes", () => {
    const spec = parseSpecText(`name: image-classifier
model:
  profile: [./a.json, ./b.json]
  uri: s3://bucket/model.onnx
traffic:
  meanRps: 120
  peakRps: 400
slo: { p95LatencyMs: 100 }
users: [{ country: DE, share: 0.6 }, { country: US, share: 0.4 }]
constraints:
  providers: [aws, gcp, azure]
  regions: { allow: ["eu-*", "europe-*"], deny: [] }
  residency: EU
  accelerators: [none, T4]
  maxMonthlyUsd: 5000
  maxMonthlyKgCo2e: 200
objective: { carbon: 0.7, cost: 0.3 }
options:
  precisions: [fp32, int8]
  batching: { maxBatch: 16, maxQueueDelayMs: 5 }
  cacheHitRate: 0.2
baseline: { provider: aws, region: us-east-1, instanceType: g5.xlarge }
`);
    expect(spec.constraints.residency).toBe("EU");
    expect(spec.objective).toEqual({ carbon: 0.7, cost: 0.3 });
    expect(spec.baseline).toEqual({ provider: "aws", region: "us-east-1", instanceType: "g5.xlarge", precision: "fp32", batchSize: 1 });
  });

  it("names the key path and its line for a wrong type", () => {
    const message = specError("name: demo\n\ntraffic:\n  meanRps: 120\n\n\n  peakRps: lots\n");
    expect(message).toContain('traffic.peakRps (line 7): expected a number, got "lots"');
  });

  it("names list items and unknown keys with their lines", () => {
    const message = specError("name: demo\ntraffic: { meanRps: 3 }\noptions:\n  precisions: [fp32, bf16]\n  batchng: {}\n");
    expect(message).toContain("options.precisions[1] (line 4): expected one of fp32, fp16, int8");
    expect(message).toContain("options.batchng (line 5): unknown key");
  });

  it("says which required key is missing", () => {
    expect(specError("name: demo\n")).toContain("traffic: required (a mapping)");
    expect(specError("name: demo\ntraffic:\n  peakRps: 3\n")).toMatch(/traffic\.meanRps \(line 2\): give meanRps/);
  });

  it("rejects an unknown objective and an unknown provider with the allowed values", () => {
    expect(specError("name: demo\ntraffic: { meanRps: 3 }\nobjective: greenest\n")).toContain("objective (line 3): expected carbon, cost, balanced");
    expect(specError("name: demo\ntraffic: { meanRps: 3 }\nconstraints:\n  providers: [aws, oracle]\n")).toContain(
      "constraints.providers[1] (line 4): expected one of aws, gcp, azure",
    );
    expect(specError("name: demo\ntraffic: { meanRps: 3 }\nconstraints:\n  providers: [gpc]\n")).toContain('got "gpc" (did you mean gcp?)');
  });

  it("reports YAML syntax errors with their line", () => {
    expect(specError("name: demo\ntraffic:\n  meanRps: [1,\n")).toMatch(/^spec\.yaml: line \d+: /);
  });

  it("checks cross-field rules: peak below mean, user shares", () => {
    expect(specError("name: demo\ntraffic: { meanRps: 10, peakRps: 5 }\n")).toContain("traffic.peakRps (line 2): peakRps (5) is below meanRps (10)");
    expect(specError("name: demo\ntraffic: { meanRps: 10 }\nusers: [{ country: DE, share: 0.5 }]\n")).toContain("users (line 3): user shares must add up to 1");
  });

  it("validates specs given as data with the path", () => {
    expect(() => parseSpecData({ name: "x", traffic: { meanRps: -1 } })).toThrow("traffic.meanRps: must be above 0");
  });
});
