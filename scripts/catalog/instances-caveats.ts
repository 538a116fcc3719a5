import { A10G_MAX_POWER_NOTE } from "./instances-sources.ts";

/** Data decisions on the instance side, written into catalog/SOURCES.md by the orchestrator. */
export function instanceCaveats(): string[] {
  return [
    A10G_MAX_POWER_NOTE,
    "Graviton power: no SPECpower result exists for any Graviton, Axion or Cobalt CPU and CCF copies EPYC Rome's figures for every Graviton generation. " +
      "Graviton4 (c8g) and Google Axion (c4a), both Neoverse V2, use the only measured V2 system (NVIDIA Grace Superchip, 2.07/4.30 W per core); " +
      "Graviton3 (c7g, m7g), Neoverse V1, uses the midpoint of the measured N1 (Ampere Altra, 0.93/1.88 W) and V2 figures. Both are estimates and marked so.",
    "Inferentia2: AWS publishes no TDP and no idle reading was found, so inf2 types carry no accelerator power figures (CPU and memory power only); " +
      "the planner should treat their energy as incomplete rather than infer it from GPUs.",
    "GCP N1 is listed only with NVIDIA T4s attached (n1-standard-4/8/16/32/64 with 1/1/1/2/4 T4): instance types are keyed by machine type, so a CPU-only N1 " +
      "of the same name cannot also be listed. The T4 price is not in the Cyclenerd table; it comes from the SkyPilot GCP catalog (Google's per-region GPU prices) " +
      "and the offer is the sum of both, with no committed-use price.",
    "GCP GPU types (g2, a2, a3-highgpu, N1+T4) are offered only in regions where Google lists the GPU in a zone (SkyPilot's transcription of Google's per-zone " +
      "listings, in scripts/catalog/gcp-gpu-availability.json); a3-megagpu is left out (no zone listing read). CPU families are listed wherever the price table prices them.",
    "Families running on several CPU generations are described by the least capable one (least INT8 throughput per core, then FP32, then memory bandwidth): " +
      "the provider places a VM on any of them, so a plan must hold on the slowest. Its CPU model, power coefficients, peaks and memory bandwidth are used; " +
      "`cpu.generations` lists them all with their INT8 instruction class (for the 7-bit weight rule). Azure Fsv2 is described as Skylake (no VNNI), Dsv5 as Ice Lake, " +
      "GCP n2 as Cascade Lake, c4 as Emerald Rapids, n1 (the T4 host) as Sandy Bridge, n2d as Rome, Azure Dasv5 as Milan; AWS c5/c5d/c5n/r5/r5d as Skylake.",
    "Memory bandwidth per type: the socket's theoretical bandwidth (channels x MT/s x 8 bytes of the described generation, scripts/catalog/cpu-generations.csv) x the " +
      "type's vCPUs / the socket's vCPUs (scripts/catalog/instances-memory.ts: half the whole-host size, or the CPU's published core count where the largest VM is not " +
      "the whole host). Estimates: providers publish neither DIMM population nor memory speed, and a VM below a socket can burst above its share.",
    "CPU INT8 peaks are FP32 x the INT8 class's ops per FP32 FLOP (src/domain/int8-throughput.ts), the table the projection uses for the measuring host too: AMX 32, " +
      "VNNI and Arm dot products 4, AVX2 or AVX-512 without VNNI 4/3 (three instructions per 8-bit multiply-add). The reference lists EPYC Rome and Milan at the " +
      "instruction-level 128 INT8 ops per cycle; a third of it is used, the reference's own rule for Skylake.",
    "Accelerator efficiency priors come from MLPerf Inference result logs, one record per result (scripts/catalog/mlperf-results.csv): per accelerator = system ÷ " +
      "accelerators (assumes linear scaling), x FLOPs per sample ÷ dense peak. They supersede the reference's one-figure-per-accelerator MLPerf rows. BERT ratios are in " +
      "MLPerf's convention (padding skipped) and exceed 1 on the A100. The A10G has no result: the A10's records stand in (same die and memory), applied to the " +
      "A10G's own, lower tensor peak (70 TFLOPS FP16, 140 TOPS INT8: a10g-tensor-rates), no longer the A10's rates scaled by the FP32 clock ratio (126.3/252.6).",
    "Embodied emissions: CCF's per-type platform totals where CCF lists the type (c6i, g4dn, g5, p4d, n2, n1, a2-highgpu/megagpu, Fsv2, NCasT4_v3, Dsv5); other families " +
      "are derived with CCF's component method on the family's largest size (local SSDs not counted). CCF's NC A100 v4 rows omit the GPUs and are not used. " +
      "Azure NVadsA10_v5 sizes below NV36 are fractions of one A10 (count 1/6, 1/3, 1/2).",
    "Bare-metal sizes and GCP local-SSD variants (-lssd) are left out; AWS accelerated prices carry the source's 'reserved' " +
      "price as reserved1y (term not stated). Azure has on-demand prices only.",
    "General-purpose families (for `wattplan estimate` of existing stacks): every family the reference price tables carry whose CPU has power and peak figures. " +
      "AWS r7i in 22 regions; AWS t3 t4g m5 m5d m5n m5dn m5zn c5 c5d c5n c5a c5ad r5 r5d r5b r5n r5dn m6a c6a m6g m6gd c6g c6gd c6gn r6g r6gd m6i r6i priced in " +
      "us-east-1 only (the only AWS table covering them), with vCPUs and memory from CCF's AWS table (sizes it lacks are left out) and the CPU generation CCF lists " +
      "(checked at build); GCP e2 (E2 described by its newest platform, AMD Rome; also Skylake, Broadwell, Haswell), n2d, c3d and the highmem shapes of n2, c3, c4, c4a; " +
      "Azure Dasv5, Dsv6, Dasv6. GCP highmem shapes are weighed on their own host (CCF's highmem platform total or the largest highmem size). " +
      "Not carried by the reference price tables, so not listed: GCP c2, m1/m2/m3; Azure B-series and E-series. Carried but left out: AWS t2 m4 c4 r4 (Haswell/Broadwell) and " +
      "t3a m5a m5ad r5a r5ad (EPYC 1st gen) have no peak-rate row; AWS 7th/8th-generation families other than c7i m7i r7i c7g m7g c8g have no vCPU/memory figures; " +
      "Azure Fasv6 (one vCPU per physical core, unlike the SMT assumption of the peak figures) and Dpsv6 (Cobalt 100, no power figure); GCP N1 without a GPU (see N1 above).",
    "Burstable types carry `burstable.baselineVcpus`, the CPU time their price includes when sustained: AWS t3/t4g vCPUs x the baseline utilization per vCPU " +
      "of AWS's credit table (t3.large 2 x 30% = 0.6); GCP e2-micro/small/medium the fractional vCPU Google bills (0.25/0.5/1), with the 2 vCPUs CCF's machine table " +
      "gives them. The inference planner does not size fleets on burstable types (sustained load above the baseline is throttled or billed extra); estimates of " +
      "existing stacks cap CPU utilisation at the baseline share. Their power and embodied figures follow CCF's per-vCPU method on all their vCPUs, which over-states a " +
      "shared-core VM's share of its host; t3/t4g are weighed against the 96/64-vCPU hosts CCF's platform table states, not their largest 8-vCPU size.",
  ];
}
