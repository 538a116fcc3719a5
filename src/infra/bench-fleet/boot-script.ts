// The bench machine's boot script, in two phases. Install: Node (the official tarball, checksum verified), the model
// and this exact wattplan (its packed tarball with npm-shrinkwrap.json, `npm ci`), and on GPUs the CUDA libraries
// onnxruntime's CUDA provider loads. Run: `wattplan bench` with the user's options, then upload the profile and the
// log, and power off. Each phase reached is written as an object of its own under the results prefix (see
// results-layout.ts), never overwritten, so the machine needs no more than a create grant there.
import { shellQuote } from "../model-fetch.ts";
import { LOG_OBJECT, MODEL_OBJECT, PACKAGE_OBJECT, PHASE_OBJECTS, PROFILE_OBJECT, AZURE_CONTAINERS, INPUTS_PREFIX, RESULTS_PREFIX } from "./results-layout.ts";

export type BenchMachineStorage =
  | { provider: "aws"; region: string; bucket: string }
  | { provider: "gcp"; bucket: string }
  | { provider: "azure"; blobEndpoint: string; identityClientId: string };

export interface BenchBootSpec {
  storage: BenchMachineStorage;
  /** The Node.js release to install, e.g. "20.20.2" (the one `bench --on` runs on). */
  nodeVersion: string;
  architecture: "x86_64" | "arm64";
  gpu: boolean;
  modelSha256: string;
  packageSha256: string;
  /** What follows `wattplan bench MODEL` on the machine (the user's options, the instance type, the provider). */
  benchArguments: string[];
  /** The machine powers itself off after this long, whatever happens. */
  ceilingMinutes: number;
  /** Where everything lives on the machine (tests point it at a temporary folder). */
  workDirectory?: string;
}

export const DEFAULT_WORK_DIRECTORY = "/var/lib/wattplan-bench";

/** The whole script: both phases, as the cloud runs it at first boot. */
export function renderBootScript(spec: BenchBootSpec): string {
  return [...prologue(spec), ...storageFunctions(spec.storage), ...commonFunctions(), ...installPhase(spec), ...runPhase(spec)].join("\n") + "\n";
}

/** The run phase alone, on a machine where the install phase has put Node and wattplan in place. */
export function renderRunPhase(spec: BenchBootSpec): string {
  return [...prologue(spec), ...storageFunctions(spec.storage), ...commonFunctions(), ...libraryPathLines(spec), ...runPhase(spec)].join("\n") + "\n";
}

function prologue(spec: BenchBootSpec): string[] {
  const work = spec.workDirectory ?? DEFAULT_WORK_DIRECTORY;
  return [
    "#!/bin/sh",
    "# wattplan bench machine: install, benchmark, upload, power off.",
    "set -u",
    `WORK=${shellQuote(work)}`,
    'RESULTS="$WORK/results"',
    'LOG="$WORK/bench.log"',
    'APP="$WORK/app/package"',
    'NODE_HOME="$WORK/node"',
    'mkdir -p "$RESULTS" || exit 1',
    'exec >>"$LOG" 2>&1',
    'echo "wattplan: boot script started $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    "export HOME=\"${HOME:-/root}\"",
  ];
}

/** fetch KEY FILE (an input) and upload FILE NAME (a result), per cloud, with the machine's own identity. */
function storageFunctions(storage: BenchMachineStorage): string[] {
  const retry = (command: string) => `for attempt in 1 2 3 4 5; do ${command} && return 0; sleep 5; done; return 1`;
  switch (storage.provider) {
    case "aws": {
      // The AWS CLI on Amazon Linux 2023 and the Deep Learning AMI picks up the instance profile's credentials.
      const bucket = shellQuote(storage.bucket);
      const region = shellQuote(storage.region);
      return [
        `fetch() { ${retry(`aws s3 cp --only-show-errors --region ${region} "s3://"${bucket}"/$1" "$2"`)}; }`,
        `upload() { ${retry(`aws s3 cp --only-show-errors --region ${region} "$1" "s3://"${bucket}"/${RESULTS_PREFIX}$2"`)}; }`,
      ];
    }
    case "gcp": {
      // The metadata server hands out the service account's token; the JSON API takes it as a bearer token.
      const bucket = shellQuote(storage.bucket);
      return [
        "token() { curl -fsS -H 'Metadata-Flavor: Google' 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token' | sed -n 's/.*\"access_token\" *: *\"\\([^\"]*\\)\".*/\\1/p'; }",
        `fetch() { ${retry(`curl -fsS -H "Authorization: Bearer $(token)" -o "$2" "https://storage.googleapis.com/storage/v1/b/"${bucket}"/o/$(printf %s "$1" | sed 's#/#%2F#g')?alt=media"`)}; }`,
        `upload() { ${retry(`curl -fsS -X POST -H "Authorization: Bearer $(token)" -H 'Content-Type: application/octet-stream' --data-binary "@$1" "https://storage.googleapis.com/upload/storage/v1/b/"${bucket}"/o?uploadType=media&name=${RESULTS_PREFIX.replace("/", "%2F")}$2" >/dev/null`)}; }`,
      ];
    }
    case "azure": {
      // The instance metadata service hands out the user-assigned identity's token for Azure Storage.
      const endpoint = shellQuote(storage.blobEndpoint.replace(/\/+$/, ""));
      const clientId = shellQuote(storage.identityClientId);
      const version = "x-ms-version: 2021-08-06";
      return [
        `token() { curl -fsS -H 'Metadata: true' "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fstorage.azure.com%2F&client_id="${clientId} | sed -n 's/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p'; }`,
        `fetch() { ${retry(`curl -fsS -H "Authorization: Bearer $(token)" -H '${version}' -o "$2" ${endpoint}"/${AZURE_CONTAINERS.inputs}/\${1#${INPUTS_PREFIX}}"`)}; }`,
        `upload() { ${retry(`curl -fsS -X PUT -H "Authorization: Bearer $(token)" -H '${version}' -H 'x-ms-blob-type: BlockBlob' --data-binary "@$1" ${endpoint}"/${AZURE_CONTAINERS.results}/$2" >/dev/null`)}; }`,
      ];
    }
  }
}

function commonFunctions(): string[] {
  return [
    // A phase reached: a small object of its own (see PHASE_OBJECTS), with the time and an optional message.
    'mark() { printf "%s %s\\n" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${2:-}" > "$RESULTS/$1" && upload "$RESULTS/$1" "$1"; }',
    `fail() { echo "wattplan: $1"; mark ${PHASE_OBJECTS.failed} "$1"; upload "$LOG" ${LOG_OBJECT}; poweroff; exit 1; }`,
    'verify() { [ "$(sha256sum "$1" | cut -d" " -f1)" = "$2" ] || fail "$1 does not have the sha256 uploaded ($2)"; }',
  ];
}

function installPhase(spec: BenchBootSpec): string[] {
  const nodeArch = spec.architecture === "arm64" ? "arm64" : "x64";
  const nodeFile = `node-v${spec.nodeVersion}-linux-${nodeArch}.tar.gz`;
  const nodeUrl = `https://nodejs.org/dist/v${spec.nodeVersion}`;
  return [
    "# Install phase.",
    // A ceiling the machine keeps on its own, should nothing else stop it.
    `shutdown -h +${Math.ceil(spec.ceilingMinutes)} || true`,
    `mark ${PHASE_OBJECTS.installing}`,
    'mkdir -p "$NODE_HOME" "$WORK/app" || fail "cannot create $WORK"',
    `curl -fsSL -o "$WORK/${nodeFile}" '${nodeUrl}/${nodeFile}' || fail "downloading Node.js ${spec.nodeVersion} failed"`,
    `curl -fsSL -o "$WORK/SHASUMS256.txt" '${nodeUrl}/SHASUMS256.txt' || fail "downloading Node.js checksums failed"`,
    `(cd "$WORK" && grep ' ${nodeFile}$' SHASUMS256.txt | sha256sum -c -) || fail "Node.js ${spec.nodeVersion} does not match its published checksum"`,
    `tar -xzf "$WORK/${nodeFile}" -C "$NODE_HOME" --strip-components=1 || fail "unpacking Node.js failed"`,
    `fetch ${MODEL_OBJECT} "$WORK/model.onnx" || fail "fetching the model failed"`,
    `verify "$WORK/model.onnx" ${spec.modelSha256}`,
    `fetch ${PACKAGE_OBJECT} "$WORK/wattplan.tgz" || fail "fetching the wattplan package failed"`,
    `verify "$WORK/wattplan.tgz" ${spec.packageSha256}`,
    'tar -xzf "$WORK/wattplan.tgz" -C "$WORK/app" || fail "unpacking wattplan failed"',
    // npm ci installs exactly the shrinkwrap's versions, or fails; onnxruntime's install script fetches the CUDA
    // provider only where the machine has an NVIDIA GPU.
    `(cd "$APP" && PATH="$NODE_HOME/bin:$PATH" ONNXRUNTIME_NODE_INSTALL=${spec.gpu ? "cuda12" : "skip"} npm ci --omit=dev --no-audit --no-fund) || fail "installing wattplan's dependencies failed (npm ci)"`,
    ...(spec.gpu ? cudaLibraryLines() : []),
  ];
}

/**
 * onnxruntime 1.30's CUDA provider loads CUDA 12 (cudart, cublas, cublasLt, cufft, curand) and cuDNN 9. The GPU
 * images ship CUDA 12 stacks; where cuDNN 9 or a CUDA 12 library is missing on an apt system, NVIDIA's own
 * repository provides them.
 */
function cudaLibraryLines(): string[] {
  return [
    'for attempt in $(seq 1 90); do nvidia-smi >/dev/null 2>&1 && break; echo "wattplan: waiting for the NVIDIA driver"; sleep 10; done',
    'nvidia-smi || fail "the NVIDIA driver is not running (nvidia-smi failed)"',
    "cuda_libraries() { find /usr/local /usr/lib /usr/lib64 /opt -name 'libcudnn.so.9*' -o -name 'libcublasLt.so.12*' -o -name 'libcudart.so.12*' -o -name 'libcufft.so.11*' -o -name 'libcurand.so.10*' 2>/dev/null; }",
    "missing_cuda() { for lib in libcudnn.so.9 libcublasLt.so.12 libcudart.so.12 libcufft.so.11 libcurand.so.10; do cuda_libraries | grep -q \"/$lib\" || echo \"$lib\"; done; }",
    'if [ -n "$(missing_cuda)" ] && command -v apt-get >/dev/null; then',
    '  . /etc/os-release',
    '  curl -fsSL -o "$WORK/cuda-keyring.deb" "https://developer.download.nvidia.com/compute/cuda/repos/ubuntu$(echo "$VERSION_ID" | tr -d .)/x86_64/cuda-keyring_1.1-1_all.deb" || fail "downloading NVIDIA\'s repository key failed"',
    '  dpkg -i "$WORK/cuda-keyring.deb" && apt-get -o DPkg::Lock::Timeout=300 update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y cudnn9-cuda-12 libcublas-12-8 libcufft-12-8 libcurand-12-8 cuda-cudart-12-8 || fail "installing cuDNN 9 and the CUDA 12 libraries failed"',
    "fi",
    'missing="$(missing_cuda | tr "\\n" " ")"',
    '[ -z "$missing" ] || fail "the CUDA provider needs libraries this image lacks: $missing"',
    'cuda_libraries | xargs -n1 dirname | sort -u | tr "\\n" ":" > "$WORK/cuda-library-path"',
  ];
}

/** On GPUs, the run sees the CUDA library folders the install phase found. */
function libraryPathLines(spec: BenchBootSpec): string[] {
  return spec.gpu ? ['[ -s "$WORK/cuda-library-path" ] || fail "the install phase found no CUDA libraries"'] : [];
}

function runPhase(spec: BenchBootSpec): string[] {
  const benchArguments = spec.benchArguments.map(shellQuote).join(" ");
  return [
    "# Run phase.",
    `mark ${PHASE_OBJECTS.benchmarking}`,
    ...(spec.gpu ? ['export LD_LIBRARY_PATH="$(cat "$WORK/cuda-library-path")${LD_LIBRARY_PATH:-}"'] : []),
    // The package's own bin entry, wherever this version puts it.
    `WATTPLAN_BIN="$("$NODE_HOME/bin/node" -e 'const p = require(process.argv[1]); process.stdout.write(require("path").join(require("path").dirname(process.argv[1]), typeof p.bin === "string" ? p.bin : p.bin.wattplan))' "$APP/package.json")" || fail "wattplan's package names no bin"`,
    `"$NODE_HOME/bin/node" "$WATTPLAN_BIN" bench "$WORK/model.onnx" ${benchArguments} --out "$RESULTS/${PROFILE_OBJECT}"`,
    'status=$?',
    '[ "$status" -eq 0 ] || fail "wattplan bench exited with $status: $(grep "^wattplan: " "$LOG" | tail -n 1)"',
    `mark ${PHASE_OBJECTS.uploading}`,
    `upload "$RESULTS/${PROFILE_OBJECT}" ${PROFILE_OBJECT} || fail "uploading the profile failed"`,
    `upload "$LOG" ${LOG_OBJECT} || fail "uploading the log failed"`,
    `mark ${PHASE_OBJECTS.done}`,
    "poweroff",
  ];
}
