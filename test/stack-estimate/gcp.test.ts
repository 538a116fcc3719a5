import { describe, expect, it } from "vitest";
import { estimateFile, resourceNamed, skippedNamed } from "./helpers.ts";

const estimate = estimateFile("../fixtures/pulumi/preview.derived-gcp.json");

describe("GCP resources in a preview", () => {
  it("places an instance by its zone, and reads a machine type given as a URL", () => {
    expect(resourceNamed(estimate, "single")).toMatchObject({ instanceType: "n2-standard-8", region: "europe-west1", regionVia: "resource zone" });
    expect(resourceNamed(estimate, "url-type")).toMatchObject({ instanceType: "c3-standard-4", region: "europe-west4" });
  });

  it("estimates an N1 with its T4 attached, and refuses a CPU-only N1 the catalog lists only with one", () => {
    expect(resourceNamed(estimate, "t4")).toMatchObject({ instanceType: "n1-standard-8", region: "us-central1" });
    expect(skippedNamed(estimate, "cpu-n1").reason).toMatch(/only with 1 T4 attached; this one declares 0/);
  });

  it("counts a template through its zonal group's targetSize", () => {
    expect(resourceNamed(estimate, "svc", "gcp:compute/instanceGroupManager:InstanceGroupManager")).toMatchObject({
      instanceType: "c4-standard-4",
      region: "europe-west4",
      count: 3,
      countNote: "targetSize",
    });
  });

  it("sizes a regional group by its autoscaler, which owns the size: the minimum when above targetSize", () => {
    const group = resourceNamed(estimate, "batch", "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager");
    expect(group).toMatchObject({ instanceType: "e2-standard-4", region: "europe-west1", count: 2 });
    expect(group.countNote).toMatch(/autoscaler batch: 2–10; estimated at its minimum/);
    expect(estimate.accountedFor.map((entry) => entry.reason)).toEqual(
      expect.arrayContaining(["counted through managed instance group svc", "counted through managed instance group batch", "sizes managed instance group batch"]),
    );
  });

  it("counts a regional node pool in each of GKE's three default zones, and in the zones it lists", () => {
    expect(resourceNamed(estimate, "pool")).toMatchObject({ instanceType: "n2-standard-4", count: 6, region: "europe-west4" });
    expect(resourceNamed(estimate, "pool").countNote).toMatch(/GKE's default of 3 zones/);
    expect(resourceNamed(estimate, "two-zones")).toMatchObject({ count: 2 });
    expect(resourceNamed(estimate, "zonal-pool")).toMatchObject({ count: 1, region: "europe-west4", instanceType: "e2-standard-2" });
  });

  it("lists storage as not estimated, for want of a sourced price", () => {
    expect(skippedNamed(estimate, "data").reason).toMatch(/^storage: not estimated/);
  });
});
