// The accuracy gate: a reduced precision whose measured drift from FP32 is below options.accuracy.minCosineSimilarity
// is never planned (never the choice, never shown), the plan says which figure excluded it, and every candidate
// carries the file it is served from, in the weight range its CPUs need.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ArtifactRecipe, ArtifactRecord, OutputDrift } from "../../src/domain/artifact.ts";
import type { Candidate, Plan } from "../../src/domain/plan.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { plan } from "../../src/plan/index.ts";
import { checkedCases } from "../checked-cases.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "./helpers.ts";

const sha = (digit: string) => digit.repeat(64);
const drift = (cosineSimilarity: number | null): OutputDrift => ({ maxAbsDifference: 0.05, cosineSimilarity, top1Agreement: 0.99, nonFiniteMismatches: cosineSimilarity === null ? 3 : 0 });
const measured = (cosine: number | null | undefined) => (cosine === undefined ? { drift: null, driftNote: "not measurable on this host" } : { drift: drift(cosine), driftNote: "measured" });

interface Drifts {
  /** CPU INT8 at 7 and 8 bits (static, uint8 activations), and TensorRT's static INT8 at 8 bits; undefined = not measurable. */
  cpu7?: number | null;
  cpu8?: number | null;
  gpu8?: number | null;
}

/** The fixture CNN as schemaVersion 2 records it (static QDQ INT8: its work is in convolutions), with the given drift per file. */
function profileWith(drifts: Drifts): ModelProfile {
  const base = cnnProfile();
  const calibration = { method: "min/max", samples: 16, seed: 43 };
  const staticFile = (weightBits: 7 | 8, activations: "uint8-asymmetric" | "int8-symmetric"): ArtifactRecipe => ({ transform: "static-int8-qdq", weightBits, activations, activationRanges: { input: [-1, 1] }, calibration });
  const cpuFile = (weightBits: 7 | 8) => staticFile(weightBits, "uint8-asymmetric");
  const gpuFile = (weightBits: 7 | 8) => staticFile(weightBits, "int8-symmetric");
  const artifacts: ArtifactRecord[] = [
    { precision: "fp32", recipe: { transform: "none" }, sha256: base.model.sha256, bytes: 102_400_000, quantizedNodes: 0, drift: null, driftNote: "the reference" },
    { precision: "int8", recipe: cpuFile(7), sha256: sha("7"), bytes: 25_600_000, quantizedNodes: 54, ...measured(drifts.cpu7) },
    { precision: "int8", recipe: cpuFile(8), sha256: sha("8"), bytes: 25_600_000, quantizedNodes: 54, ...measured(drifts.cpu8) },
    { precision: "int8", recipe: gpuFile(7), sha256: sha("a"), bytes: 25_700_000, quantizedNodes: 54, ...measured(drifts.cpu7) },
    { precision: "int8", recipe: gpuFile(8), sha256: sha("b"), bytes: 25_700_000, quantizedNodes: 54, ...measured(drifts.gpu8) },
  ];
  return { ...base, schemaVersion: 2, quantization: { ...base.quantization!, transform: "static-int8-qdq", weightBits: 8 }, artifacts };
}

/** The small catalog with c5.xlarge on Skylake-SP (AVX-512 without VNNI): its INT8 file needs 7-bit weights. */
function catalogWithSkylake() {
  const catalog = smallCatalog();
  const c5 = catalog.instanceTypes.find((type) => type.instanceType === "c5.xlarge")!;
  c5.cpu = { ...c5.cpu, microarchitecture: "Skylake", int8Isa: "avx512" };
  return catalog;
}

const shown = (result: Plan): Candidate[] => [result.chosen, ...result.pareto, ...result.alternatives];
/** On a GPU wattplan serves from its own file (Inferentia candidates are shown undeployable: Neuron compiles their model). */
const onServedAccelerator = (candidate: Candidate) => candidate.accelerator !== null && candidate.deployable.deployable;
const planWith = (drifts: Drifts, minCosineSimilarity?: number) =>
  plan(baseSpec(minCosineSimilarity === undefined ? {} : { options: { accuracy: { minCosineSimilarity } } }), { catalog: catalogWithSkylake(), profiles: [profileWith(drifts)], now: fixedNow });

describe("the accuracy gate", () => {
  it("gives every candidate its file: TensorRT's static INT8 on GPUs, the CPU transform in the range its CPUs need", () => {
    const result = planWith({ cpu7: 0.999, cpu8: 0.999, gpu8: 0.999 });
    expect(result.chosen).toMatchObject({ instanceType: "g4dn.xlarge", precision: "int8", artifact: { sha256: sha("b"), recipe: { transform: "static-int8-qdq", weightBits: 8, activations: "int8-symmetric" } } });
    const byType = new Map(shown(result).map((candidate) => [`${candidate.instanceType}/${candidate.precision}`, candidate.artifact]));
    expect(byType.get("c5.xlarge/int8")).toMatchObject({ sha256: sha("7"), recipe: { transform: "static-int8-qdq", weightBits: 7, activations: "uint8-asymmetric" } }); // Skylake: no VNNI
    expect(byType.get("c6i.2xlarge/int8")).toMatchObject({ sha256: sha("8"), recipe: { transform: "static-int8-qdq", weightBits: 8, activations: "uint8-asymmetric" } }); // Ice Lake: VNNI
    expect(byType.get("c7g.2xlarge/int8")).toMatchObject({ sha256: sha("8") }); // Neoverse V1: Arm dot products
    expect(result.baseline.artifact).toEqual({ recipe: { transform: "none" }, sha256: cnnProfile().model.sha256, bytes: 102_400_000 });
    expect(result.search.excludedBy.accuracy).toBeUndefined();
  });

  it("never chooses or shows an INT8 file below the tolerance, and names the figure; a lower tolerance lets it back", () => {
    const strict = planWith({ cpu7: 0.999, cpu8: 0.999, gpu8: 0.95 });
    expect(shown(strict).filter((candidate) => onServedAccelerator(candidate) && candidate.precision === "int8")).toEqual([]);
    expect(strict.chosen.precision === "int8" && strict.chosen.accelerator).toBeFalsy();
    expect(strict.warnings).toContain(
      "INT8 (static-int8-qdq int8-symmetric, 8-bit weights, TensorRT) excluded: its outputs' cosine similarity to FP32 is 0.9500 (max |Δ| 0.0500; measured), below options.accuracy.minCosineSimilarity 0.99",
    );
    expect(strict.search.excludedBy.accuracy).toBeGreaterThan(0);
    const lenient = planWith({ cpu7: 0.999, cpu8: 0.999, gpu8: 0.95 }, 0.9);
    expect(lenient.chosen).toMatchObject({ instanceType: "g4dn.xlarge", precision: "int8" });
  });

  it("says when the excluding drift was measured on synthesized inputs, and how to measure it on real ones", () => {
    const onInputs = (driftOn: ArtifactRecord["driftOn"]) => {
      const profile = profileWith({ cpu7: 0.98, cpu8: 0.98, gpu8: 0.999 });
      profile.artifacts = profile.artifacts!.map((record) => (record.drift ? { ...record, driftOn } : record));
      const result = plan(baseSpec(), { catalog: catalogWithSkylake(), profiles: [profile], now: fixedNow });
      return result.warnings.filter((line) => line.startsWith("INT8 (static-int8-qdq uint8-asymmetric, 7-bit weights) excluded"));
    };
    expect(onInputs("synthesized")).toEqual([expect.stringMatching(/below options\.accuracy\.minCosineSimilarity 0\.99; that drift was measured on synthesized inputs, .*bench the model again with real samples as its inputs file/)]);
    expect(onInputs("inputs-file")).toEqual([expect.stringMatching(/below options\.accuracy\.minCosineSimilarity 0\.99$/)]);
    expect(onInputs(undefined)).toEqual([expect.stringMatching(/below options\.accuracy\.minCosineSimilarity 0\.99$/)]);
  });

  it("gates each CPU type on the file in its own weight range", () => {
    const result = planWith({ cpu7: 0.98, cpu8: 0.999, gpu8: 0.999 });
    const int8 = shown(result).filter((candidate) => candidate.precision === "int8" && !candidate.accelerator);
    expect(int8.some((candidate) => candidate.instanceType === "c5.xlarge")).toBe(false);
    expect(int8.some((candidate) => candidate.instanceType === "c6i.2xlarge" || candidate.instanceType === "c7g.2xlarge")).toBe(true);
    expect(result.warnings.some((line) => line.startsWith("INT8 (static-int8-qdq uint8-asymmetric, 7-bit weights) excluded: its outputs' cosine similarity to FP32 is 0.9800"))).toBe(true);
  });

  it("lets the 7-bit file's drift stand in where 8-bit could not be measured, and says so", () => {
    const result = planWith({ cpu7: 0.98, cpu8: undefined, gpu8: 0.999 });
    expect(shown(result).filter((candidate) => candidate.precision === "int8" && !candidate.accelerator)).toEqual([]);
    expect(result.warnings).toContain(
      "INT8 (static-int8-qdq uint8-asymmetric, 8-bit weights) excluded: its outputs' cosine similarity to FP32 is 0.9800 (max |Δ| 0.0500; the 7-bit file's, standing in where 8-bit could not be measured), below options.accuracy.minCosineSimilarity 0.99",
    );
  });

  it("excludes a file whose outputs turn NaN/Inf where FP32's do not, whatever the tolerance", () => {
    const result = planWith({ cpu7: 0.999, cpu8: 0.999, gpu8: null }, 0);
    expect(shown(result).filter((candidate) => onServedAccelerator(candidate) && candidate.precision === "int8")).toEqual([]);
    expect(result.warnings).toContain("INT8 (static-int8-qdq int8-symmetric, 8-bit weights, TensorRT) excluded: 3 output element(s) turn NaN/Inf where FP32's do not (measured)");
  });

  it("holds for any drift and tolerance: no shown INT8 candidate's file is below the tolerance", () => {
    const cases = checkedCases();
    const cosine = fc.double({ min: 0.9, max: 1, noNaN: true });
    fc.assert(
      fc.property(cosine, cosine, cosine, fc.double({ min: 0.9, max: 1, noNaN: true }), (cpu7, cpu8, gpu8, tolerance) => {
        const result = planWith({ cpu7, cpu8, gpu8 }, tolerance);
        const fileDrift = new Map([[sha("7"), cpu7], [sha("8"), cpu8], [sha("b"), gpu8]]);
        const int8 = shown(result).filter((candidate) => candidate.precision === "int8" && (candidate.accelerator === null || onServedAccelerator(candidate)));
        for (const candidate of int8) expect(fileDrift.get(candidate.artifact!.sha256)!).toBeGreaterThanOrEqual(tolerance);
        if (int8.length > 0 && (result.search.excludedBy.accuracy ?? 0) > 0) cases.checked();
      }),
      { seed: 1212, numRuns: 25 },
    );
    cases.expectAtLeast(5);
  });
});
