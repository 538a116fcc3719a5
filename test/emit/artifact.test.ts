// The model artifact as emit writes it: the file each candidate serves (per the precision table), beside the stack and
// outside git, its sha256 in the stack; the spec's model.uri only where the chosen cloud can read what it serves.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ArtifactRecipe } from "../../src/domain/artifact.ts";
import type { Candidate, Plan } from "../../src/domain/plan.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { emitStack, type EmitStackOptions } from "../../src/emit/emit-stack.ts";
import { buildArtifact, buildCnn, readModel, serializeModel, staticQuantizationPoints } from "../../src/onnx/index.ts";
import { buildPlannedArtifact } from "../../src/emit/write-artifact.ts";
import { planChoosing } from "../infra/helpers.ts";
import { EXAMPLE_MODEL_PATH, EXAMPLE_MODEL_SHA256, fixturePlan, temporaryDirectory, writePlan } from "./helpers.ts";
import { wattplanErrorOf, wattplanRejectionOf } from "../wattplan-error.ts";

let directory: { path: string; cleanUp: () => Promise<void> };
beforeEach(async () => {
  directory = await temporaryDirectory();
});
afterEach(async () => {
  await directory.cleanUp();
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const stacks = () => join(directory.path, "stacks");

/** Emits `plan` as stack "prod" into <tmp>/stacks, in a Pulumi project rooted at <tmp>; returns the stack's config. */
async function emitPlan(plan: Plan, options: Partial<EmitStackOptions> = {}) {
  await writeFile(join(directory.path, "Pulumi.yaml"), "name: wattplan\nruntime: nodejs\nstackConfigDir: stacks\n");
  const planPath = await writePlan(directory.path, plan);
  const result = await emitStack({ planPath, stackName: "prod", stacksDirectory: stacks(), ...options });
  const config = (parse(await readFile(result.path, "utf8")) as { config: Record<string, unknown> }).config;
  return { result, config };
}

const GPU = { instanceType: "g5.xlarge", architecture: "x86_64", region: "eu-west-1", accelerator: { model: "A10G", count: 1, memoryGb: 24 } } as const;
const EXAMPLE_PROFILE_ARTIFACTS = (JSON.parse(readFileSync(new URL("../../examples/profile.json", import.meta.url), "utf8")) as ModelProfile).artifacts ?? [];
const fp32 = (plan: Plan, chosen: Partial<Candidate> = {}) => planChoosing(plan, { provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", precision: "fp32", ...chosen });

describe("the artifact a stack serves", () => {
  it("INT8 on CPUs: the quantized model, written beside the stack and outside git, its sha256 in the stack", async () => {
    const plan = await fixturePlan(); // chosen: aws c7g.2xlarge int8 b8
    const { result, config } = await emitPlan(plan);
    const sha = config["wattplan:artifactSha256"] as string;
    expect(config["wattplan:artifactTransform"]).toBe("dynamic-int8");
    expect(sha).not.toBe(EXAMPLE_MODEL_SHA256);
    // Relative to the project's root, where `pulumi up` runs the program.
    expect(config["wattplan:artifactPath"]).toBe(`stacks/.artifacts/prod/${sha}.onnx`);
    const bytes = new Uint8Array(await readFile(join(directory.path, config["wattplan:artifactPath"] as string)));
    expect(sha256(bytes)).toBe(sha);
    expect(result.artifactPath).toBe(join(stacks(), ".artifacts", "prod", `${sha}.onnx`));
    // The file is the dynamically quantized model, not the FP32 one.
    const operators = new Set((readModel(bytes, "artifact").proto.graph?.node ?? []).map((node) => node.opType));
    expect(operators).toContain("DynamicQuantizeLinear");
    expect(operators).toContain("MatMulInteger");
    expect(await readFile(join(stacks(), ".artifacts", ".gitignore"), "utf8")).toMatch(/^\*$/m);
  });

  it("FP32 and FP16-on-GPU: the model as exported, its sha256 the plan's", async () => {
    for (const chosen of [{}, { instanceType: "g5.xlarge", architecture: "x86_64", accelerator: { model: "A10G", count: 1, memoryGb: 24 }, precision: "fp16", region: "eu-west-1" }] as Partial<Candidate>[]) {
      const { config } = await emitPlan(fp32(await fixturePlan(), chosen));
      expect(config["wattplan:artifactTransform"]).toBe("none");
      expect(config["wattplan:artifactSha256"]).toBe(EXAMPLE_MODEL_SHA256);
    }
  });

  it("re-emitting another artifact removes the stack's old one", async () => {
    const { config: int8 } = await emitPlan(await fixturePlan());
    const { config } = await emitPlan(fp32(await fixturePlan()), { force: true });
    expect(await readdir(join(stacks(), ".artifacts", "prod"))).toEqual([`${config["wattplan:artifactSha256"]}.onnx`]);
    expect(int8["wattplan:artifactSha256"]).not.toBe(config["wattplan:artifactSha256"]);
  });

  it("INT8 follows the plan's recipe: 7-bit weights where the type's CPUs saturate 8-bit ones, the hash the profile recorded", async () => {
    // c7g (Graviton3, i8mm) computes 8-bit weights correctly; c6a (Milan, AVX2 without VNNI) needs 7-bit ones.
    const recorded = (bits: 7 | 8) => EXAMPLE_PROFILE_ARTIFACTS.find((record) => record.recipe.transform === "dynamic-int8" && record.recipe.weightBits === bits)!.sha256;
    expect((await emitPlan(await fixturePlan())).config["wattplan:artifactSha256"]).toBe(recorded(8));
    const milan = planChoosing(await fixturePlan(), { provider: "aws", region: "us-east-1", instanceType: "c6a.2xlarge", architecture: "x86_64" });
    expect(milan.chosen.artifact?.recipe).toEqual({ transform: "dynamic-int8", weightBits: 7 });
    const { config } = await emitPlan(milan, { force: true });
    expect(config["wattplan:artifactSha256"]).toBe(recorded(7));
    expect(sha256(new Uint8Array(await readFile(join(directory.path, config["wattplan:artifactPath"] as string))))).toBe(recorded(7));
  });

  it("INT8 on NVIDIA GPUs: the static QDQ file of the plan's recipe (symmetric int8 activations, its calibrated ranges)", async () => {
    const modelBytes = new Uint8Array(await readFile(EXAMPLE_MODEL_PATH));
    // Ranges as a calibration records them (bench measures them; emit only replays the recipe).
    const activationRanges = Object.fromEntries(staticQuantizationPoints(modelBytes).map((tensor, index) => [tensor, [index === 0 ? -2.5 : 0, 3 + index / 4] as [number, number]]));
    const recipe: ArtifactRecipe = { transform: "static-int8-qdq", weightBits: 8, activations: "int8-symmetric", activationRanges, calibration: { method: "min/max", samples: 8, seed: 42 } };
    const built = buildArtifact(modelBytes, recipe);
    const { config } = await emitPlan(planChoosing(await fixturePlan(), { ...GPU, provider: "aws", precision: "int8", artifact: { recipe, sha256: built.sha256, bytes: built.bytes.length } }));
    expect(config).toMatchObject({ "wattplan:artifactTransform": "static-int8-qdq", "wattplan:artifactSha256": built.sha256 });
    const operators = new Set((readModel(new Uint8Array(await readFile(join(directory.path, config["wattplan:artifactPath"] as string))), "artifact").proto.graph?.node ?? []).map((node) => node.opType));
    expect(operators).toContain("QuantizeLinear");
    expect(operators).toContain("DequantizeLinear");
  });

  it("refuses a build whose sha256 is not the one the plan recorded, writing nothing", async () => {
    const plan = await fixturePlan();
    const tampered = { ...plan, chosen: { ...plan.chosen, artifact: { ...plan.chosen.artifact!, sha256: "0".repeat(64) } } };
    const error = await wattplanRejectionOf(emitPlan(tampered));
    expect(error.message).toMatch(/^the dynamic-int8 artifact built from the model has sha256 [0-9a-f]{12}, not the 000000000000 the plan recorded$/);
    expect(await readdir(directory.path)).not.toContain("stacks");
  });

  it("refuses, with what to do, a static recipe calibrated for other tensors than this wattplan quantizes (an earlier version's)", () => {
    // Before BatchNormalization was folded into its Conv, the raw Conv output was the point, not the normalised one.
    const model = buildCnn({ imageSize: 12, stageChannels: [8], blocksPerStage: 1, classes: 5, seed: 2, batchNormalization: true });
    const graph = readModel(model, "cnn").proto.graph!;
    const normalised = new Set(graph.node!.filter((node) => node.opType === "BatchNormalization").map((node) => node.output![0]));
    const earlierRanges = Object.fromEntries(staticQuantizationPoints(model).filter((point) => !normalised.has(point)).map((point): [string, [number, number]] => [point, [-1, 1]]));
    const recipe: ArtifactRecipe = { transform: "static-int8-qdq", weightBits: 7, activations: "uint8-asymmetric", activationRanges: earlierRanges, calibration: { method: "min/max", samples: 1, seed: 1 } };
    const error = wattplanErrorOf(() => buildPlannedArtifact(model, { recipe, sha256: "0".repeat(64) }));
    expect(error).toMatchObject({ code: "REFUSED", hint: expect.stringMatching(/^bench the model again with this wattplan and plan again/) });
    expect(error.message).toMatch(/^the plan's static-int8-qdq recipe was calibrated for other tensors than this wattplan quantizes \(it has no range for '.+'\)$/);
  });

  it("refuses in one line, writing no stack, when the artifacts folder's place is taken by a file", async () => {
    await mkdir(stacks(), { recursive: true });
    await writeFile(join(stacks(), ".artifacts"), "not a folder");
    const error = await wattplanRejectionOf(emitPlan(await fixturePlan()));
    expect(error.message).toMatch(/\.artifacts/);
    expect(error.message).not.toContain("\n");
    expect(await readdir(stacks())).toEqual([".artifacts"]);
  });

  it("refuses what the precision table does not offer, or an INT8 file the plan does not record, in one line", async () => {
    const plan = await fixturePlan();
    const qdq = await wattplanRejectionOf(emitPlan(planChoosing(plan, { ...GPU, provider: "aws", precision: "int8" })));
    expect(qdq.message).toMatch(/serves int8 on NVIDIA GPUs from a static-int8-qdq model, and the plan records no such file/);
    expect(qdq.hint).toBe("bench the model again at int8 and plan again, or pick another candidate by its rank in the plan (1 = chosen)");
    // A plan of schemaVersion 2 records no artifact: only the model as exported can be served from it.
    const versionTwo = { ...plan, chosen: { ...plan.chosen, artifact: undefined } };
    expect((await wattplanRejectionOf(emitPlan(versionTwo))).message).toMatch(/serves int8 on CPUs from a dynamic-int8 or static-int8-qdq model, and the plan records no such file/);
    expect((await emitPlan(fp32(versionTwo, { artifact: undefined }))).config["wattplan:artifactSha256"]).toBe(EXAMPLE_MODEL_SHA256);
    await rm(stacks(), { recursive: true });
    expect((await wattplanRejectionOf(emitPlan(fp32(plan, { precision: "fp16" })))).message).toMatch(/fp16 is not served on CPUs/);
    // Nothing half-written.
    expect(await readdir(directory.path)).not.toContain("stacks");
  });
});

describe("the model emit reads", () => {
  it("needs model.path, found beside the plan, or given; one line naming the option otherwise", async () => {
    const plan = await fixturePlan();
    const { path: _path, ...model } = plan.spec.model;
    const missing = await wattplanRejectionOf(emitPlan({ ...plan, spec: { ...plan.spec, model } }));
    expect(missing.message).toMatch(/^the plan's spec has no model\.path: emit needs the model the plan was made for \(resnet50, sha256 [0-9a-f]{12}\)/);
    expect(missing.detail).toEqual({ option: "modelPath", example: "model.onnx" });
    const { config } = await emitPlan({ ...plan, spec: { ...plan.spec, model } }, { modelPath: EXAMPLE_MODEL_PATH });
    expect(config["wattplan:artifactTransform"]).toBe("dynamic-int8");

    // Relative to the spec, which the plan does not locate: emit looks beside the plan.
    await writeFile(join(directory.path, "model.onnx"), await readFile(EXAMPLE_MODEL_PATH));
    const besidePlan = await emitPlan({ ...plan, spec: { ...plan.spec, model: { ...model, path: "./model.onnx" } } }, { force: true });
    expect(besidePlan.config["wattplan:artifactSha256"]).toBe(config["wattplan:artifactSha256"]);
    const notFound = await wattplanRejectionOf(emitPlan({ ...plan, spec: { ...plan.spec, model: { ...model, path: "./elsewhere.onnx" } } }, { force: true }));
    expect(notFound.message).toMatch(/model\.path \.\/elsewhere\.onnx is neither beside .* nor in the working directory/);
  });

  it("refuses a model that is not the one the plan was made for", async () => {
    const plan = await fixturePlan();
    const error = await wattplanRejectionOf(emitPlan({ ...plan, model: { ...plan.model, sha256: "0".repeat(64) } }));
    expect(error.message).toMatch(/has sha256 [0-9a-f]{12}, not the 000000000000 of the model the plan was made for \(resnet50\)/);
  });

  it("serves a model whose inputs fix the batch unbatched, and refuses it at a larger planned batch", async () => {
    const model = readModel(new Uint8Array(await readFile(EXAMPLE_MODEL_PATH)), "example");
    for (const tensor of [...(model.proto.graph?.input ?? []), ...(model.proto.graph?.output ?? [])]) {
      const first = tensor.type?.tensorType?.shape?.dim?.[0];
      if (first) Object.assign(first, { dimValue: 1, dimParam: "" });
    }
    const bytes = serializeModel(model.proto);
    const path = join(directory.path, "fixed.onnx");
    await writeFile(path, bytes);
    const plan = await fixturePlan();
    // A plan made for this model records this model's files.
    const artifact = { recipe: plan.chosen.artifact!.recipe, sha256: buildArtifact(bytes, plan.chosen.artifact!.recipe).sha256, bytes: 1 };
    const fixed: Plan = { ...plan, spec: { ...plan.spec, model: { ...plan.spec.model, path } }, model: { ...plan.model, sha256: sha256(bytes) }, chosen: { ...plan.chosen, artifact } };
    const refused = await wattplanRejectionOf(emitPlan(fixed));
    expect(refused.message).toMatch(/fixed\.onnx: input, \w+ have no leading batch axis, so Triton serves the model unbatched, but candidate aws\/eu-north-1\/c7g\.2xlarge\/int8\/b8 is planned at batch 8/);
    const { config } = await emitPlan(planChoosing(fixed, { provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", batchSize: 1, artifact }));
    expect(config["wattplan:fixedBatch"]).toBe(true);
    const { config: batched } = await emitPlan(fp32(plan), { force: true });
    expect(batched).not.toHaveProperty("wattplan:fixedBatch");
  });
});

describe("the spec's model.uri", () => {
  const withUri = async (uri: string, chosen: Partial<Candidate> = {}) => {
    const plan = fp32(await fixturePlan(), chosen);
    return { ...plan, spec: { ...plan.spec, model: { ...plan.spec.model, uri } } };
  };
  const gcp = { provider: "gcp", region: "europe-north1", instanceType: "c4a-standard-8", architecture: "arm64" } as const;

  it("is fetched where the chosen cloud reads it and the candidate serves the model as exported; instances check the plan's sha256", async () => {
    const { result, config } = await emitPlan(await withUri("s3://models/resnet50.onnx"));
    expect(config).toMatchObject({ "wattplan:modelUri": "s3://models/resnet50.onnx", "wattplan:artifactTransform": "none", "wattplan:artifactSha256": EXAMPLE_MODEL_SHA256 });
    expect(config).not.toHaveProperty("wattplan:artifactPath");
    expect(result.artifactPath).toBeUndefined();
    expect((await emitPlan(await withUri("https://models.example/resnet50.onnx", gcp), { force: true })).config["wattplan:modelUri"]).toBe("https://models.example/resnet50.onnx");
  });

  it("in another cloud's storage: refused in one line naming why and the option that uploads the local file", async () => {
    const error = await wattplanRejectionOf(emitPlan(await withUri("s3://example-models/resnet50.onnx", gcp)));
    expect(error.message).toBe("the spec's model.uri s3://example-models/resnet50.onnx is in Amazon S3, which GCP instances have no credentials for, and the plan chose gcp (gcp/europe-north1/c4a-standard-8/fp32/b8)");
    expect(error.detail).toEqual({ option: "uploadModel" });
    const { config } = await emitPlan(await withUri("s3://example-models/resnet50.onnx", gcp), { uploadModel: true });
    expect(config["wattplan:artifactPath"]).toBe(`stacks/.artifacts/prod/${EXAMPLE_MODEL_SHA256}.onnx`);
    expect(config).not.toHaveProperty("wattplan:modelUri");
  });

  it("never serves an INT8 candidate: the URI holds the FP32 model; plain http is refused", async () => {
    const plan = await fixturePlan();
    const int8 = await wattplanRejectionOf(emitPlan({ ...plan, spec: { ...plan.spec, model: { ...plan.spec.model, uri: "s3://models/resnet50.onnx" } } }));
    expect(int8.message).toMatch(/holds the model as exported, but candidate aws\/eu-north-1\/c7g\.2xlarge\/int8\/b8 serves the dynamic-int8 artifact built from it/);
    expect(int8.detail).toEqual({ option: "uploadModel" });
    expect((await wattplanRejectionOf(emitPlan(await withUri("http://models.example/m.onnx")))).message).toMatch(/is plain http/);
  });

  it("warns when the endpoint is open to the whole internet", async () => {
    expect((await emitPlan(await fixturePlan())).result.warnings).toEqual([
      "the endpoint accepts calls from the whole internet (wattplan:ingressCidr is not set): set wattplan:ingressCidr to the callers' range",
    ]);
    expect((await emitPlan(await fixturePlan(), { config: ["wattplan:ingressCidr=203.0.113.0/24"], force: true })).result.warnings).toEqual([]);
  });
});
