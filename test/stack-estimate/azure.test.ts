import { describe, expect, it } from "vitest";
import { estimateFile, resourceNamed, skippedNamed } from "./helpers.ts";

const estimate = estimateFile("../fixtures/pulumi/preview.derived-azure.json");

describe("Azure resources in a preview", () => {
  it("estimates a VM in its own location and a scale set at its capacity in the config's location, spelt as a display name", () => {
    expect(resourceNamed(estimate, "web")).toMatchObject({ instanceType: "Standard_D2s_v5", region: "northeurope", count: 1 });
    expect(resourceNamed(estimate, "workers")).toMatchObject({ instanceType: "Standard_F4s_v2", region: "westeurope", count: 5, regionVia: "config azure-native:location" });
  });

  it("estimates an AKS cluster's inline pool and a separate agent pool, which inherits the cluster's location", () => {
    expect(resourceNamed(estimate, "aks/system")).toMatchObject({ instanceType: "Standard_D4s_v5", count: 3, region: "swedencentral" });
    const gpu = resourceNamed(estimate, "gpu");
    expect(gpu).toMatchObject({ instanceType: "Standard_NC4as_T4_v3", count: 1, region: "swedencentral" });
    expect(gpu.regionVia).toMatch(/via ManagedCluster/);
  });

  it("lists a load balancer as not estimated", () => {
    expect(skippedNamed(estimate, "lb").reason).toMatch(/^load balancer: not estimated/);
  });
});
