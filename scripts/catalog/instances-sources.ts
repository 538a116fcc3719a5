import type { Source } from "../../src/domain/figure.ts";

/**
 * The sources behind instance types, offers, accelerators and priors. Figures cite these ids; SOURCES.md is
 * written from these records. Dates are those of the data snapshot (commit or generation date), not of our build,
 * so a rebuild from the same reference data is byte-identical.
 */
export const instanceSourceIds = {
  awsCpuPrices: "skypilot-aws-vms",
  awsAcceleratedPrices: "vantage-aws-accelerated-prices",
  gcpPrices: "cyclenerd-gcp-pricing",
  gcpGpuCatalog: "skypilot-gcp-vms",
  azurePrices: "karpenter-azure-pricing",
  azureSpecs: "aspire-azure-vm-specs",
  familyMicroarchitecture: "wattplan-family-microarchitecture",
  specpower: "specpower-via-ccf-coefficients",
  ccfConstants: "ccf-footprint-constants",
  ccfEmbodied: "ccf-embodied-coefficients",
  ccfInstanceTypes: "ccf-instance-types",
  acceleratorPower: "wattplan-accelerator-power",
  acceleratorSpecs: "accelerator-vendor-specs",
  cpuPeak: "wattplan-cpu-peak-rates",
  awsUsEast1Prices: "karpenter-aws-pricing",
  awsBurstableBaselines: "aws-ec2-burstable-baselines",
  azureSizeDocs: "microsoft-azure-size-docs",
  cpuGenerations: "wattplan-cpu-generations",
  a10gTensor: "a10g-tensor-rates",
} as const;

export const A10G_MAX_POWER_NOTE =
  "A10G maximum power: 300 W is used, not the 150 W of mlco2/impact and TechPowerUp (copied into accelerators.csv). " +
  "Every public nvidia-smi output from AWS g5 instances shows an enforced power cap of 300 W and one shows 257 W drawn at 100% " +
  "utilisation, which a 150 W board could not do; NVIDIA publishes no A10G datasheet. For the other NVIDIA boards the maximum is the " +
  "datasheet TDP/TBP, which is also the enforced cap, so the cap is the like-for-like figure. CCF/Teads model the A10G at 18/153 W.";

export function instanceSources(): Source[] {
  return [
    {
      id: instanceSourceIds.awsCpuPrices,
      title: "SkyPilot catalog v7 AWS VMs (catalogs/v7/aws/vms.csv): EC2 Linux on-demand and spot prices per zone",
      publisher: "SkyPilot (skypilot-org/skypilot-catalog), generated from the AWS price APIs",
      url: "https://github.com/skypilot-org/skypilot-catalog",
      licence: "No licence file in the catalog repository; generated from AWS public price data by SkyPilot (Apache-2.0)",
      commit: "001367d22a0033fac286a8c71aeac7109e431bcb",
      retrieved: "2026-07-20",
      notes:
        "Families c6i c7i c7g c8g m7i m7g r7i, 22 regions. Spot = median over the region's availability zones at the snapshot (volatile). " +
        "The snapshot's commit date could not be read; us-east-1 on-demand values equal AWS's own table generated 2026-07-20 (Karpenter), so that date is used.",
    },
    {
      id: instanceSourceIds.awsAcceleratedPrices,
      title: "AWS EC2 accelerated instance prices (g4dn g5 g6 g6e p4d p5 inf2) from instances.vantage.sh, via tsaol/aws-gpu data files",
      publisher: "Vantage (instances.vantage.sh); tsaol/aws-gpu (redistribution)",
      url: "https://github.com/tsaol/aws-gpu",
      licence: "MIT declared in the repository README (no LICENSE file); data generated from instances.vantage.sh",
      commit: "77fcd9fe1d0652fd07b830e5ed030d61da87923e",
      retrieved: "2026-01-21",
      notes:
        "On-demand Linux prices per region; Local Zones and Wavelength zones are dropped (not in the region list). The source's 'reserved' " +
        "price states no term or payment option; it is stored as reserved1y (its ratio to on-demand, about 0.63, is in the 1-year range) and is indicative only. " +
        "All us-east-1 on-demand values equal AWS's own us-east-1 table (Karpenter, 2026-07-20). No spot prices.",
    },
    {
      id: instanceSourceIds.gcpPrices,
      title: "Google Cloud Compute Engine prices per machine type and region (pricing.yml)",
      publisher: "Cyclenerd/google-cloud-pricing-cost-calculator, generated from Google Cloud SKU prices",
      url: "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator",
      licence: "Apache-2.0",
      commit: "fd66b26ff84fee5cdd94f341ea89206e76c06b99",
      retrieved: "2026-07-30",
      notes:
        "On-demand, spot and committed-use (1 and 3 years, monthly figures divided by 730 hours) prices, Linux, no disks. Prices are listed wherever the SKUs are priced, " +
        "which over-states where GPU machine types exist: g2, a2, a3 and N1+T4 are listed only in regions where Google offers the GPU in a zone (see skypilot-gcp-vms). " +
        "a2/a3/g2 prices include the attached GPUs; GPUs attachable to N1 are not priced here.",
    },
    {
      id: instanceSourceIds.gcpGpuCatalog,
      title: "SkyPilot catalog v7 GCP VMs (catalogs/v7/gcp/vms.csv): machine types and GPUs per zone, with GPU prices",
      publisher: "SkyPilot (skypilot-org/skypilot-catalog), generated from Google Compute Engine's zone listings and Cloud Billing prices",
      url: "https://github.com/skypilot-org/skypilot-catalog/blob/master/catalogs/v7/gcp/vms.csv",
      licence: "No licence file in the catalog repository; facts from Google's public Compute Engine listings",
      commit: "017e2502fb63c7a28757acd94002b2d6099d3e3d",
      retrieved: "2026-11-28",
      notes:
        "Transcribed by hand into scripts/catalog/gcp-gpu-availability.json (zones per region where g2 (L4), a2-highgpu/megagpu (A100 40GB), " +
        "a2-ultragpu (A100 80GB), a3-highgpu (H100) and the T4 are offered) and scripts/catalog/prices-gcp-t4.json (T4 per-GPU on-demand and spot USD/h per region). " +
        "Google's own 'GPU regions and zones' page could not be read here; this catalog lists the same per-zone facts from Google's API. " +
        "GCP GPU offers carry these zones (offers.json `zones`): plans pass them on and the deployed instance group is placed in them only. " +
        "Read on the retrieved date; the commit date was not visible.",
    },
    {
      id: instanceSourceIds.azurePrices,
      title: "Azure VM Linux on-demand prices per region (zz_generated.pricing.go), from the Azure Retail Prices API",
      publisher: "Microsoft (Azure/karpenter-provider-azure)",
      url: "https://github.com/Azure/karpenter-provider-azure",
      licence: "Apache-2.0",
      commit: "352646f599290c3a6d2f9710fb535a7b288f88ed",
      retrieved: "2026-06-18",
      notes: "Consumption (pay-as-you-go) Linux prices generated 2026-06-18; Windows and Low Priority meters excluded. No spot or reserved prices for Azure.",
    },
    {
      id: instanceSourceIds.azureSpecs,
      title: "Azure VM sizes: vCPUs, memory and GPUs (AksNodeVmSizes.Generated.cs doc comments, from Azure Resource SKUs)",
      publisher: "Microsoft (microsoft/aspire)",
      url: "https://github.com/microsoft/aspire",
      licence: "MIT",
      commit: "59d405ff5a491bb191b1af881f2f657465521b3f",
      retrieved: "2026-08-21",
      notes: "Sizes absent from this list (e.g. Standard_D96ps_v5) are left out of the catalog rather than guessed.",
    },
    {
      id: instanceSourceIds.familyMicroarchitecture,
      title: "Instance family to CPU microarchitecture and model (compiled from provider documentation)",
      publisher: "wattplan reference data (AWS EC2 User Guide, aws-graviton-getting-started, Azure size docs, Google Cloud CPU platforms, CCF 2026 instance tables)",
      licence: "Facts from provider documentation (CC BY-SA 4.0 / CC BY 4.0 docs) and Apache-2.0 data; compiled by wattplan",
      retrieved: "2026-08-21",
      notes:
        "Where a family runs on several CPU generations (GCP n2, c4; Azure Dsv5, Fsv2) the catalog uses the newest generation; the power and peak figures say which. " +
        "Rows marked secondary (c7i, m7i, g6, g6e, p5, inf2, c3, c4a, g2, a2, a3) come from provider data seen through third parties.",
    },
    {
      id: instanceSourceIds.specpower,
      title: "SPECpower_ssj2008 published results 2021-2026, per-thread idle and 100%-load wall power (as compiled by CCF)",
      publisher: "SPEC (results); Cloud Carbon Footprint ccf-coefficients data/SPECpower-2026-03-09.csv (compilation)",
      url: "https://www.spec.org/power_ssj2008/results/",
      licence: "Public SPEC results (cite the result); compilation Apache-2.0",
      commit: "b0032d928c787cf76cecd7d1d611c5b46f366e29",
      retrieved: "2026-04-24",
      notes:
        "W per hardware thread = W per vCPU (SMT x86) or per core (Arm). Aggregates are unweighted means over results (CCF's method); top-bin aggregates " +
        "keep the SKUs clouds buy. Wall power of the whole tested server (PSU, fans, DIMMs), so memory is partly double-counted with the 0.392 W/GB term, as in CCF.",
    },
    {
      id: instanceSourceIds.ccfConstants,
      title: "Cloud Carbon Footprint estimation constants (memory coefficient, CPU fallbacks, server lifespan) and microarchitecture coefficients",
      publisher: "Cloud Carbon Footprint (Thoughtworks)",
      url: "https://github.com/cloud-carbon-footprint/cloud-carbon-footprint",
      licence: "Apache-2.0",
      commit: "b7a049c7d25c0022919ab9010199dd9e77aa4577",
      retrieved: "2024-03-25",
      notes: "MEMORY_COEFFICIENT 0.000392 kWh per GB-hour (0.392 W/GB); SERVER_EXPECTED_LIFESPAN 35,040 h (4 years); Cascade Lake, Skylake and EPYC 2nd Gen W per vCPU.",
    },
    {
      id: instanceSourceIds.ccfEmbodied,
      title: "Cloud Carbon Footprint embodied-emissions coefficients per server platform (coefficients-*-embodied.csv)",
      publisher: "Cloud Carbon Footprint (cloud-carbon-footprint/cloud-carbon-coefficients)",
      url: "https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients",
      licence: "Apache-2.0",
      commit: "dda7621f8ab227dcb45096af6ccc2227aaf92b3e",
      retrieved: "2023-05-08",
      notes:
        "Component method (Dell R740 life-cycle assessment as base): 1,000 kgCO2e base platform + 533/384 kg per GB of memory above 16 GB + 100 kg per SSD + 50 kg per HDD " +
        "+ 100 kg per CPU socket beyond the first + 150 kg per GPU; coefficients read back from the published per-type breakdowns (p4d.24xlarge: 1,576.79 + 800 + 100 + 1,200 + 1,000 = 4,676.79). " +
        "An instance carries platform total x instance vCPUs / platform vCPUs, over a 4-year (35,040 h) life.",
    },
    {
      id: instanceSourceIds.ccfInstanceTypes,
      title: "Cloud Carbon Footprint instance-type tables with embodied platform emissions (AWSInstanceTypes.ts, MachineTypes.ts, VirtualMachineTypes.ts)",
      publisher: "Cloud Carbon Footprint (Thoughtworks)",
      url: "https://github.com/cloud-carbon-footprint/cloud-carbon-footprint",
      licence: "Apache-2.0",
      commit: "b7a049c7d25c0022919ab9010199dd9e77aa4577",
      retrieved: "2024-03-25",
      notes: "Per-type platform totals (tCO2e) used as published where the type is listed; families newer than ~2022 are derived with the component method.",
    },
    {
      id: instanceSourceIds.acceleratorPower,
      title: "Accelerator idle and maximum power (nvidia-smi readings in public logs; NVIDIA datasheet TDP/TBP)",
      publisher: "wattplan reference data (compiled from public nvidia-smi outputs, NVIDIA datasheets, arXiv:2605.23918, arXiv:2312.02741)",
      licence: "Facts compiled by wattplan from public sources",
      retrieved: "2026-08-21",
      notes:
        "idle = a GPU with a driver/CUDA context but no work (the state of an inference server holding a model), the accelerator-power.csv idle_watts_high column; the lower P8 readings stay in the reference data. " +
        A10G_MAX_POWER_NOTE +
        " Inferentia2: AWS publishes no TDP and no idle reading was found; the catalog leaves its power figures absent rather than infer them from GPUs.",
    },
    {
      id: instanceSourceIds.acceleratorSpecs,
      title: "Accelerator specifications: NVIDIA datasheets (T4, A10, L4, L40S, A100, H100, H200) and AWS Neuron documentation (Inferentia2, Trainium)",
      publisher: "NVIDIA; Amazon Web Services; compiled in wattplan reference data (accelerators.csv)",
      url: "https://www.nvidia.com/en-us/data-center/",
      licence: "Facts quoted from public vendor spec sheets",
      retrieved: "2026-08-21",
      notes:
        "Tensor figures are dense (datasheets quote 2x with sparsity). A10G: memory and bandwidth from Baseten's A10 vs A10G comparison, FP32 from TechPowerUp via mlco2; " +
        "its tensor rates are not published by NVIDIA: see a10g-tensor-rates. AWS Neuron figures are published in GiB and GiB/s and converted to GB.",
    },
    {
      id: instanceSourceIds.cpuPeak,
      title: "CPU peak FP32 and INT8 operations per cycle per core and all-core clocks by microarchitecture",
      publisher: "wattplan reference data (aws-graviton-getting-started, Intel AMX documentation via Wikipedia, AWS SDK release notes, Azure and Google CPU platform docs)",
      licence: "Facts compiled by wattplan from public sources",
      retrieved: "2026-08-21",
      notes: "INT8 rates via VNNI/SDOT are derived from vector widths and ports; AMX on Sapphire/Emerald/Granite Rapids. Heavy AVX-512/AMX code runs below the listed all-core clock.",
    },
    {
      id: instanceSourceIds.cpuGenerations,
      title: "CPU generations: INT8 instruction class, memory channels and speed per socket, peak rates of the older Intel generations (scripts/catalog/cpu-generations.csv)",
      publisher:
        "wattplan, compiled from vendor and third-party pages: aws-graviton-getting-started, Dell infohub, AnandTech, Tom's Hardware, WikiChip, onnxruntime's MLAS dispatch (platform.cpp), Google's CPU platform page as transcribed by Cyclenerd",
      licence: "Facts compiled by wattplan from public sources",
      retrieved: "2026-12-07",
      notes:
        "Each row names its sources; figures marked 'not re-read' are the vendor's published specification recalled, not read again for this table. Memory bandwidth is the " +
        "theoretical peak (channels x MT/s x 8 bytes) at one DIMM per channel; providers do not publish DIMM population, and STREAM typically reaches 70-80 % of it.",
    },
    {
      id: instanceSourceIds.a10gTensor,
      title: "NVIDIA A10G tensor rates: no NVIDIA datasheet; Baseten's A10 vs A10G comparison and public code that carries A10G at 70 TFLOPS dense FP16",
      publisher: "Baseten (www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference); public repositories found by exact-string search",
      url: "https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/",
      licence: "Facts cited from public pages",
      retrieved: "2026-12-07",
      notes:
        "Baseten: the A10 'prioritizes tensor compute, while the A10G has a higher CUDA core performance', same 24 GB and 600 GB/s. Several public code files carry the A10G at 70 TFLOPS " +
        "dense BF16/FP16 (one commenting 'GA102 variant, lower tensor throughput than the datacenter A10 (125)'). Uncertain (third party): an AWS g5 measurement would settle it.",
    },
  ];
}
