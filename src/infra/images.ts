// Which machine image suits the planned hardware, per cloud. Pure: the components resolve these names.
import type { StackConfig } from "../domain/stack-config.ts";

type Hardware = Pick<StackConfig, "architecture" | "accelerator">;

/** Public SSM parameters that always point at the latest image of each family. */
export const AWS_AMI_PARAMETERS = {
  gpuX86: "/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id",
  gpuArm64: "/aws/service/deeplearning/ami/arm64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id",
  cpuX86: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
  cpuArm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
} as const;

/** NVIDIA GPUs: the Deep Learning Base AMI (driver, docker, NVIDIA container toolkit); CPUs: plain AL2023. */
export function awsAmiParameter(hardware: Hardware): string {
  const arm = hardware.architecture === "arm64";
  if (hardware.accelerator) return arm ? AWS_AMI_PARAMETERS.gpuArm64 : AWS_AMI_PARAMETERS.gpuX86;
  return arm ? AWS_AMI_PARAMETERS.cpuArm64 : AWS_AMI_PARAMETERS.cpuX86;
}

/** Container-Optimized OS image families: docker built in, GPU drivers via cos-extensions. */
export function gcpImage(hardware: Hardware): string {
  return hardware.architecture === "arm64" ? "projects/cos-cloud/global/images/family/cos-arm64-stable" : "projects/cos-cloud/global/images/family/cos-stable";
}

export interface AzureImageReference {
  publisher: string;
  offer: string;
  sku: string;
  version: string;
}

/** Canonical's Ubuntu 22.04 LTS (gen2 x64 or arm64); the GPU driver comes from the NvidiaGpuDriverLinux extension. */
export function azureImage(hardware: Hardware): AzureImageReference {
  return {
    publisher: "Canonical",
    offer: "0001-com-ubuntu-server-jammy",
    sku: hardware.architecture === "arm64" ? "22_04-lts-arm64" : "22_04-lts-gen2",
    version: "latest",
  };
}

/** GCP accelerator type names for the catalog's accelerator models. */
export function gcpAcceleratorType(model: string, memoryGb: number): string {
  const normalized = model.toUpperCase();
  if (normalized.startsWith("T4")) return "nvidia-tesla-t4";
  if (normalized.startsWith("L4")) return "nvidia-l4";
  if (normalized.startsWith("V100")) return "nvidia-tesla-v100";
  if (normalized.startsWith("P100")) return "nvidia-tesla-p100";
  if (normalized.startsWith("P4")) return "nvidia-tesla-p4";
  if (normalized.startsWith("A100")) return memoryGb >= 80 || normalized.includes("80GB") ? "nvidia-a100-80gb" : "nvidia-tesla-a100";
  if (normalized.startsWith("H100")) return "nvidia-h100-80gb";
  throw new Error(`no GCP accelerator type known for '${model}'`);
}

/**
 * Boot disk type for a machine type. The Hyperdisk-only series (C4, C4A, C4D, N4, N4A, N4D, X4, A4, A4X and the
 * A3 Ultra / H4D / M4 types) reject Persistent Disk ("pd-balanced cannot be used by c4-highcpu-2"); every other
 * series in the catalog (N1, N2, T2A, C3, A2, A3 High, G2) boots from pd-balanced.
 */
export function gcpBootDiskType(machineType: string): "hyperdisk-balanced" | "pd-balanced" {
  const series = machineType.split("-")[0].toLowerCase();
  const hyperdiskOnlySeries = ["c4", "c4a", "c4d", "n4", "n4a", "n4d", "x4", "a4", "a4x", "h4d", "m4"];
  if (hyperdiskOnlySeries.includes(series) || /^a3-ultragpu/.test(machineType)) return "hyperdisk-balanced";
  return "pd-balanced";
}

/** Only N1 machine types take GPUs as guest accelerators; A2, A3 and G2 types come with theirs built in. */
export function gcpTakesGuestAccelerators(machineType: string): boolean {
  return machineType.startsWith("n1-");
}
