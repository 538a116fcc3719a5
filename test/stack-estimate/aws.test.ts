import { describe, expect, it } from "vitest";
import { estimateFile, resourceNamed, skippedNamed } from "./helpers.ts";

const estimate = estimateFile("../fixtures/pulumi/preview.derived-aws.json");

describe("AWS resources in a preview", () => {
  it("places an instance by the stack config when it names no region", () => {
    expect(resourceNamed(estimate, "api")).toMatchObject({ instanceType: "c7i.xlarge", region: "eu-west-1", regionVia: "config aws:region", count: 1 });
  });

  it("follows an explicit provider created in the same preview, and a resource's own availability zone", () => {
    expect(resourceNamed(estimate, "edge")).toMatchObject({ region: "us-west-2", regionVia: "provider us region" });
    expect(resourceNamed(estimate, "zonal")).toMatchObject({ region: "eu-central-1", regionVia: "resource availabilityZone" });
  });

  it("counts a launch template through its auto-scaling group's desired capacity, although its id is unknown", () => {
    const group = resourceNamed(estimate, "workers", "aws:autoscaling/group:Group");
    expect(group).toMatchObject({ instanceType: "m5.xlarge", count: 4, countNote: "desired capacity (min 1, max 8)" });
    expect(estimate.accountedFor.map((entry) => entry.reason)).toContain("counted through auto-scaling group workers");
    expect(skippedNamed(estimate, "unused").reason).toMatch(/no auto-scaling group .* uses: 0 instances/);
  });

  it("names values unknown at preview time instead of counting them as 0", () => {
    expect(skippedNamed(estimate, "pending").reason).toMatch(/instance type unknown: instanceType is not known until .*04da6b54-80e4-46f7-96ec-b56ff0331ba9/);
    expect(skippedNamed(estimate, "batch").reason).toMatch(/instance count unknown: desiredCapacity is not known/);
    expect(estimate.resources.every((resource) => resource.name !== "pending" && resource.name !== "batch")).toBe(true);
  });

  it("suggests the closest type for a misspelt one", () => {
    const typo = skippedNamed(estimate, "typo");
    expect(typo.reason).toMatch(/unknown instance type 'c7i\.xlarg'/);
    expect(typo.suggestions).toContain("c7i.xlarge");
  });

  it("estimates EKS node groups at their desired size, on EKS's default type when none is given", () => {
    expect(resourceNamed(estimate, "gpu")).toMatchObject({ instanceType: "g5.xlarge", count: 2 });
    expect(resourceNamed(estimate, "general")).toMatchObject({ instanceType: "t3.medium", count: 1 });
    expect(resourceNamed(estimate, "general").countNote).toMatch(/EKS's default t3.medium/);
  });

  it("prices a resource hourly × 730 h × count, and lists every other resource with why", () => {
    const group = resourceNamed(estimate, "workers", "aws:autoscaling/group:Group");
    expect(group.monthlyCostUsd).toBeCloseTo((group.usdPerHour ?? 0) * 730 * 4, 6);
    expect(skippedNamed(estimate, "main")).toMatchObject({ type: "aws:ec2/vpc:Vpc", reason: expect.stringMatching(/^not compute/) });
    expect(skippedNamed(estimate, "us").reason).toMatch(/^provider/);
  });

  it("prices previous generations in us-east-1 only, and still gives their energy and carbon elsewhere", () => {
    const group = resourceNamed(estimate, "workers", "aws:autoscaling/group:Group");
    expect(group.monthlyCostUsd).toBeNull();
    expect(group.notes).toContain("no price for m5.xlarge in eu-west-1 in the catalog");
    expect(group.monthlyKgCo2e).toBeGreaterThan(0);
    expect(estimate.totals.unpriced).toBeGreaterThan(0);
  });
});
