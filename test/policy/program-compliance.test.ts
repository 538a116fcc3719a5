// What the program builds passes the policies built from the same plan, and the pack config files are read.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { loadAllowances } from "../../policy/load-allowances.ts";
import { COMPUTE_RESOURCE_TYPES, computePlacement, gridIntensityViolations, placementViolations, tagViolations } from "../../policy/policies.ts";
import { asPulumiConfig, FIXTURE_PLAN_PATH, outputValue, settle, setUpMocks } from "../infra/helpers.ts";
import { parse } from "yaml";

describe("policies against the program's own resources", () => {
  it("the AWS fleet from the fixture plan complies; the allowances come from the plan or the stack file", { timeout: 30_000 }, async () => {
    const directory = await mkdtemp(join(tmpdir(), "wattplan-policy-"));
    try {
      const { path: stackFile } = await emitStack({ planPath: FIXTURE_PLAN_PATH, stackName: "prod", stacksDirectory: directory });
      const config = (parse(await readFile(stackFile, "utf8")) as { config: Record<string, unknown> }).config;
      const resources = await setUpMocks(asPulumiConfig(config));
      const program = await import("../../src/infra/index.ts");
      await outputValue((await program.default()).endpointUrl);
      await settle();

      const providerInputs = (reference: string | undefined) => {
        const id = reference?.split("::").at(-1);
        return resources.find((resource) => `${resource.name}-id` === id)?.inputs;
      };
      const compute = resources.filter((resource) => (COMPUTE_RESOURCE_TYPES as readonly string[]).includes(resource.type));
      expect(compute.map((resource) => resource.type)).toEqual(["aws:ec2/launchTemplate:LaunchTemplate"]);

      for (const allowances of [loadAllowances({ planFile: FIXTURE_PLAN_PATH }), loadAllowances({ stackFile })]) {
        for (const resource of compute) {
          const placement = computePlacement({ type: resource.type, props: resource.inputs, provider: { props: providerInputs(resource.provider) } });
          if (!placement) throw new Error("a compute resource");
          expect(placementViolations(placement, allowances)).toEqual([]);
          expect(gridIntensityViolations(placement, allowances, 50)).toEqual([]);
          expect(tagViolations(placement)).toEqual([]);
          expect(gridIntensityViolations(placement, allowances, 10)).toHaveLength(1);
        }
      }
      expect(loadAllowances({ stackFile })).toEqual([{ provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", gridIntensityGCo2ePerKwh: 36 }]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
