import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { acceleratorEfficiency } from "../../src/estimate/priors.ts";
import { fractionPriors } from "./fixtures.ts";

// The share of a precision's dense peak an accelerator reaches, by model class, from the catalog's MLPerf records.
const { priors } = loadCatalog();

describe("accelerator efficiency priors", () => {
  it("take the accelerator's own newest Offline ResNet-50 figure for a CNN in INT8, down to its Server figure", () => {
    const a100 = acceleratorEfficiency(priors, "A100 80GB SXM", "cnn", "int8")!;
    expect(a100.central).toBeCloseTo(0.5516, 4); // v2.1 Offline: 41,893 × 8.2164 GFLOP ÷ 624 TOPS
    expect(a100.low).toBeCloseTo(0.428, 3); // v1.1 Server (latency-bound)
    expect(a100.basis.map((prior) => prior.id)).toContain("mlperf-v2.1-a100-80gb-sxm-resnet50-offline");
  });

  it("let the A10 stand in for the A10G, and the median of all accelerators for one without any result", () => {
    expect(acceleratorEfficiency(priors, "A10G", "cnn", "int8")!.central).toBeCloseTo(0.4527, 4);
    const inferentia = acceleratorEfficiency(priors, "Inferentia2", "cnn", "int8")!;
    expect(inferentia.description).toMatch(/no published result for Inferentia2: the median/);
    expect(inferentia.low).toBeLessThan(inferentia.central);
    expect(inferentia.high).toBeGreaterThan(inferentia.central);
  });

  it("scale FP16 engines by MLPerf's FP16 ÷ INT8 BERT pairs (0.92–1.0 of the INT8 share), applied to the FP16 peak", () => {
    const int8 = acceleratorEfficiency(priors, "T4", "cnn", "int8")!;
    const fp16 = acceleratorEfficiency(priors, "T4", "cnn", "fp16")!;
    expect(fp16.central / int8.central).toBeGreaterThan(0.9);
    expect(fp16.central / int8.central).toBeLessThanOrEqual(1);
    expect(fp16.low).toBeLessThan(int8.low);
  });

  it("do not apply MLPerf's BERT ratios (padding skipped) to a padded transformer encoder: the CNN figure stands in, bounded by BERT ÷ the least padding factor", () => {
    const cnn = acceleratorEfficiency(priors, "A100 80GB SXM", "cnn", "int8")!;
    const encoder = acceleratorEfficiency(priors, "A100 80GB SXM", "transformer-encoder", "int8")!;
    expect(encoder.central).toBe(cnn.central);
    expect(encoder.high).toBeLessThanOrEqual(1);
    expect(encoder.description).toMatch(/least padding factor/);
    for (const model of ["T4", "L4", "H100 SXM"]) expect(acceleratorEfficiency(priors, model, "transformer-encoder", "int8")!.high, model).toBeLessThan(1);
  });

  it("widen the range for FP32 (no published figure) and for models that are neither CNNs nor encoders", () => {
    const int8 = acceleratorEfficiency(priors, "L4", "cnn", "int8")!;
    expect(acceleratorEfficiency(priors, "L4", "cnn", "fp32")!.low).toBeCloseTo(int8.low / 2, 9);
    expect(acceleratorEfficiency(priors, "L4", "other", "int8")!.low).toBeCloseTo(int8.low / 2, 9);
  });

  it("read catalogs whose priors carry no structured fields (one figure per accelerator) as CNN INT8 Offline figures", () => {
    const pooled = acceleratorEfficiency(fractionPriors, "A10G", "cnn", "int8")!;
    expect(pooled.central).toBeCloseTo(0.45, 12);
    expect(acceleratorEfficiency(fractionPriors, "T4", "cnn", "int8")!.central).toBeCloseTo(0.37, 12);
    expect(acceleratorEfficiency([], "T4", "cnn", "int8")).toBeNull();
  });
});
