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
    "Families running on several CPU generations are described by the newest: GCP n2 Ice Lake (also Cascade Lake), c4 Granite Rapids (also Emerald Rapids), " +
      "Azure Dsv5 and Fsv2 Emerald Rapids (also Ice Lake, Sapphire Rapids; Fsv2 also Skylake, Cascade Lake). GCP n1 is described as Skylake (CCF's newest N1 platform).",
    "Embodied emissions: CCF's per-type platform totals where CCF lists the type (c6i, g4dn, g5, p4d, n2, n1, a2-highgpu/megagpu, Fsv2, NCasT4_v3, Dsv5); other families " +
      "are derived with CCF's component method on the family's largest size (local SSDs not counted). CCF's NC A100 v4 rows omit the GPUs and are not used. " +
      "Azure NVadsA10_v5 sizes below NV36 are fractions of one A10 (count 1/6, 1/3, 1/2).",
    "Bare-metal sizes, local-SSD variants (-lssd) and GCP/Azure memory-optimised shapes are left out; AWS accelerated prices carry the source's 'reserved' " +
      "price as reserved1y (term not stated). Azure has on-demand prices only.",
  ];
}
