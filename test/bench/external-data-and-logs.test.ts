// A model whose weights live in a file beside it (ONNX external data), benched from another working directory; and
// onnxruntime's own log lines kept off the terminal, so a failing run is one line.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelProfileSchema } from "../../src/domain/profile.ts";
import { onnx } from "../../src/onnx/proto.ts";
import { serializeModel } from "../../src/onnx/read-model.ts";
import { runCli, runCliProcess } from "../cli/run-cli.ts";

const float4 = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: "batch" }, { dimValue: 4 }] } } } });

/** y = x + w, with w's four floats in weights.bin beside the model. */
async function modelWithExternalWeights(directory: string): Promise<string> {
  await writeFile(join(directory, "weights.bin"), Buffer.from(new Float32Array([1, 2, 3, 4]).buffer));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 17 }],
    graph: {
      name: "external",
      input: [float4("x")],
      output: [float4("y")],
      initializer: [{ name: "w", dims: [1, 4], dataType: 1, dataLocation: 1, externalData: [{ key: "location", value: "weights.bin" }, { key: "offset", value: "0" }, { key: "length", value: "16" }] }],
      node: [{ opType: "Add", input: ["x", "w"], output: ["y"] }],
    },
  });
  const path = join(directory, "model.onnx");
  await writeFile(path, serializeModel(model));
  return path;
}

describe("bench", () => {
  it("finds external data beside the model, not in the working directory", async () => {
    const modelDirectory = join(await mkdtemp(join(tmpdir(), "wattplan-external-")), "model");
    await mkdir(modelDirectory);
    const model = await modelWithExternalWeights(modelDirectory);
    const out = join(modelDirectory, "profile.json");
    const run = await runCli(["bench", model, "--threads", "1", "--budget-seconds", "0.3", "--out", out]);
    expect(run.stderr).not.toMatch(/^wattplan: /m);
    expect(run.code).toBe(0);
    expect(modelProfileSchema.parse(JSON.parse(await readFile(out, "utf8"))).model.name).toBe("model");
  });

  it("prints one line, and none of onnxruntime's log lines, when the model fails to run", async () => {
    const run = await runCliProcess(["bench", "node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx", "--shape", "input=1,512", "--shape", "state=2,1,128", "--input", "sr=1234", "--threads", "1", "--budget-seconds", "0.3"]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain("onnxruntime:");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(2);
    expect(run.stderr).toMatch(/^wattplan: onnxruntime failed to run /);
  });

  it("asks for the control input an If branches on instead of measuring one branch and counting the other", async () => {
    const run = await runCli(["bench", "node_modules/@ricky0123/vad-web/dist/silero_vad_legacy.onnx", "--shape", "input=512", "--threads", "1", "--budget-seconds", "0.3"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("wattplan: the value of input 'sr' decides which branch of If node If_25 runs, but was not given\n  hint: pass --input sr=VALUE (in a spec: model.inputs)\n");
  });
});
