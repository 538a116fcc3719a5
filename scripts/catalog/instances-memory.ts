// Memory bandwidth per instance type: the socket's theoretical bandwidth (channels × MT/s × 8 bytes, from
// cpu-generations.csv) times the type's share of the socket (its vCPUs ÷ the socket's vCPUs). A VM below a socket
// gets that share on average; it can burst to more when its neighbours are idle, so this is a planning floor.
import type { ProviderId } from "../../src/domain/catalog.ts";
import type { Figure } from "../../src/domain/figure.ts";
import { factsOf } from "./cpu-generations.ts";
import { roundTo } from "./instances-csv.ts";
import { instanceSourceIds } from "./instances-sources.ts";

interface SocketSize {
  vcpus: number;
  /** Where the socket's vCPU count comes from. */
  basis: string;
}

const wholeHost = (largest: string, vcpus: number, sockets = 2): SocketSize => ({
  vcpus: vcpus / sockets,
  basis: `${largest} (${vcpus} vCPUs) is the whole ${sockets === 1 ? "single-socket" : `${sockets}-socket`} host`,
});
const cores = (sku: string, count: number, threadsPerCore = 2): SocketSize => ({
  vcpus: count * threadsPerCore,
  basis: `${sku}: ${count} cores${threadsPerCore === 2 ? " × 2 SMT threads" : ", 1 vCPU per core"} per socket`,
});

/**
 * vCPUs of one socket of the host of the generation each family is described by (its least capable one). Where the
 * largest size is the whole host, half of it (x86 hosts have two sockets); where the provider's largest VM is not the
 * whole host, the CPU's published core count.
 */
const socketSizes: Record<string, SocketSize> = {
  "aws/c6i": wholeHost("c6i.32xlarge", 128),
  "aws/m6i": wholeHost("m6i.32xlarge", 128),
  "aws/r6i": wholeHost("r6i.32xlarge", 128),
  "aws/c7i": wholeHost("c7i.48xlarge", 192),
  "aws/m7i": wholeHost("m7i.48xlarge", 192),
  "aws/r7i": wholeHost("r7i.48xlarge", 192),
  "aws/c7g": cores("AWS Graviton3 (aws-graviton-getting-started README)", 64, 1),
  "aws/m7g": cores("AWS Graviton3 (aws-graviton-getting-started README)", 64, 1),
  "aws/c8g": cores("AWS Graviton4 (aws-graviton-getting-started README: 96 per socket, 192 for the 2-socket 48xlarge)", 96, 1),
  "aws/g4dn": wholeHost("g4dn.metal", 96),
  "aws/g5": wholeHost("g5.48xlarge", 192),
  "aws/g6": wholeHost("g6.48xlarge", 192),
  "aws/g6e": wholeHost("g6e.48xlarge", 192),
  "aws/inf2": wholeHost("inf2.48xlarge", 192),
  "aws/p4d": wholeHost("p4d.24xlarge", 96),
  "aws/p5": wholeHost("p5.48xlarge", 192),
  "aws/t3": wholeHost("the 96-vCPU host of CCF's platform table", 96),
  "aws/m5": wholeHost("m5.24xlarge", 96),
  "aws/m5d": wholeHost("m5d.24xlarge", 96),
  "aws/m5n": wholeHost("m5n.24xlarge", 96),
  "aws/m5dn": wholeHost("m5dn.24xlarge", 96),
  "aws/m5zn": wholeHost("m5zn.12xlarge", 48),
  "aws/c5": wholeHost("c5.18xlarge (the largest Skylake size; c5.24xlarge is Cascade Lake only)", 72),
  "aws/c5d": wholeHost("c5d.18xlarge (the largest Skylake size)", 72),
  "aws/c5n": wholeHost("c5n.18xlarge", 72),
  "aws/c5a": wholeHost("c5a.24xlarge (one 48-core EPYC 7R32 socket)", 96, 1),
  "aws/c5ad": wholeHost("c5ad.24xlarge (one 48-core EPYC 7R32 socket)", 96, 1),
  "aws/r5": wholeHost("r5.24xlarge", 96),
  "aws/r5d": wholeHost("r5d.24xlarge", 96),
  "aws/r5b": wholeHost("r5b.24xlarge", 96),
  "aws/r5n": wholeHost("r5n.24xlarge", 96),
  "aws/r5dn": wholeHost("r5dn.24xlarge", 96),
  "aws/m6a": wholeHost("m6a.48xlarge", 192),
  "aws/c6a": wholeHost("c6a.48xlarge", 192),
  ...Object.fromEntries(
    ["t4g", "m6g", "m6gd", "c6g", "c6gd", "c6gn", "r6g", "r6gd"].map((family) => [`aws/${family}`, cores("AWS Graviton2 (aws-graviton-getting-started README)", 64, 1)]),
  ),
  "gcp/n2": wholeHost("n2-standard-80 (the largest Cascade Lake size; larger n2 sizes run only on Ice Lake)", 80),
  "gcp/n2d": wholeHost("n2d-standard-224", 224),
  "gcp/e2": wholeHost("n2d-standard-224 (E2 shares the EPYC hosts of N2D; assumed)", 224),
  "gcp/c3": wholeHost("c3-standard-176", 176),
  "gcp/c3d": wholeHost("c3d-standard-360", 360),
  "gcp/c4": wholeHost("c4-standard-192 (the largest Emerald Rapids size; c4-standard-288 is Granite Rapids)", 192),
  "gcp/t2a": cores("Ampere Altra Q64-30 (GCP cpu-platforms)", 64, 1),
  "gcp/c4a": wholeHost("c4a-standard-72 (Axion's core count is not published)", 72, 1),
  "gcp/n1": cores("Xeon E5-2600 v2 (Ivy Bridge-EP, at most 12 cores)", 12),
  "gcp/g2": wholeHost("g2-standard-96", 96),
  "gcp/a2": wholeHost("a2-megagpu-16g", 96),
  "gcp/a3": wholeHost("a3-highgpu-8g", 208),
  "azure/Dsv5": wholeHost("Standard_D96s_v5", 96),
  "azure/Dsv6": wholeHost("Standard_D192s_v6", 192),
  "azure/Dasv5": wholeHost("Standard_D96as_v5", 96),
  "azure/Dasv6": wholeHost("Standard_D96as_v6", 96),
  "azure/Dpsv5": wholeHost("Standard_D64ps_v5", 64, 1),
  "azure/Fsv2": cores("Xeon Platinum 8168", 24),
  "azure/NCasT4_v3": wholeHost("Standard_NC64as_T4_v3", 64),
  "azure/NVadsA10_v5": cores("EPYC 74F3", 24),
  "azure/NC_A100_v4": wholeHost("Standard_NC96ads_A100_v4", 96),
  "azure/ND_H100_v5": wholeHost("Standard_ND96isr_H100_v5", 96),
};

export function socketSizeOf(provider: ProviderId, family: string): SocketSize {
  const size = socketSizes[`${provider}/${family}`];
  if (!size) throw new Error(`no socket size for ${provider}/${family} in scripts/catalog/instances-memory.ts`);
  return size;
}

/** The type's estimated memory bandwidth on the generation it is described by. */
export function memoryBandwidthFigure(provider: ProviderId, family: string, microarchitecture: string, vcpus: number, generationNote: string): Figure {
  const facts = factsOf(microarchitecture);
  const socket = socketSizeOf(provider, family);
  const perSocket = facts.memoryBandwidthGbPerSecondPerSocket;
  return {
    value: roundTo((perSocket * vcpus) / socket.vcpus, 1),
    source: instanceSourceIds.cpuGenerations,
    asOf: "2026-12",
    method:
      `${microarchitecture}: ${facts.memoryChannels} channels x ${facts.memoryMegatransfersPerSecond} MT/s x 8 bytes = ${roundTo(perSocket, 1)} GB/s per socket ` +
      `x ${vcpus} / ${socket.vcpus} vCPUs of the socket (${socket.basis}); theoretical, a VM's average share (sources per generation in SOURCES.md)${generationNote}`,
    estimated: true,
  };
}
