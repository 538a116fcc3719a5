// `--on cloud:type` resolved against the bundled catalog, the cost shown before anything starts, and the refusals.
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/domain/catalog.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { findRegion, offersForType, regionIntensity } from "../../src/catalog/queries.ts";
import { targetCost, phaseMinutes } from "../../src/bench-fleet/cost.ts";
import { assertMayStart, formatRunPlan, planRun } from "../../src/bench-fleet/run-plan.ts";
import { parseTargetName, resolveTargets } from "../../src/bench-fleet/targets.ts";
import { isWattplanError } from "../../src/errors.ts";

const catalog = loadCatalog();

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isWattplanError(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("resolveTargets", () => {
  it("finds each type, runs NVIDIA GPUs through cuda, and takes the cleanest region offering the type", () => {
    const [cpu, gpu, azure] = resolveTargets(catalog, { targets: ["aws:c7i.large", "gcp:g2-standard-4", "azure:standard_d4s_v5"] });
    expect(cpu).toMatchObject({ id: "aws:c7i.large", provider: "aws", architecture: "x86_64", executionProvider: "cpu", accelerator: null });
    expect(gpu).toMatchObject({ id: "gcp:g2-standard-4", executionProvider: "cuda", accelerator: { model: "L4", count: 1 } });
    // Azure names are case-insensitive: the catalog's spelling is kept.
    expect(azure.instanceType).toBe("Standard_D4s_v5");
    for (const target of [cpu, gpu, azure]) {
      const intensities = offersForType(catalog, target).map((offer) => regionIntensity(findRegion(catalog, offer.region, offer.provider))!.value);
      expect(regionIntensity(findRegion(catalog, target.region, target.provider))!.value).toBe(Math.min(...intensities));
      const offer = offersForType(catalog, target).find((candidate) => candidate.region === target.region)!;
      expect(target.usdPerHour).toBe(offer.usdPerHour.onDemand);
      expect(target.regionReason).toMatch(/^cleanest offering it: \d+ gCO2e\/kWh lifecycle$/);
    }
  });

  it("uses the region given for that cloud's targets, and says where a type is offered when it is not there", () => {
    const [target] = resolveTargets(catalog, { targets: ["aws:c7i.large"], regions: ["us-east-1"] });
    expect(target).toMatchObject({ region: "us-east-1", regionReason: "given" });
    const notOffered = errorOf(() => resolveTargets(catalog, { targets: ["aws:g6.xlarge"], regions: ["af-south-1"] }));
    expect(notOffered.message).toBe("aws:g6.xlarge is not offered in af-south-1 (catalog)");
    expect(notOffered.hint).toMatch(/^it is offered in [a-z0-9-]+, [a-z0-9-]+, [a-z0-9-]+/);
    expect(notOffered.detail).toEqual({ option: "regions" });
  });

  it("refuses in one line: a typo (with a close match), a bad name, two regions for one cloud, a region without a target", () => {
    expect(errorOf(() => resolveTargets(catalog, { targets: ["aws:g6.xlarj"] })).message).toMatch(/^unknown instance type 'g6.xlarj'; did you mean g6.xlarge/);
    expect(errorOf(() => resolveTargets(catalog, { targets: ["g6.xlarge"] })).message).toBe("target 'g6.xlarge' is not cloud:type");
    expect(errorOf(() => parseTargetName("oracle:VM.Standard3")).message).toMatch(/^unknown provider 'oracle'/);
    expect(errorOf(() => resolveTargets(catalog, { targets: ["aws:c7i.large", "aws:c7i.large"] })).message).toBe("target aws:c7i.large is named twice");
    expect(errorOf(() => resolveTargets(catalog, { targets: ["aws:c7i.large"], regions: ["eu-north-1", "us-east-1"] })).message).toBe("two aws regions given (eu-north-1 and us-east-1)");
    expect(errorOf(() => resolveTargets(catalog, { targets: ["aws:c7i.large"], regions: ["europe-north2"] })).message).toBe("region europe-north2 is on gcp, but no gcp target is named");
    expect(errorOf(() => resolveTargets(catalog, { targets: [] })).detail).toEqual({ option: "targets", example: "aws:c7i.large" });
  });

  it("refuses accelerators onnxruntime-node cannot run, and GPUs on arm64 (no CUDA provider for linux/arm64)", () => {
    expect(errorOf(() => resolveTargets(catalog, { targets: ["aws:inf2.xlarge"] })).message).toBe("aws:inf2.xlarge carries Inferentia2 (AWS), which onnxruntime-node cannot run models on");
    const g6 = catalog.instanceTypes.find((type) => type.instanceType === "g6.xlarge")!;
    const withArmGpu: Catalog = {
      ...catalog,
      instanceTypes: [...catalog.instanceTypes, { ...g6, instanceType: "g5g.xlarge", architecture: "arm64" }],
      offers: [...catalog.offers, ...offersForType(catalog, g6).map((offer) => ({ ...offer, instanceType: "g5g.xlarge" }))],
    };
    expect(errorOf(() => resolveTargets(withArmGpu, { targets: ["aws:g5g.xlarge"] })).message).toMatch(/arm64 GPU type, and onnxruntime-node has no CUDA provider for linux\/arm64$/);
  });
});

describe("the cost and the go-ahead", () => {
  const targets = resolveTargets(catalog, { targets: ["aws:c7i.large", "aws:g6.xlarge"] });

  it("prices each phase's minutes at the catalog's hourly price, rounded up to whole minutes, and doubles all but destroying for the ceiling", () => {
    const [cpu, gpu] = targets;
    const minutes = phaseMinutes(cpu, 90);
    expect(minutes.benchmarking).toBe(2 + 3);
    const cost = targetCost(cpu, 90);
    const working = minutes.provisioning + minutes.installing + minutes.benchmarking + minutes.uploading;
    expect(cost).toEqual({
      expectedMinutes: working + minutes.destroying,
      deadlineMinutes: 2 * working,
      ceilingMinutes: 2 * working + minutes.destroying,
      expectedUsd: (cpu.usdPerHour * (working + minutes.destroying)) / 60,
      ceilingUsd: (cpu.usdPerHour * (2 * working + minutes.destroying)) / 60,
    });
    // GPU machines get longer to boot and install (driver, the CUDA provider's download).
    expect(targetCost(gpu, 90).expectedMinutes).toBeGreaterThan(cost.expectedMinutes);
  });

  it("prints what runs where and what it costs, then refuses without a go-ahead", () => {
    const plan = planRun(targets, { runId: "0123abcd", budgetSeconds: 60, parallelism: 8 });
    expect(plan.parallelism).toBe(2);
    expect(plan.targets.map((target) => target.stackName)).toEqual(["bench-0123abcd-aws-c7i-large", "bench-0123abcd-aws-g6-xlarge"]);
    expect(plan.expectedUsd).toBeCloseTo(plan.targets[0].cost.expectedUsd + plan.targets[1].cost.expectedUsd, 12);
    const text = formatRunPlan(plan, "model.onnx");
    expect(text).toMatch(/aws:c7i\.large +eu-north-1 \(cleanest offering it: \d+ gCO2e\/kWh lifecycle\) +cpu \(x86_64\)/);
    expect(text).toMatch(/aws:g6\.xlarge .* cuda \(1× L4\)/);
    expect(text).toContain("no spending limit given");
    const refusal = errorOf(() => assertMayStart(plan, false));
    expect(refusal.code).toBe("REFUSED");
    expect(refusal.message).toMatch(/^not starting 2 cloud machines \(expected \$[\d.]+, at most \$[\d.]+\) without a go-ahead$/);
    expect(refusal.detail).toEqual({ option: "confirm" });
    expect(() => assertMayStart(plan, true)).not.toThrow();
  });

  it("refuses, even with a go-ahead, when the expected cost is above the limit", () => {
    const plan = planRun(targets, { runId: "0123abcd", budgetSeconds: 60, parallelism: 2, maxUsd: 0.05 });
    const refusal = errorOf(() => assertMayStart(plan, true));
    expect(refusal.message).toMatch(/^the 2 cloud machines are expected to cost \$[\d.]+, more than the \$0\.05 allowed; nothing was started$/);
    expect(refusal.detail).toMatchObject({ option: "maxUsd" });
    expect(formatRunPlan(plan, "model.onnx")).toContain("spending limit $0.05: every machine is destroyed before the estimated spend reaches it");
  });
});
