// The bench command as a user meets it: every bad input is one line (plus a hint), exit 1, no stack trace, no --out file.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelProfileSchema } from "../../../src/domain/profile.ts";
import { repositoryRoot, runCli } from "../run-cli.ts";

const silero = "node_modules/@ricky0123/vad-web/dist/silero_vad_legacy.onnx";
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-bench-cli-"));
  const bytes = await readFile(silero);
  await writeFile(join(directory, "text.onnx"), "this is not a model\n");
  await writeFile(join(directory, "truncated.onnx"), bytes.subarray(0, Math.floor(bytes.length / 3)));
  // A well-formed ONNX file with an operator no runtime has: decodes fine, onnxruntime refuses to load it.
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  model.graph!.node![0].opType = "NoSuchOperator";
  await writeFile(join(directory, "rejected.onnx"), onnxProto.onnx.ModelProto.encode(model).finish());
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function benchCli(args: string[]) {
  const out = join(directory, `profile-${Math.random().toString(36).slice(2)}.json`);
  const result = await runCli(["bench", ...args, "--threads", "1", "--budget-seconds", "1", "--out", out]);
  return { ...result, outExists: existsSync(out) };
}

function expectOneLineError(result: Awaited<ReturnType<typeof benchCli>>, pattern: RegExp) {
  expect(result.code).toBe(1);
  expect(result.outExists).toBe(false);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  // The message is one line; the CLI may add one "hint:" line saying how to fix it.
  expect(lines[0]).toMatch(/^wattplan: /);
  expect(lines[0]).toMatch(pattern);
  expect(lines.length).toBeLessThanOrEqual(2);
  if (lines[1]) expect(lines[1]).toMatch(/^ {2}hint: /);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe("wattplan bench on bad input", () => {
  it("a missing file", async () => expectOneLineError(await benchCli([join(directory, "nope.onnx")]), /model not found/));
  it("a file that is not ONNX", async () => expectOneLineError(await benchCli([join(directory, "text.onnx")]), /is not an ONNX model/));
  it("a truncated model", async () => expectOneLineError(await benchCli([join(directory, "truncated.onnx")]), /truncated/));
  it("a model onnxruntime rejects", async () =>
    expectOneLineError(await benchCli([join(directory, "rejected.onnx"), "--input", "sr=16000", "--shape", "input=512"]), /onnxruntime rejected .*NoSuchOperator/));
  it("a wrongly named input, with the real name suggested", async () => {
    expectOneLineError(await benchCli([silero, "--input", "sr=16000", "--shape", "imput=512"]), /input 'imput'.*did you mean 'input'\?/);
    expectOneLineError(await benchCli([silero, "--input", "rate=16000", "--shape", "input=512"]), /a value is given for input 'rate', which the model does not have/);
  });
  it("an unresolved dimension, naming it, with the --shape to pass", async () => {
    const result = await benchCli([silero, "--input", "sr=16000"]);
    expectOneLineError(result, /dimension 1 'sequence' of input 'input'/);
    expect(result.stderr).toMatch(/\n {2}hint: pass --shape input=\S+ \(in a spec: model\.shapes\)\n/);
    // The hint's shape copied as it stands still names the dimension: the next error says what to put there.
    const copied = /hint: pass --shape (input=\S+)/.exec(result.stderr)![1];
    const again = await benchCli([silero, "--input", "sr=16000", "--shape", copied]);
    expectOneLineError(again, /--shape input: 'sequence' is a dimension's name, not its size/);
    expect(again.stderr).toMatch(/hint: give a number for each dimension the model leaves open, --shape input=(\d+,)*N(,\d+)*, or that named dimension alone, --shape sequence=N\n/);
  });
  it("a non-numeric --batch", async () => expectOneLineError(await benchCli([silero, "--input", "sr=16000", "--shape", "input=512", "--batch", "1,eight"]), /--batch takes positive integers, not 'eight'/));
  it("WebGPU without a GPU adapter", async () => {
    const result = await benchCli([silero, "--input", "sr=16000", "--shape", "input=512", "--execution-provider", "webgpu"]);
    // On a machine with a GPU this measures; without an adapter it must be a clean one-line refusal naming the fix.
    if (result.code === 0) {
      expect(result.outExists).toBe(true);
    } else {
      expectOneLineError(result, /webgpu execution provider is not usable/);
      expect(result.stderr).toMatch(/hint: use --execution-provider cpu/);
    }
  });
  it("CUDA without onnxruntime-node's CUDA provider files: one line, never a CPU run", async () => {
    // The CUDA provider library is the part onnxruntime-node downloads at install (ONNXRUNTIME_NODE_INSTALL=cuda12).
    const providerLibrary = join(repositoryRoot, "node_modules/onnxruntime-node/bin/napi-v6", process.platform, process.arch, "libonnxruntime_providers_cuda.so");
    const result = await benchCli([silero, "--input", "sr=16000", "--shape", "input=512", "--execution-provider", "cuda"]);
    // Where the provider files are installed and a GPU is present the run succeeds on CUDA; everywhere else it is refused.
    if (existsSync(providerLibrary) && result.code === 0) {
      expect(result.outExists).toBe(true);
    } else {
      expectOneLineError(result, /the cuda execution provider is not usable on this machine: .+/);
      expect(result.stderr).toMatch(/hint: use --execution-provider cpu, .*cuda: an NVIDIA driver, CUDA 12, cuDNN 9/);
      expect(result.stderr).not.toMatch(/\u001b\[/);
    }
  });
});

describe("wattplan bench on good input", () => {
  it("prints the summary on stdout, progress on stderr, and writes the profile with --out (FP16 drift included)", async () => {
    const out = join(directory, "good-profile.json");
    const result = await runCli(["bench", silero, "--input", "sr=16000", "--shape", "input=512", "--threads", "1", "--budget-seconds", "0.5", "--precision", "fp32,fp16", "--instance-type", "m7i.large", "--out", out]);
    expect(result.code).toBe(0);
    const profile = modelProfileSchema.parse(JSON.parse(await readFile(out, "utf8")));
    expect(profile.host.instanceType).toBe("m7i.large");
    // The FP16 conversion reads the model's element types through the same --shape and --input.
    expect(profile.artifacts?.find((record) => record.precision === "fp16")).toMatchObject({ drift: expect.any(Object), driftOn: "synthesized" });
    expect(result.stdout).toMatch(/precision\s+batch\s+threads\s+p50 ms\s+p95 ms\s+inf\/s/);
    expect(result.stdout).toMatch(/^fp32\s+1\s+1\s+/m);
    expect(result.stderr).toMatch(/calibrating the host peak/);
    expect(result.stderr).toContain(`profile written to ${out}`);
    expect(result.stderr).not.toMatch(/p50 ms/);
  });

  it("refuses an unwritable --out before measuring, in one line with exit 1", async () => {
    await writeFile(join(directory, "a-file"), "");
    const result = await runCli(["bench", "examples/model.onnx", "--out", join(directory, "a-file", "p.json")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wattplan: cannot write .*is a file, not a folder\n/);
    expect(result.stderr).not.toMatch(/calibrating|fp32 batch/);
  });
});
