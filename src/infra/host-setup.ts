// How each cloud's image gets docker and the NVIDIA stack ready for Triton.
import type { StackConfig } from "../domain/stack-config.ts";
import { CLOUD_INIT_EVERY_BOOT_LINES, TRITON_PORTS, type HostSetup } from "./server-bootstrap.ts";
import { deviceCount } from "./triton-config.ts";

const waitForNvidiaSmi = (binary: string) => [
  `for attempt in $(seq 1 90); do ${binary} >/dev/null 2>&1 && break; echo "wattplan: waiting for the NVIDIA driver" >&2; sleep 10; done`,
  `${binary}`,
];

/** Amazon Linux 2023 (CPU) or the Deep Learning Base OSS NVIDIA driver AMI (GPU: docker + NVIDIA toolkit inside). */
export function awsHostSetup(config: StackConfig): HostSetup {
  if (config.accelerator) {
    return {
      dockerLines: ["systemctl enable --now docker"],
      gpuLines: waitForNvidiaSmi("nvidia-smi"),
      gpuDockerFlags: ["--gpus all"],
      firewallLines: [],
      everyBootLines: CLOUD_INIT_EVERY_BOOT_LINES,
    };
  }
  return { dockerLines: ["dnf install -y docker", "systemctl enable --now docker"], gpuLines: [], gpuDockerFlags: [], firewallLines: [], everyBootLines: CLOUD_INIT_EVERY_BOOT_LINES };
}

/** Container-Optimized OS: docker is there; GPUs get their driver from cos-extensions; the host firewall drops inbound. */
export function gcpHostSetup(config: StackConfig): HostSetup {
  const firewallLines = TRITON_PORTS.map((port) => `iptables -w -C INPUT -p tcp --dport ${port} -j ACCEPT 2>/dev/null || iptables -w -A INPUT -p tcp --dport ${port} -j ACCEPT`);
  const dockerLines = ["systemctl start docker"];
  // GCP runs the startup-script at every boot already.
  const everyBootLines: string[] = [];
  if (!config.accelerator) return { dockerLines, gpuLines: [], gpuDockerFlags: [], firewallLines, everyBootLines };
  const devices = Array.from({ length: deviceCount(config.accelerator) }, (_, index) => `--device /dev/nvidia${index}`);
  return {
    dockerLines,
    gpuLines: [
      "cos-extensions install gpu",
      "mount --bind /var/lib/nvidia /var/lib/nvidia",
      "mount -o remount,exec /var/lib/nvidia",
      ...waitForNvidiaSmi("/var/lib/nvidia/bin/nvidia-smi"),
    ],
    gpuDockerFlags: [
      "--volume /var/lib/nvidia/lib64:/usr/local/nvidia/lib64",
      "--volume /var/lib/nvidia/bin:/usr/local/nvidia/bin",
      "--device /dev/nvidia-uvm",
      "--device /dev/nvidiactl",
      ...devices,
    ],
    firewallLines,
    everyBootLines,
  };
}

/**
 * apt-get that waits for the dpkg lock and retries: on a fresh Ubuntu VM, unattended-upgrades and (on GPUs) the
 * NvidiaGpuDriverLinux extension run apt at the same time, and a plain apt-get then fails at once ("Could not get
 * lock /var/lib/dpkg/lock-frontend"), which under `set -e` would end the boot before Triton starts.
 */
function aptGetRetried(...commands: string[]): string {
  const steps = commands.map((command) => `apt-get -o DPkg::Lock::Timeout=120 ${command}`).join(" && ");
  return (
    `for attempt in $(seq 1 20); do ${steps} && break; ` +
    `if [ "$attempt" -eq 20 ]; then echo "wattplan: apt-get kept failing" >&2; exit 1; fi; ` +
    `echo "wattplan: apt-get failed (attempt $attempt; dpkg busy?), retrying" >&2; sleep 15; done`
  );
}

/** Ubuntu 22.04: docker from the archive; on GPUs the driver comes from the NvidiaGpuDriverLinux extension. */
export function azureHostSetup(config: StackConfig): HostSetup {
  const dockerLines = [
    "export DEBIAN_FRONTEND=noninteractive",
    aptGetRetried("update", "install -y docker.io curl gnupg"),
    "systemctl enable --now docker",
  ];
  if (!config.accelerator) return { dockerLines, gpuLines: [], gpuDockerFlags: [], firewallLines: [], everyBootLines: CLOUD_INIT_EVERY_BOOT_LINES };
  const keyring = "/usr/share/keyrings/nvidia-container-toolkit-keyring.gpg";
  return {
    dockerLines,
    gpuLines: [
      ...waitForNvidiaSmi("nvidia-smi"),
      `curl -fsSL https://nvidia.github.io/libnvidia-container/gpgkey | gpg --batch --yes --dearmor -o ${keyring}`,
      `curl -fsSL https://nvidia.github.io/libnvidia-container/stable/deb/nvidia-container-toolkit.list | sed 's#deb https://#deb [signed-by=${keyring}] https://#g' > /etc/apt/sources.list.d/nvidia-container-toolkit.list`,
      aptGetRetried("update", "install -y nvidia-container-toolkit"),
      "nvidia-ctk runtime configure --runtime=docker",
      "systemctl restart docker",
    ],
    gpuDockerFlags: ["--gpus all"],
    firewallLines: [],
    everyBootLines: CLOUD_INIT_EVERY_BOOT_LINES,
  };
}
