import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSpecFile } from "../../src/load/plan-from-files.ts";

const directory = mkdtempSync(join(tmpdir(), "wattplan-baseline-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/pulumi/${name}`, import.meta.url), "utf8");

function specWith(baseline: string): string {
  writeFileSync(join(directory, "state.json"), fixture("stack-export.derived-providers.json"));
  writeFileSync(join(directory, "preview.json"), fixture("preview.derived-azure.json"));
  const path = join(directory, "spec.yaml");
  writeFileSync(path, `name: svc\nmodel:\n  profile: ./profile.json\ntraffic:\n  meanRps: 10\n  peakRps: 20\nbaseline: ${baseline}\n`);
  return path;
}

describe("a plan's baseline from the user's Pulumi state", () => {
  it("takes the named resource's provider, region, type and count, and says where it came from", async () => {
    const spec = await readSpecFile(specWith("{ pulumiState: ./state.json, resource: 'urn:pulumi:prod::export-derived::aws:ec2/instance:Instance::stockholm', batchSize: 4 }"));
    expect(spec.baseline).toEqual({
      provider: "aws",
      region: "eu-north-1",
      instanceType: "c8g.large",
      instances: 1,
      precision: "fp32",
      batchSize: 4,
      source: "Pulumi state ./state.json, urn:pulumi:prod::export-derived::aws:ec2/instance:Instance::stockholm",
    });
  });

  it("takes the only compute resource when there is one, from a preview too", async () => {
    writeFileSync(join(directory, "one.json"), JSON.stringify({ ...JSON.parse(fixture("preview.derived-azure.json")), steps: JSON.parse(fixture("preview.derived-azure.json")).steps.slice(0, 1) }));
    const spec = await readSpecFile(specWith("{ pulumiState: ./one.json }"));
    expect(spec.baseline).toMatchObject({ provider: "azure", region: "northeurope", instanceType: "Standard_D2s_v5", instances: 1 });
  });

  it("finds the key however the YAML spells it, escapes included", async () => {
    writeFileSync(join(directory, "escaped.json"), JSON.stringify({ ...JSON.parse(fixture("preview.derived-azure.json")), steps: JSON.parse(fixture("preview.derived-azure.json")).steps.slice(0, 1) }));
    const spec = await readSpecFile(specWith('{ "pulumi\\x53tate": ./escaped.json }'));
    expect(spec.baseline).toMatchObject({ provider: "azure", region: "northeurope", instanceType: "Standard_D2s_v5" });
  });

  it("with several compute resources and no resource, fails with one line listing them", async () => {
    const error = (await readSpecFile(specWith("{ pulumiState: ./preview.json }")).then(
      () => new Error("expected a failure"),
      (caught: Error) => caught,
    )) as Error;
    expect(error.message.split("\n")).toHaveLength(1);
    expect(error.message).toMatch(/baseline\.pulumiState \.\/preview\.json has 4 compute resources; name one with baseline\.resource: .*VirtualMachine::web \(Standard_D2s_v5 × 1, northeurope\)/);
  });

  it("refuses a resource it cannot find, a region it cannot tell, and a baseline given both ways", async () => {
    await expect(readSpecFile(specWith("{ pulumiState: ./state.json, resource: nope }"))).rejects.toThrow(/no compute resource nope; it has/);
    await expect(readSpecFile(specWith("{ pulumiState: ./state.json, resource: orphan }"))).rejects.toThrow(/region unknown: its provider gone is not in the document/);
    await expect(readSpecFile(specWith("{ pulumiState: ./state.json, provider: aws }"))).rejects.toThrow(/both pulumiState and provider/);
    await expect(readSpecFile(specWith("{ pulumiState: ./missing.json }"))).rejects.toThrow(/baseline\.pulumiState not found/);
  });
});
