// WebGPU is tried in a child process first: where there is no adapter, the native layer prints its own warnings
// to stderr before failing, and the user should see one line from us instead.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { WattplanError } from "../errors.ts";
import { firstLine } from "./ort-session.ts";

const probeScript = `
const ort = await import(process.argv[1]);
try {
  const session = await ort.InferenceSession.create(process.argv[2], { executionProviders: ["webgpu"] });
  await session.release();
  process.stdout.write("ok");
} catch (error) {
  process.stdout.write("error:" + (error && error.message ? error.message : String(error)));
}
`;

export async function assertWebGpuAvailable(modelPath: string): Promise<void> {
  const runtimeUrl = pathToFileURL(createRequire(import.meta.url).resolve("onnxruntime-node")).href;
  const output = await new Promise<string>((resolve) => {
    let stdout = "";
    const child = spawn(process.execPath, ["--input-type=module", "-e", probeScript, runtimeUrl, modelPath], { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.on("error", (error) => resolve(`error:${error.message}`));
    child.on("close", (code) => resolve(stdout || `error:the WebGPU probe exited with code ${code}`));
  });
  if (output === "ok") return;
  const message = output.replace(/^error:/, "");
  const reason = /Failed to get a WebGPU adapter[^\n]*/.exec(message)?.[0] ?? firstLine(new Error(message));
  throw new WattplanError(
    "INVALID_INPUT",
    `the webgpu execution provider is not usable on this machine: ${reason}`,
    "measure on the CPU (executionProvider: cpu), or run on a machine with a GPU and a Vulkan/Metal/D3D12 driver",
    { option: "executionProvider", example: "cpu" },
  );
}
