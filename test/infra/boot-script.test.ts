// The boot script is shell run as root on every instance: check it parses and quotes what comes from the plan.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StackConfig } from "../../src/domain/stack-config.ts";
import { awsHostSetup, azureHostSetup, gcpHostSetup } from "../../src/infra/host-setup.ts";
import { azureStorageTokenUrl, modelFetchLines, shellQuote, type ModelSource } from "../../src/infra/model-fetch.ts";
import { tritonBootScript } from "../../src/infra/server-bootstrap.ts";

const config = {
  planId: "a".repeat(64),
  candidateKey: "gcp/europe-west4/n1-standard-8/fp32/b16",
  modelName: "resnet50",
  modelUri: "https://models.example/it's/model.onnx?sig=a&b=c",
  artifactSha256: createHash("sha256").update("the planned model").digest("hex"),
  batchSize: 16,
  maxQueueDelayMs: 10,
  precision: "fp32",
  replicas: 1,
  threadsPerReplica: 2,
  accelerator: { model: "T4", count: 2, memoryGb: 16 },
} as StackConfig;
const source: ModelSource = { uri: config.modelUri as string };

function bashParses(script: string): void {
  const directory = mkdtempSync(join(tmpdir(), "wattplan-boot-"));
  try {
    writeFileSync(join(directory, "boot.sh"), script);
    execFileSync("bash", ["-n", join(directory, "boot.sh")]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("boot script", () => {
  it("parses as bash for every cloud, with and without GPUs", () => {
    for (const setup of [awsHostSetup, gcpHostSetup, azureHostSetup]) {
      bashParses(tritonBootScript(config, setup(config), source));
      bashParses(tritonBootScript({ ...config, accelerator: undefined }, setup({ ...config, accelerator: undefined }), { uri: "s3://bucket/models/x.onnx" }));
    }
  });

  it("quotes the model URI so the shell takes it literally", () => {
    const lines = modelFetchLines(source, "/models/x/1", "model.onnx", config.artifactSha256).join("\n");
    expect(lines).toContain(shellQuote(source.uri));
    expect(execFileSync("bash", ["-c", `printf %s ${shellQuote("a'b $HOME `x` \\ \"q\"")}`]).toString()).toBe("a'b $HOME `x` \\ \"q\"");
  });

  it("hands every GPU to Triton on Container-Optimized OS", () => {
    const script = tritonBootScript(config, gcpHostSetup(config), source);
    expect(script).toContain("--device /dev/nvidia0");
    expect(script).toContain("--device /dev/nvidia1");
    expect(script).toContain("--strict-readiness=true");
  });

  it("waits out a busy dpkg on Ubuntu (Azure) instead of ending the boot at the first failed apt-get", () => {
    const directory = mkdtempSync(join(tmpdir(), "wattplan-apt-"));
    try {
      // Fakes on PATH: apt-get fails twice as if unattended-upgrades held the lock, then works; sleep returns at once.
      const fake = (name: string, body: string) => writeFileSync(join(directory, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
      fake("apt-get", `count=$(cat "${directory}/count" 2>/dev/null || echo 0); echo $((count + 1)) > "${directory}/count"; [ "$count" -ge 2 ] || exit 100; echo "$@" >> "${directory}/apt.log"`);
      fake("systemctl", `echo "$@" >> "${directory}/systemctl.log"`);
      fake("sleep", "true");
      const { dockerLines } = azureHostSetup({ ...config, accelerator: undefined });
      const script = ["set -euo pipefail", ...dockerLines, "echo reached-the-end"].join("\n");
      const output = execFileSync("bash", ["-c", script], { env: { PATH: `${directory}:/usr/bin:/bin` }, stdio: ["ignore", "pipe", "ignore"] }).toString();
      expect(output).toContain("reached-the-end");
      expect(execFileSync("cat", [join(directory, "apt.log")]).toString()).toContain("install -y docker.io");
      expect(execFileSync("cat", [join(directory, "systemctl.log")]).toString()).toContain("enable --now docker");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("the model download", () => {
  /** Runs the fetch lines with a fake curl that writes `content` (fake sleep, real sha256sum); returns the outcome. */
  function fetchWith(content: string, fetchSource: ModelSource = source) {
    const directory = mkdtempSync(join(tmpdir(), "wattplan-fetch-"));
    try {
      const fake = (name: string, body: string) => writeFileSync(join(directory, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
      // curl: the metadata call prints a token; the download writes `content` to --output and logs its arguments.
      fake("curl", `echo "$@" >> "${directory}/curl.log"; out=""; while [ $# -gt 0 ]; do [ "$1" = --output ] && out="$2"; shift; done; if [ -n "$out" ]; then printf %s ${shellQuote(content)} > "$out"; else echo '{"access_token":"t0k"}'; fi`);
      fake("sleep", "true");
      const target = join(directory, "models", "1");
      const script = ["set -euo pipefail", ...modelFetchLines(fetchSource, target, "model.onnx", config.artifactSha256), "echo model-ready"].join("\n");
      const run = spawnSync("bash", ["-c", script], { env: { PATH: `${directory}:/usr/bin:/bin` } });
      const curlLog = spawnSync("cat", [join(directory, "curl.log")]).stdout.toString();
      return { status: run.status, stdout: run.stdout.toString(), stderr: run.stderr.toString(), curlLog };
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  it("goes on once the file has the planned sha256", () => {
    const result = fetchWith("the planned model");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("model-ready");
  });

  it("ends the boot with a non-zero status, Triton never started, when the file is another one", () => {
    const result = fetchWith("some other model");
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain("model-ready");
    expect(result.stderr).toContain(`is not the planned one (sha256 ${config.artifactSha256}); Triton is not started`);
    // It retried before giving up (a partial download, an IAM grant still on its way).
    expect(result.curlLog.trim().split("\n").length).toBe(40);
  });

  it("reads a private Azure blob with a token for the fleet's managed identity", () => {
    const result = fetchWith("the planned model", { uri: "https://acct.blob.core.windows.net/models/models/x.onnx", azureIdentityClientId: "11111111-2222-3333-4444-555555555555" });
    expect(result.status).toBe(0);
    expect(result.curlLog).toContain(azureStorageTokenUrl("11111111-2222-3333-4444-555555555555"));
    expect(result.curlLog).toContain("Authorization: Bearer t0k");
  });
});

describe("boot script at later boots", () => {
  it("registers itself to run at every boot where cloud-init runs user data once (AWS, Azure), not on GCP's every-boot startup-script", () => {
    const everyBoot = "/var/lib/cloud/scripts/per-boot/wattplan-triton.sh";
    for (const withGpu of [config, { ...config, accelerator: undefined }]) {
      expect(tritonBootScript(withGpu, awsHostSetup(withGpu), source)).toContain(everyBoot);
      expect(tritonBootScript(withGpu, azureHostSetup(withGpu), source)).toContain(everyBoot);
      expect(tritonBootScript(withGpu, gcpHostSetup(withGpu), source)).not.toContain(everyBoot);
    }
  });

  it("is safe to run twice: the old container is removed before the new one starts", () => {
    const script = tritonBootScript(config, azureHostSetup(config), source);
    expect(script.indexOf("docker rm -f triton")).toBeLessThan(script.indexOf("docker run"));
  });
});
