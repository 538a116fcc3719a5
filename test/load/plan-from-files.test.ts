// planFromFiles: the file-reading edge of planning (spec, profiles relative to the spec, bench when there is none).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { fixedNow, fixturesDirectory, smallCatalog } from "../plan/helpers.ts";

const repositoryRoot = join(import.meta.dirname, "..", "..");
const specPath = join(fixturesDirectory, "spec.cnn.yaml");
let workDirectory: string;

beforeAll(() => {
  workDirectory = mkdtempSync(join(tmpdir(), "wattplan-load-"));
});
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

describe("planFromFiles", () => {
  it("resolves the spec's profile path against the spec file, not the working directory", async () => {
    const plan = await planFromFiles(specPath, { catalog: smallCatalog(), now: fixedNow });
    expect(plan.model.name).toBe("resnet-like-cnn");
    expect(plan.createdAt).toBe(fixedNow);
  });

  it("profile paths given replace the spec's", async () => {
    const plan = await planFromFiles(specPath, { catalog: smallCatalog(), now: fixedNow, profilePaths: [join(fixturesDirectory, "profile.cnn.json")] });
    expect(plan.model.profiles).toHaveLength(1);
  });

  it("benches the spec's model first when no profile is given (a dynamic import of the bench)", async () => {
    const benchedSpec = join(workDirectory, "benched.yaml");
    const modelPath = join(repositoryRoot, "examples", "model.onnx");
    writeFileSync(benchedSpec, `name: benched\nmodel: { path: ${JSON.stringify(modelPath)} }\ntraffic: { meanRps: 50 }\noptions: { precisions: [fp32], batching: { maxBatch: 1 } }\n`);
    const benched: string[] = [];
    const plan = await planFromFiles(benchedSpec, { catalog: smallCatalog(), now: fixedNow, onBench: (path) => benched.push(path), benchOptions: { budgetSeconds: 1, threads: [1] } });
    expect(benched).toEqual([modelPath]);
    expect(plan.model.profiles[0].precisions).toEqual(["fp32"]);
    expect(plan.chosen.batchSize).toBe(1);
  });
});
