// Pulumi.yaml says how Pulumi's Node.js runtime starts the program (runtime options nodeargs, main). Start node
// exactly that way on the entry file, under runtime mocks (see runtime-bootstrap.mjs), and look at what it builds.
// The entry is the compiled program in dist/ (npm test builds it first; see ../compiled.ts).
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assertBuilt } from "../compiled.ts";
import { asPulumiConfig, emitStackConfig, fixturePlan, planChoosing, testProjectRoot } from "./helpers.ts";

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const bootstrap = fileURLToPath(new URL("./runtime-bootstrap.mjs", import.meta.url));

interface ProjectFile {
  name: string;
  main: string;
  stackConfigDir: string;
  runtime: { name: string; options: { typescript: boolean; nodeargs?: string } };
}

async function projectFile(): Promise<ProjectFile> {
  return parse(await readFile(`${projectRoot}/Pulumi.yaml`, "utf8")) as ProjectFile;
}

async function runAsPulumiWould(config: Record<string, string>) {
  const project = await projectFile();
  assertBuilt();
  const nodeArguments = (project.runtime.options.nodeargs ?? "").split(/\s+/).filter(Boolean);
  const { stdout } = await run(process.execPath, [...nodeArguments, bootstrap, project.main], {
    cwd: projectRoot,
    // The CLI tells the program its project's root (where emit's artifact paths start) through this variable.
    env: { ...process.env, WATTPLAN_TEST_CONFIG: JSON.stringify(config), PULUMI_NODEJS_ROOT_DIRECTORY: testProjectRoot() },
    timeout: 45_000,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { resources: { type: string }[]; outputs: Record<string, unknown> };
}

describe("the entry file under Pulumi's node flags", () => {
  it("Pulumi.yaml runs the compiled program under plain node (no ts-node, no loader), from the stacks directory", async () => {
    const project = await projectFile();
    expect(project).toMatchObject({ name: "wattplan", main: "dist/infra/index.js", stackConfigDir: "stacks" });
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: false } });
  });

  it("builds the AWS fleet from an emitted stack", { timeout: 60_000 }, async () => {
    const { resources, outputs } = await runAsPulumiWould(asPulumiConfig(await emitStackConfig(await fixturePlan())));
    const types = resources.map((resource) => resource.type);
    expect(types).toContain("wattplan:aws:InferenceFleet");
    expect(types).toContain("aws:ec2/launchTemplate:LaunchTemplate");
    expect(types).toContain("aws:autoscaling/group:Group");
    expect(types).toContain("aws:lb/loadBalancer:LoadBalancer");
    expect(outputs).toMatchObject({ provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", endpointUrl: "http://endpoint.example" });
  });

  it("loads the Azure submodules (directory imports) the same way", { timeout: 60_000 }, async () => {
    const plan = await fixturePlan();
    const azure = plan.alternatives.find((candidate) => candidate.provider === "azure");
    if (!azure) throw new Error("the fixture has an Azure alternative");
    const config = asPulumiConfig(await emitStackConfig(planChoosing(plan, azure), ["wattplan:sshPublicKey=ssh-ed25519 AAAA test"]));
    const { resources } = await runAsPulumiWould(config);
    expect(resources.map((resource) => resource.type)).toContain("azure-native:compute:VirtualMachineScaleSet");
  });
});
