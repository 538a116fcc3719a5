// What the program builds passes every policy built from the same plan and stack file, on each cloud; a stack edited
// by hand after emit does not.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { Plan } from "../../src/domain/plan.ts";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { writeFileAtomic } from "../../src/io/atomic-write.ts";
import { loadPlanView } from "../../policy/load-plan-view.ts";
import { fixturePlan, planChoosing, runProgram } from "../infra/helpers.ts";
import { resourceViews, runPolicies, violationsOf } from "./run-policies.ts";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmockedkeyfortestsonly test@example";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-policy-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Saves the plan, emits its chosen candidate as stack `name`, and returns both paths and the stack's config. */
async function emitted(plan: Plan, name: string, config: string[] = []) {
  const planFile = join(directory, `${name}.plan.json`);
  await writeFileAtomic(planFile, JSON.stringify(plan));
  const { path: stackFile } = await emitStack({ planPath: planFile, stackName: name, stacksDirectory: directory, config });
  const stackConfig = (parse(await readFile(stackFile, "utf8")) as { config: Record<string, unknown> }).config;
  return { planFile, stackFile, stackConfig };
}

async function verdictsFor(stackConfig: Record<string, unknown>, planFile: string, stackFile: string) {
  const { resources } = await runProgram(stackConfig);
  return runPolicies(resourceViews(resources), loadPlanView, { planFile, stackFile, maxGridIntensityGCo2ePerKwh: 400 });
}

describe("policies against the program's own resources", () => {
  const cases: Record<string, (plan: Plan) => { plan: Plan; config: string[] }> = {
    aws: (plan) => ({ plan, config: [] }),
    gcp: (plan) => ({
      plan: planChoosing(plan, { provider: "gcp", region: "europe-west4", instanceType: "n1-standard-8", architecture: "x86_64", accelerator: { model: "T4", count: 1, memoryGb: 16 }, precision: "fp32", zones: ["europe-west4-a", "europe-west4-b"] }),
      config: ["gcp:project=my-project"],
    }),
    azure: (plan) => {
      const azure = plan.alternatives.find((candidate) => candidate.provider === "azure");
      if (!azure) throw new Error("the fixture has an Azure alternative");
      return { plan: planChoosing(plan, azure), config: [`wattplan:sshPublicKey=${SSH_KEY}`] };
    },
  };
  for (const [cloud, caseOf] of Object.entries(cases)) {
    it(`${cloud}: the fleet from the fixture plan passes every policy`, { timeout: 60_000 }, async () => {
      const { plan, config } = caseOf(await fixturePlan());
      const { planFile, stackFile, stackConfig } = await emitted(plan, cloud, config);
      expect(violationsOf(await verdictsFor(stackConfig, planFile, stackFile))).toEqual({});
    });
  }

  it("a stack edited by hand to another type, size and region deploys something the policies refuse", { timeout: 60_000 }, async () => {
    const { planFile, stackFile, stackConfig } = await emitted(await fixturePlan(), "edited");
    const edited = { ...stackConfig, "aws:region": "us-east-1", "wattplan:region": "us-east-1", "wattplan:instanceType": "c7g.16xlarge", "wattplan:instances": { min: 2, desired: 3, max: 50 } };
    await writeFile(stackFile, stringify({ config: edited }));
    const violations = violationsOf(await verdictsFor(edited, planFile, stackFile));
    expect(violations["wattplan-stack-as-emitted"]).toEqual([
      `${stackFile}: wattplan: keys not as emitted, they were edited by hand since wattplan emitted them`,
      `${stackFile}: the stack's region us-east-1 (the plan's candidate: eu-north-1)`,
      `${stackFile}: the stack's instanceType c7g.16xlarge (the plan's candidate: c7g.2xlarge)`,
      `${stackFile}: the stack's instances 2–50 (the plan's candidate: 2–7)`,
    ]);
    // The resources follow the edited stack; against the plan alone they are out of place too.
    const againstPlan = violationsOf(runPolicies(resourceViews((await runProgram(edited)).resources), loadPlanView, { planFile }));
    expect(againstPlan["wattplan-planned-placement"]).toEqual(["region us-east-1 is not in the plan (aws: eu-north-1)"]);
    expect(againstPlan["wattplan-planned-counts"]).toEqual(["maxSize 50 is outside the plan's 2–7 instances"]);
  });
});
