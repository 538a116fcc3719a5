import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { fixturePlan, temporaryDirectory, writeFixturePlan, writePlan } from "./helpers.ts";
import { wattplanRejectionOf } from "../wattplan-error.ts";

let directory: { path: string; cleanUp: () => Promise<void> };
let planPath: string;
beforeEach(async () => {
  directory = await temporaryDirectory();
  planPath = await writeFixturePlan(directory.path);
});
afterEach(async () => {
  await directory.cleanUp();
});

const stackPath = (name = "prod") => join(directory.path, `Pulumi.${name}.yaml`);
const emit = (options: Partial<Parameters<typeof emitStack>[0]> = {}) =>
  emitStack({ planPath, stackName: "prod", stacksDirectory: directory.path, ...options });
const readConfig = async (name = "prod") => (parse(await readFile(stackPath(name), "utf8")) as { config: Record<string, unknown> }).config;

describe("wattplan emit", () => {
  it("writes the provider's region and the plan's deployment under wattplan:, in a stable order", async () => {
    const plan = await fixturePlan();
    const result = await emit();
    expect(result.created).toBe(true);
    const config = await readConfig();
    const keys = Object.keys(config);
    expect(keys[0]).toBe("aws:region");
    expect(keys.slice(1, 6)).toEqual(["wattplan:planId", "wattplan:wattplanVersion", "wattplan:candidateKey", "wattplan:provider", "wattplan:region"]);
    expect(keys.at(-1)).toBe("wattplan:emitDigest");
    expect(config).toMatchObject({
      "aws:region": "eu-north-1",
      "wattplan:planId": plan.id,
      "wattplan:provider": "aws",
      "wattplan:instanceType": "c7g.2xlarge",
      "wattplan:architecture": "arm64",
      "wattplan:instances": { min: 2, desired: 3, max: 7 },
      "wattplan:precision": "int8",
      "wattplan:batchSize": 8,
      "wattplan:maxQueueDelayMs": 10,
      "wattplan:artifactTransform": "dynamic-int8",
      "wattplan:gCo2ePerThousandInferences": 0.0711,
      "wattplan:gridIntensityGCo2ePerKwh": 36,
      "wattplan:monthlyCostUsd": 636,
      "wattplan:monthlyKgCo2e": 22.4,
    });
    expect(config).not.toHaveProperty("wattplan:accelerator");
    expect(config).not.toHaveProperty("wattplan:modelUri");
    const first = await readFile(stackPath(), "utf8");
    await emit();
    expect(await readFile(stackPath(), "utf8")).toBe(first);
    expect((await readdir(directory.path)).sort()).toEqual([".artifacts", "Pulumi.prod.yaml", "plan.json"]);
  });

  it("keeps keys it does not own on re-emit: encryptionsalt, secrets, user config, comments", async () => {
    await emit();
    const original = await readFile(stackPath(), "utf8");
    const edited =
      "encryptionsalt: v1:abc123:v1:salt\n" +
      original.replace("config:\n", "config:\n  # who owns this stack\n  gcp:project: my-project\n  wattplan:sshPublicKey:\n    secure: v1:AAAAsecret\n  team:owner: ml-platform\n");
    await writeFile(stackPath(), edited);
    await emit({ candidate: "2", config: ["gcp:project=my-project"] });
    const text = await readFile(stackPath(), "utf8");
    const document = parse(text) as { encryptionsalt: string; config: Record<string, unknown> };
    expect(document.encryptionsalt).toBe("v1:abc123:v1:salt");
    expect(document.config).toMatchObject({
      "gcp:project": "my-project",
      "wattplan:sshPublicKey": { secure: "v1:AAAAsecret" },
      "team:owner": "ml-platform",
      "gcp:region": "europe-north1",
      "wattplan:provider": "gcp",
    });
    expect(document.config).not.toHaveProperty("aws:region");
    expect(text).toContain("# who owns this stack");
  });

  it("refuses to overwrite wattplan: keys edited by hand, unless --force", async () => {
    await emit();
    const original = await readFile(stackPath(), "utf8");
    await writeFile(stackPath(), original.replace("wattplan:instanceType: c7g.2xlarge", "wattplan:instanceType: c7g.4xlarge"));
    const error = await wattplanRejectionOf(emit());
    expect(error.code).toBe("REFUSED");
    expect(error.message).toMatch(/edited by hand/);
    expect(error.detail).toEqual({ option: "force" });
    expect(await readFile(stackPath(), "utf8")).toContain("c7g.4xlarge");
    await emit({ force: true });
    expect((await readConfig())["wattplan:instanceType"]).toBe("c7g.2xlarge");
  });

  it("re-emits over a file Pulumi has saved since (top-level scalars rewritten as quoted strings), yet still sees real edits", async () => {
    await emit();
    // What `pulumi config set gcp:project my-project` leaves: every top-level scalar read as a string and written back
    // quoted where it would otherwise read as a number, keys sorted; objects keep their types.
    const asPulumiSavesIt = (config: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries({ ...config, "gcp:project": "my-project" })
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, value]) => [key, typeof value === "number" || typeof value === "boolean" ? String(value) : value]),
      );
    const saved = asPulumiSavesIt(await readConfig());
    expect(saved["wattplan:batchSize"]).toBe("8");
    await writeFile(stackPath(), stringify({ config: saved }));
    expect(await readFile(stackPath(), "utf8")).toContain('wattplan:batchSize: "8"');
    await emit();
    expect((await readConfig())["gcp:project"]).toBe("my-project");
    expect((await readConfig())["wattplan:batchSize"]).toBe(8);

    await writeFile(stackPath(), stringify({ config: { ...asPulumiSavesIt(await readConfig()), "wattplan:batchSize": "16" } }));
    expect((await wattplanRejectionOf(emit())).message).toMatch(/edited by hand/);
  });

  it("refuses wattplan: keys it did not write (no digest)", async () => {
    await writeFile(stackPath(), "config:\n  wattplan:region: eu-west-1\n");
    expect((await wattplanRejectionOf(emit())).message).toMatch(/not written by wattplan emit/);
  });

  it("keeps user keys (vpcId, subnetIds, publicSubnetIds) across re-emits and types them as the schema says", async () => {
    await emit({ config: ["wattplan:vpcId=vpc-0abc", "subnetIds=subnet-1, subnet-2", "publicSubnetIds=[\"subnet-3\",\"subnet-4\"]"] });
    await emit();
    expect(await readConfig()).toMatchObject({ "wattplan:vpcId": "vpc-0abc", "wattplan:subnetIds": ["subnet-1", "subnet-2"], "wattplan:publicSubnetIds": ["subnet-3", "subnet-4"] });
    // A VPC of the user's without both kinds of subnet: wattplan could not tell where the instances and the load balancer go.
    expect((await wattplanRejectionOf(emit({ stackName: "half", config: ["wattplan:vpcId=vpc-0abc", "subnetIds=subnet-1"] }))).message).toMatch(
      /wattplan:vpcId: a VPC of your own needs subnetIds \(private, for the instances\) and publicSubnetIds \(for the load balancer\)/,
    );
  });

  it("picks candidates by rank: 1 = chosen, 2 = the first alternative", async () => {
    const plan = await fixturePlan();
    expect((await emit({ candidate: "1" })).candidate.key).toBe(plan.chosen.key);
    expect((await emit({ stackName: "alt", candidate: "2" })).candidate.key).toBe(plan.alternatives[0].key);
    expect((await wattplanRejectionOf(emit({ stackName: "x", candidate: "9" }))).message).toMatch(/no candidate of rank 9/);
    expect((await wattplanRejectionOf(emit({ stackName: "x", candidate: "best" }))).message).toMatch(/'chosen' or a rank/);
  });

  it("refuses an undeployable candidate with the plan's reason", async () => {
    const error = await wattplanRejectionOf(emit({ candidate: "4" }));
    expect(error.message).toBe("candidate aws/us-west-2/inf2.xlarge/fp32/b8 cannot be deployed: Inferentia needs a Neuron-compiled model; wattplan cannot emit it yet");
  });

  it("refuses a plan that fails validation, naming the path", async () => {
    const plan = await fixturePlan();
    const planPath = await writePlan(directory.path, { ...plan, chosen: { ...plan.chosen, instances: { min: 0, desired: 3, max: 7 } } });
    const error = await wattplanRejectionOf(emit({ planPath }));
    expect(error.code).toBe("INVALID_PLAN");
    expect(error.message).toMatch(/chosen\.instances\.min/);
    const notJson = join(directory.path, "broken.json");
    await writeFile(notJson, "{");
    expect((await wattplanRejectionOf(emit({ planPath: notJson }))).message).toMatch(/is not JSON/);
    expect((await wattplanRejectionOf(emit({ planPath: join(directory.path, "missing.json") }))).code).toBe("FILE_NOT_FOUND");
  });

  it("refuses stack names Pulumi would reject", async () => {
    for (const name of ["a/b", "", "with space", "..", "x".repeat(101), "ü"]) {
      expect((await wattplanRejectionOf(emit({ stackName: name }))).message, name).toMatch(/invalid stack name/);
    }
    await emit({ stackName: "Prod_eu-1.v2" });
  });

  it("refuses --config for keys the plan decides, and suggests close names for unknown ones", async () => {
    expect((await wattplanRejectionOf(emit({ config: ["wattplan:region=us-east-1"] }))).message).toMatch(/comes from the plan/);
    expect((await wattplanRejectionOf(emit({ config: ["aws:region=us-east-1"] }))).message).toMatch(/comes from the plan/);
    expect((await wattplanRejectionOf(emit({ config: ["wattplan:vpcID=vpc-1"] }))).message).toMatch(/did you mean wattplan:vpcId/);
    expect((await wattplanRejectionOf(emit({ config: ["novalue"] }))).message).toMatch(/key=value/);
    expect((await wattplanRejectionOf(emit({ config: ["wattplan:subnetIds=subnet-a"] }))).message).toMatch(/subnetIds and publicSubnetIds need vpcId/);
  });

  it("writes any value YAML-safely: what goes in comes back out, for readers of YAML 1.1 too", async () => {
    const tricky = ["yes", "no", "on", "null", "~", "true", "0123", "1e3", "0x1F", "- item", "#comment", "a: b", "key: 'x'", 'q"uote', "multi\nline", "tab\tbed", " lead", "trail ", "ünïcødé", "*alias", "&anchor", "!tag", "%", "@", "`", "2026-11-28", ""];
    for (const [index, value] of tricky.entries()) {
      await emit({ stackName: `s${index}`, config: [`team:value=${value}`] });
      const text = await readFile(stackPath(`s${index}`), "utf8");
      expect((parse(text) as { config: Record<string, unknown> }).config["team:value"], JSON.stringify(value)).toBe(value);
      // Words YAML 1.1 reads as booleans or null stay quoted.
      if (/^(yes|no|on|null|~|true)$/.test(value)) expect(text).toContain(`team:value: "${value}"`);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), async (value) => {
        await emit({ stackName: "fuzz", config: [`team:value=${value}`], force: true });
        const config = (parse(await readFile(stackPath("fuzz"), "utf8")) as { config: Record<string, unknown> }).config;
        expect(config["team:value"]).toBe(value);
      }),
      { numRuns: 60 },
    );
  });
});
