// A GPU execution provider is tried in a child process first: where it cannot start (no WebGPU adapter, no CUDA
// provider library, no NVIDIA driver), onnxruntime's native layer prints its own coloured log lines to stderr before
// failing, and the user should see one line from us instead. A provider that cannot be created is an error: the run
// never falls back to the CPU without saying so.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { WattplanError } from "../errors.ts";
import type { ExecutionProvider } from "../domain/profile.ts";
import { firstLine } from "./ort-session.ts";

const probeScript = `
const ort = await import(process.argv[1]);
try {
  const session = await ort.InferenceSession.create(process.argv[2], { executionProviders: [process.argv[3]], logSeverityLevel: 4 });
  await session.release();
  process.stdout.write("ok");
} catch (error) {
  process.stdout.write("error:" + (error && error.message ? error.message : String(error)));
}
`;

/** What each GPU provider needs, for the hint when it cannot be created. */
const requirements: Record<Exclude<ExecutionProvider, "cpu">, string> = {
  webgpu: "a GPU and a Vulkan/Metal/D3D12 driver",
  cuda: "an NVIDIA GPU and driver, CUDA 12 and cuDNN 9 libraries, and onnxruntime-node installed with ONNXRUNTIME_NODE_INSTALL=cuda12 (its CUDA provider files are downloaded at install)",
};

export async function assertExecutionProviderAvailable(provider: Exclude<ExecutionProvider, "cpu">, modelPath: string): Promise<void> {
  const runtimeUrl = pathToFileURL(createRequire(import.meta.url).resolve("onnxruntime-node")).href;
  const output = await new Promise<string>((resolve) => {
    let stdout = "";
    const child = spawn(process.execPath, ["--input-type=module", "-e", probeScript, runtimeUrl, modelPath, provider], { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.on("error", (error) => resolve(`error:${error.message}`));
    child.on("close", (code) => resolve(stdout || `error:the ${provider} probe exited with code ${code}`));
  });
  if (output === "ok") return;
  throw new WattplanError(
    "INVALID_INPUT",
    `the ${provider} execution provider is not usable on this machine: ${reasonOf(output.replace(/^error:/, ""))}`,
    `measure on the CPU (executionProvider: cpu), or run on a machine with ${requirements[provider]}`,
    { option: "executionProvider", example: "cpu" },
  );
}

/** The part of onnxruntime's message a user can act on: the missing adapter or library, without log colours. */
function reasonOf(message: string): string {
  const adapter = /Failed to get a WebGPU adapter[^\n]*/.exec(message)?.[0];
  return adapter ?? firstLine(new Error(message.replace(/\u001b\[[0-9;]*m/g, "")));
}
