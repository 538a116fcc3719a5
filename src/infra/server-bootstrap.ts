// The boot script every instance runs: prepare docker (and the GPU), write the Triton model repository, fetch the
// model and check it against the planned sha256, start Triton Inference Server. The per-cloud parts come in as a
// HostSetup; the rest is shared.
import type { StackConfig } from "../domain/stack-config.ts";
import { modelFetchLines, shellQuote, type ModelSource } from "./model-fetch.ts";
import { TENSORRT_ENGINE_CACHE, tritonModelConfig } from "./triton-config.ts";

export const TRITON_HTTP_PORT = 8000;
export const TRITON_GRPC_PORT = 8001;
export const TRITON_METRICS_PORT = 8002;
export const TRITON_PORTS = [TRITON_HTTP_PORT, TRITON_GRPC_PORT, TRITON_METRICS_PORT];
/** Triton answers 200 here once every model is loaded (with --strict-readiness). */
export const TRITON_READY_PATH = "/v2/health/ready";
/** NGC's multi-arch (x86_64 + arm64 SBSA) release with the ONNX Runtime backend; override with wattplan:tritonImage. */
export const DEFAULT_TRITON_IMAGE = "nvcr.io/nvidia/tritonserver:25.01-py3";
export const MODEL_REPOSITORY = "/var/lib/wattplan/models";
/** TensorRT engines built at model load, kept on the host: a restarted container loads them instead of rebuilding. */
export const ENGINE_CACHE_DIRECTORY = "/var/lib/wattplan/trt-cache";

/**
 * How long a new instance may take to become ready before health checks count: the boot pulls a multi-gigabyte
 * Triton image; on GPUs the driver comes up first and TensorRT builds its engines when the model loads.
 */
export function bootGraceSeconds(config: Pick<StackConfig, "accelerator">): number {
  return config.accelerator ? 1800 : 900;
}

export interface HostSetup {
  /** Makes `docker` available and running. */
  dockerLines: string[];
  /** Installs or waits for the GPU driver and container runtime; empty on CPU instances. */
  gpuLines: string[];
  /** `docker run` flags that hand the GPUs to the container. */
  gpuDockerFlags: string[];
  /** Opens the server ports in the host firewall where the image closes them (Container-Optimized OS). */
  firewallLines: string[];
  /** Makes the script run again at every boot where the cloud runs user data only once. */
  everyBootLines: string[];
}

/**
 * cloud-init runs user data on the first boot only. A GPU driver install that reboots the machine half-way (or any
 * later reboot before the container exists) would leave it without Triton; a copy in per-boot runs the (idempotent)
 * script again at every later boot.
 */
export const CLOUD_INIT_EVERY_BOOT_LINES = ['install -D -m 0755 "$0" /var/lib/cloud/scripts/per-boot/wattplan-triton.sh 2>/dev/null || true'];

/** The script for one instance: `source` is where it gets the model (the fleet's artifact store, or the user's URI). */
export function tritonBootScript(config: StackConfig, host: HostSetup, source: ModelSource): string {
  const image = config.tritonImage ?? DEFAULT_TRITON_IMAGE;
  const modelDirectory = `${MODEL_REPOSITORY}/${config.modelName}`;
  const runFlags = [
    "-d",
    "--name triton",
    "--restart unless-stopped",
    "--network host",
    "--shm-size 1g",
    ...host.gpuDockerFlags,
    `-v ${MODEL_REPOSITORY}:/models:ro`,
    ...(config.accelerator ? [`-v ${ENGINE_CACHE_DIRECTORY}:${TENSORRT_ENGINE_CACHE}`] : []),
  ];
  return [
    "#!/bin/bash",
    `# wattplan: Triton Inference Server for plan ${config.planId} (${config.candidateKey})`,
    "set -euo pipefail",
    "exec >>/var/log/wattplan-boot.log 2>&1",
    ...host.everyBootLines,
    ...host.dockerLines,
    ...host.gpuLines,
    ...host.firewallLines,
    `mkdir -p ${shellQuote(`${modelDirectory}/1`)}${config.accelerator ? ` ${ENGINE_CACHE_DIRECTORY}` : ""}`,
    `cat > ${shellQuote(`${modelDirectory}/config.pbtxt`)} <<'WATTPLAN_TRITON_CONFIG'`,
    tritonModelConfig(config).trimEnd(),
    "WATTPLAN_TRITON_CONFIG",
    ...modelFetchLines(source, `${modelDirectory}/1`, "model.onnx", config.artifactSha256),
    // Bounded: a wrong image name should fail the boot (and autohealing replace the instance), not hang it.
    `for attempt in $(seq 1 40); do docker pull ${shellQuote(image)} && break; sleep 15; done`,
    "docker rm -f triton >/dev/null 2>&1 || true",
    `docker run ${runFlags.join(" ")} ${shellQuote(image)} tritonserver --model-repository=/models --strict-readiness=true ` +
      `--http-port=${TRITON_HTTP_PORT} --grpc-port=${TRITON_GRPC_PORT} --metrics-port=${TRITON_METRICS_PORT}`,
    "",
  ].join("\n");
}
