import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { readStackDocument } from "../../src/pulumi-state/read-stack-document.ts";
import { previewDigestSchema, stackExportSchema } from "../../src/pulumi-state/schemas.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pulumi/${name}`, import.meta.url), "utf8");
const example = (name: string) => readFileSync(new URL(`../../examples/pulumi/${name}`, import.meta.url), "utf8");

function failure(text: string): WattplanError {
  try {
    readStackDocument(text, "in.json");
  } catch (error) {
    expect(error).toBeInstanceOf(WattplanError);
    return error as WattplanError;
  }
  throw new Error("expected the document to be refused");
}

describe("Pulumi documents", () => {
  it("reads a real stack export: every resource, none dropped", () => {
    const text = fixture("stack-export.pulumi-docs-service-api.json");
    expect(stackExportSchema.safeParse(JSON.parse(text)).success).toBe(true);
    const document = readStackDocument(text, "export");
    expect(document.kind).toBe("stack-export");
    expect(document.resources.map((resource) => resource.type)).toEqual(["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:ec2/vpc:Vpc"]);
    expect(document.resources[2].provider).toMatch(/default_3_32_0::d77c9fd7/);
  });

  it("reads a real engine event stream of concatenated JSON objects", () => {
    const document = readStackDocument(fixture("engine-events.pulumi-display-testdata.json"), "events");
    expect(document.kind).toBe("engine-events");
    expect(document.resources).toHaveLength(1);
    expect(document.changeSummary).toEqual({ update: 1 });
  });

  it("reads an --event-log file (one event per line): config from the prelude, deletes left out", () => {
    const document = readStackDocument(fixture("engine-events.derived-gcp.ndjson"), "events");
    expect(document.config["gcp:zone"]).toBe("europe-west1-c");
    expect(document.resources.map((resource) => resource.urn.split("::").pop())).toEqual(["worker"]);
    expect(document.removedUrns).toHaveLength(1);
  });

  it("validates every digest against Pulumi's PreviewDigest shape and keeps the resources the change leaves", () => {
    for (const name of ["preview.derived-aws.json", "preview.derived-gcp.json", "preview.derived-azure.json"]) {
      expect(previewDigestSchema.safeParse(JSON.parse(fixture(name))).success, name).toBe(true);
    }
    const document = readStackDocument(example("preview.json"), "preview");
    expect(document.kind).toBe("preview");
    expect(document.config["aws:region"]).toBe("us-east-1");
    expect(document.resources.length).toBe(JSON.parse(example("preview.json")).steps.length);
  });

  it("reads a local backend's checkpoint file as a stack export", () => {
    const exported = JSON.parse(fixture("stack-export.pulumi-docs-service-api.json"));
    const document = readStackDocument(JSON.stringify({ version: 3, checkpoint: { latest: exported.deployment } }), "checkpoint");
    expect(document.resources).toHaveLength(3);
  });
});

describe("bad input: one line, a hint", () => {
  const cases: [string, string, RegExp][] = [
    ["empty", "  \n", /the file is empty/],
    ["truncated digest", example("preview.json").slice(0, 900), /not valid JSON/],
    ["truncated event log", fixture("engine-events.derived-gcp.ndjson").slice(0, 400), /not valid JSON.*cut off|not valid JSON/],
    ["a number", "42", /a JSON number, not a Pulumi document/],
    ["a Terraform plan", JSON.stringify({ format_version: "1.2", terraform_version: "1.9.0", resource_changes: [] }), /Terraform plan/],
    ["a saved update plan", JSON.stringify({ resourcePlans: {} }), /update plan/],
    ["another tool's preview JSON", JSON.stringify({ steps: [{ resource: { type: "aws:s3/bucket:Bucket", properties: {} } }] }), /another tool's preview format/],
    ["a digest whose step has no urn", JSON.stringify({ steps: [{ op: "create", newState: { urn: "urn:pulumi:a::b::t::n" } }] }), /steps\[0\]\.urn/],
    ["an old export version", JSON.stringify({ version: 2, deployment: { manifest: {} } }), /version 2 is not supported/],
    ["an export without a manifest", JSON.stringify({ version: 3, deployment: { resources: [] } }), /deployment\.manifest/],
    ["unrelated JSON", JSON.stringify({ name: "x", items: [] }), /top-level keys: name, items/],
    ["an event that is not an engine event", '{"sequence":1,"timestamp":2}\n{"sequence":"x","timestamp":3}\n', /event 2 is not a Pulumi engine event at sequence/],
  ];
  for (const [name, text, pattern] of cases) {
    it(`refuses ${name}`, () => {
      const error = failure(text);
      expect(error.message).toMatch(pattern);
      expect(error.message).toMatch(/^in\.json: /);
      expect(error.message.split("\n")).toHaveLength(1);
    });
  }
});
