import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planSchema } from "../../src/domain/plan.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { fixedNow } from "./helpers.ts";

const examplesDirectory = join(import.meta.dirname, "..", "..", "examples");

describe("the bundled example (examples/spec.yaml on the shipped catalog)", () => {
  it("plans, and with regions unconstrained cuts carbon per inference by at least 60 % against the default baseline (lifecycle basis)", async () => {
    const plan = await planFromFiles(join(examplesDirectory, "spec.yaml"), { now: fixedNow });
    expect(planSchema.safeParse(plan).success).toBe(true);
    expect(plan.spec.constraints.regions).toBeUndefined();
    expect(plan.intensity.basis).toBe("lifecycle");
    expect(plan.baseline).toMatchObject({ provider: "aws", region: "us-east-1", precision: "fp32", batchSize: 1 });
    expect(plan.savings.sciGCo2ePerInference.percent).toBeGreaterThanOrEqual(60);
    expect(plan.chosen.latencyP95Ms).toBeLessThanOrEqual(plan.spec.slo!.p95LatencyMs);
  });
});
