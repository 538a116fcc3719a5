// What a bench machine writes under its results prefix, and in which order: the boot script writes these objects
// (never overwriting one, so a create-only grant suffices) and `bench --on` polls for them.

/** One empty-ish object per phase reached, named after it; "failed" carries the reason, "done" follows the uploads. */
export const PHASE_OBJECTS = {
  installing: "phase-installing",
  benchmarking: "phase-benchmarking",
  uploading: "phase-uploading",
  done: "phase-done",
  failed: "phase-failed",
} as const;

export const PROFILE_OBJECT = "profile.json";
export const LOG_OBJECT = "bench.log";

/** Where the inputs live in a bucket (AWS, GCP) and the prefix the machine may write to. */
export const INPUTS_PREFIX = "inputs/";
export const RESULTS_PREFIX = "results/";
export const MODEL_OBJECT = `${INPUTS_PREFIX}model.onnx`;
export const PACKAGE_OBJECT = `${INPUTS_PREFIX}wattplan.tgz`;

/** Azure keeps inputs and results in two containers of one storage account: a role is scoped to a container. */
export const AZURE_CONTAINERS = { inputs: "inputs", results: "results" } as const;

/** Where a machine writes its results, as the stack's outputs say after `up`; `bench --on` polls there. */
export type ResultsLocation =
  | { provider: "aws"; region: string; bucket: string; prefix: string }
  | { provider: "gcp"; bucket: string; prefix: string }
  | { provider: "azure"; blobEndpoint: string; container: string; prefix: string };
