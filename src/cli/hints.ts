// The hints the CLI prints. The library's errors name options and spec keys, never flags; where an error says
// which option held the bad value, the CLI names the flag that sets it, with a value to copy.
import type { ErrorDetail, OptionName, WattplanError } from "../errors.ts";

/** Every option a library error can point at, and the hint naming its flag (exhaustive: a new option fails to compile). */
export const flagHints: Record<OptionName, (detail: ErrorDetail) => string> = {
  shapes: (detail) => `pass --shape ${detail.entry ?? "NAME"}=${detail.example ?? "d1,d2,..."} (in a spec: model.shapes)`,
  inputValues: (detail) => `pass --input ${detail.entry ?? "NAME"}=${detail.example ?? "VALUE"} (in a spec: model.inputs)`,
  batchSizes: (detail) => `for example --batch ${detail.example ?? "1,8"}`,
  threads: (detail) => `for example --threads ${detail.example ?? "1,2"}`,
  precisions: (detail) => `for example --precision ${detail.example ?? "fp32,int8"}`,
  executionProvider: () =>
    "use --execution-provider cpu, or run where the provider works (webgpu: a GPU with a Vulkan/Metal/D3D12 driver; cuda: an NVIDIA driver, CUDA 12, cuDNN 9 and onnxruntime-node installed with ONNXRUNTIME_NODE_INSTALL=cuda12)",
  budgetSeconds: (detail) => `for example --budget-seconds ${detail.example ?? "30"}`,
  profilePaths: () => "pass --profile FILE (a profile saved by `wattplan bench --out`), or give model.profile or model.path in the spec",
  stackName: (detail) => `for example: --stack ${detail.example ?? "prod"}`,
  candidate: () => "choose another with --candidate N, N being the rank in `wattplan plan`'s table (1 = chosen, 2 = the first alternative)",
  config: (detail) => `for example: --config ${detail.example ?? "gcp:project=my-project"}`,
  force: () => "re-run with --force to replace them with the plan's values",
  modelPath: (detail) => `pass the planned model with --model ${detail.example ?? "model.onnx"}`,
  uploadModel: () => "emit with --upload-model to upload the local model file to a bucket of the fleet's own in the chosen region instead",
  repo: (detail) => `for example --repo ${detail.example ?? "acme/inference"} (in Actions: \${{ github.repository }})`,
  pullRequest: (detail) => `for example --pr ${detail.example ?? "42"}`,
  timeoutMs: () => "try again, or raise --timeout (seconds)",
  vary: (detail) => `for example --vary ${detail.example ?? "options.precisions='fp32,int8'"}`,
  recordDirectory: () => "record plans with `wattplan plan SPEC.yaml --record [DIR]` (default folder .wattplan/history) and give that folder",
  now: (detail) => `give --now as YYYY-MM-DD or an ISO 8601 date-time${detail.example ? `, for example --now ${detail.example}` : ""}`,
  failOn: () => "write rules like carbon:+10%, cost:+100USD (increase over --base) or carbon:500kg, cost:2000USD (monthly total), comma-separated",
  baseDocument: () => "give the base branch's document with --base FILE",
  targets: (detail) => `name a machine as cloud:type, for example --on ${detail.example ?? "aws:c7i.large"} (list them with: wattplan catalog instances)`,
  regions: () => "give at most one --region per cloud, where the type is offered (wattplan catalog show TYPE lists its regions)",
  confirm: () => "check the machines and the cost above, then rerun with --yes to start them",
  maxUsd: (detail) => `raise --max-usd${detail.example ? ` (for example --max-usd ${detail.example})` : ""}, shorten --budget-seconds, or name fewer machines`,
  backend: () => "give a Pulumi state backend URL with --backend (file://, s3://, gs://, azblob://), or leave it out for the local one",
  specName: (detail) => `choose one with --spec NAME${detail.example ? ` (recorded: ${detail.example})` : ""}`,
};

/** The hint line for a user error: the flag to use where the error names an option, else the library's own hint. */
export function hintFor(error: WattplanError): string | undefined {
  return error.detail ? flagHints[error.detail.option](error.detail) : error.hint;
}
