// Deployability is read off the serving device (src/domain/serving.ts), not off type or family names: checked here for
// every instance type the catalog has, against the vendor the catalog records for its accelerator.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { findAccelerator } from "../../src/catalog/queries.ts";
import { servingDeviceOf } from "../../src/domain/serving.ts";
import { deployabilityOf } from "../../src/plan/deployability.ts";

const catalog = loadCatalog();

describe("deployabilityOf", () => {
  it("deploys every catalog type that has a serving device (CPU or an NVIDIA GPU by the catalog's vendor) and no other", () => {
    const seen = { cpu: 0, "nvidia-gpu": 0, none: 0 };
    for (const instance of catalog.instanceTypes) {
      const where = `${instance.provider} ${instance.instanceType} (${instance.accelerator?.model ?? "no accelerator"})`;
      const device = servingDeviceOf(instance.accelerator);
      const verdict = deployabilityOf(instance);
      expect(verdict.deployable, where).toBe(device !== null);
      const vendor = instance.accelerator ? findAccelerator(catalog, instance.accelerator.model).vendor : null;
      expect(verdict.deployable, `${where}, vendor ${vendor}`).toBe(vendor === null || vendor === "NVIDIA");
      if (!verdict.deployable) expect(verdict.reason, where).toContain(instance.accelerator!.model);
      seen[device ?? "none"]++;
    }
    // Each verdict was reached by real types: CPUs, NVIDIA GPUs, and Inferentia (inf2) refused.
    expect(seen.cpu).toBeGreaterThan(100);
    expect(seen["nvidia-gpu"]).toBeGreaterThan(10);
    expect(seen.none).toBeGreaterThan(0);
  });

  it("refuses a Neuron type the catalog does not list yet (Trainium2 on trn2), naming its accelerator in the reason", () => {
    const inf2 = catalog.instanceTypes.find((instance) => instance.accelerator?.model === "Inferentia2");
    expect(inf2).toBeDefined();
    const trn2 = { ...inf2!, instanceType: "trn2.48xlarge", family: "trn2", accelerator: { model: "Trainium2", count: 16, memoryGb: 96 } };
    expect(deployabilityOf(trn2)).toEqual({
      deployable: false,
      reason: "Trainium2 runs only models compiled ahead of time for it; wattplan serves on CPUs and NVIDIA GPUs and cannot compile or emit one yet",
    });
  });
});
