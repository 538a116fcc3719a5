import { describe, expect, it } from "vitest";
import { estimateFile, resourceNamed, skippedNamed } from "./helpers.ts";

describe("a stack export", () => {
  it("follows each resource's provider reference (URN::ID) to its default or named provider", () => {
    const estimate = estimateFile("../fixtures/pulumi/stack-export.derived-providers.json");
    expect(resourceNamed(estimate, "sydney")).toMatchObject({ region: "ap-southeast-2", regionVia: "default provider region" });
    expect(resourceNamed(estimate, "stockholm")).toMatchObject({ region: "eu-north-1", regionVia: "provider stockholm region" });
    expect(skippedNamed(estimate, "orphan").reason).toMatch(/region unknown: its provider gone is not in the document/);
  });

  it("reads a real export with nothing to estimate and lists all of it", () => {
    const estimate = estimateFile("../fixtures/pulumi/stack-export.pulumi-docs-service-api.json");
    expect(estimate.resources).toEqual([]);
    expect(estimate.notEstimated.map((entry) => entry.type)).toEqual(["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:ec2/vpc:Vpc"]);
  });

  it("reads an event log: the region from the prelude's gcp:zone", () => {
    const estimate = estimateFile("../fixtures/pulumi/engine-events.derived-gcp.ndjson");
    expect(resourceNamed(estimate, "worker")).toMatchObject({ instanceType: "n2-standard-2", region: "europe-west1", regionVia: "config gcp:zone" });
  });
});
