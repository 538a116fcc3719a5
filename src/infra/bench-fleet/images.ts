// The public images a bench machine boots, per cloud and hardware. Each needs a shell, curl, tar and sha256sum;
// GPU images bring the NVIDIA driver and a CUDA 12 stack (cuDNN 9 is added from NVIDIA's repository where missing).
import { AWS_AMI_PARAMETERS, azureImage, type AzureImageReference } from "../images.ts";

export interface BenchHardware {
  architecture: "x86_64" | "arm64";
  gpu: boolean;
}

/**
 * AWS, through public SSM parameters (always the latest image): Amazon Linux 2023 for CPUs (the AWS CLI is in it),
 * the Deep Learning Base OSS NVIDIA Driver GPU AMI (Amazon Linux 2023) for GPUs, whose CUDA stacks include 12.x
 * (AWS's DLAMI release notes, 2025-12 to 2026-09, list /usr/local/cuda-12.8 and 12.9 beside 13.x).
 */
export function awsBenchAmiParameter(hardware: BenchHardware): string {
  if (hardware.gpu) return hardware.architecture === "arm64" ? AWS_AMI_PARAMETERS.gpuArm64 : AWS_AMI_PARAMETERS.gpuX86;
  return hardware.architecture === "arm64" ? AWS_AMI_PARAMETERS.cpuArm64 : AWS_AMI_PARAMETERS.cpuX86;
}

/**
 * GCP image families: Debian 12 for CPUs (x86_64 and arm64); for GPUs the Deep Learning VM "Base" family with
 * CUDA 12.9 and NVIDIA driver 580 on Ubuntu 22.04 (Google's "Choose an image" page, updated 2026-04-10, lists
 * common-cu129-ubuntu-2204-nvidia-580 as a current Base GPU family; Debian DLVM images are deprecated).
 */
export const GCP_BENCH_IMAGES = {
  cpuX86: "projects/debian-cloud/global/images/family/debian-12",
  cpuArm64: "projects/debian-cloud/global/images/family/debian-12-arm64",
  gpuX86: "projects/deeplearning-platform-release/global/images/family/common-cu129-ubuntu-2204-nvidia-580",
} as const;

export function gcpBenchImage(hardware: BenchHardware): string {
  if (hardware.gpu) return GCP_BENCH_IMAGES.gpuX86;
  return hardware.architecture === "arm64" ? GCP_BENCH_IMAGES.cpuArm64 : GCP_BENCH_IMAGES.cpuX86;
}

/** Azure: Canonical's Ubuntu 22.04 (as the fleet); GPUs get their driver from the NvidiaGpuDriverLinux extension. */
export function azureBenchImage(hardware: BenchHardware): AzureImageReference {
  return azureImage({ architecture: hardware.architecture });
}
