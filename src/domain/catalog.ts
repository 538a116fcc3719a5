import { z } from "zod";
import { figureSchema, isoDate, provenanceSchema, sourceSchema } from "./figure.ts";
import { int8IsaClassSchema } from "./int8-isa.ts";

export const providerIdSchema = z.enum(["aws", "gcp", "azure"]);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const intensityBasisSchema = z.enum(["lifecycle", "operational"]);
export type IntensityBasis = z.infer<typeof intensityBasisSchema>;

export const providerSchema = z.strictObject({
  id: providerIdSchema,
  name: z.string(),
  /** Fleet-wide power usage effectiveness, the multiplier from IT power to facility power. */
  pue: figureSchema,
});
export type Provider = z.infer<typeof providerSchema>;

/** Grid carbon intensity of a region on one basis, in gCO2e per kWh drawn from the grid. */
export const gridIntensitySchema = figureSchema.extend({
  basis: intensityBasisSchema,
  /** The data year the figure describes (may differ from `asOf`, the publication date). */
  year: z.number().int(),
  /** The area the figure describes: "EM:SE-SE3", "eGRID:SRVC", "country:DE", "NGA:NSW". */
  zone: z.string(),
  scope: z.enum(["national", "subnational"]),
});
export type GridIntensity = z.infer<typeof gridIntensitySchema>;

export const regionSchema = z.strictObject({
  provider: providerIdSchema,
  code: z.string(),
  name: z.string(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().length(2),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Where latitude/longitude came from; providers publish cities, not sites, so most are estimated. */
  locationSource: provenanceSchema,
  /** IANA time zone, e.g. "Europe/Stockholm". */
  timeZone: z.string(),
  gridZones: z.strictObject({
    /** Electricity Maps zone id, e.g. "SE-SE3"; null where no mapping is known. */
    electricityMaps: z.string().nullable(),
    wattTime: z.string().nullable().optional(),
    ukCarbonIntensityRegionId: z.number().int().nullable().optional(),
    source: z.string(),
  }),
  /** PUE disclosed for this region by the provider, when it is; otherwise the provider's fleet value applies. */
  pue: figureSchema.optional(),
  intensity: z.strictObject({
    lifecycle: gridIntensitySchema,
    operational: gridIntensitySchema.optional(),
  }),
  /** Hourly carbon-free energy share the provider reports for the region, 0–100. */
  carbonFreeEnergyPercent: figureSchema.optional(),
});
export type Region = z.infer<typeof regionSchema>;

export const acceleratorAttachmentSchema = z.strictObject({
  model: z.string(),
  count: z.number().positive(),
  memoryGb: z.number().positive(),
});
export type AcceleratorAttachment = z.infer<typeof acceleratorAttachmentSchema>;

/** One CPU generation an instance type can land on (providers do not let a VM choose among them). */
export const cpuGenerationSchema = z.strictObject({
  microarchitecture: z.string(),
  model: z.string(),
  /** The INT8 instruction class onnxruntime uses there (decides INT8 speed and whether 8-bit weights are safe). */
  int8Isa: int8IsaClassSchema,
  /** Per core at the all-core clock, where the peak table has the microarchitecture. */
  fp32GflopsPerCore: z.number().positive().optional(),
  int8GopsPerCore: z.number().positive().optional(),
  /** Theoretical per socket: memory channels × MT/s × 8 bytes. */
  memoryBandwidthGbPerSecondPerSocket: z.number().positive().optional(),
  source: z.string(),
});
export type CpuGeneration = z.infer<typeof cpuGenerationSchema>;

export const instanceTypeSchema = z.strictObject({
  provider: providerIdSchema,
  /** The provider's machine type exactly as its API spells it: "g5.xlarge", "n2-standard-8", "Standard_D8s_v5". */
  instanceType: z.string(),
  family: z.string(),
  vcpus: z.number().int().positive(),
  memoryGb: z.number().positive(),
  architecture: z.enum(["x86_64", "arm64"]),
  /**
   * `model` and `microarchitecture` name the generation every figure of the type describes: the least capable one
   * it can land on (a plan must hold wherever the provider places the VM). `generations` lists them all.
   */
  cpu: z.strictObject({
    model: z.string(),
    microarchitecture: z.string(),
    source: z.string(),
    /** The INT8 instruction class of `microarchitecture`. */
    int8Isa: int8IsaClassSchema.optional(),
    generations: z.array(cpuGenerationSchema).min(1).optional(),
  }),
  accelerator: acceleratorAttachmentSchema.nullable(),
  /**
   * Burstable types (AWS T, GCP E2 shared-core): the vCPUs' worth of CPU time the price includes when sustained
   * (t3.large: 2 vCPUs x 30% = 0.6). The planner does not size fleets on them; estimates cap utilisation at it.
   */
  burstable: z.strictObject({ baselineVcpus: figureSchema }).optional(),
  /**
   * Why the inference planner does not enumerate this type, which is listed to estimate existing stacks
   * (`wattplan estimate`); absent for the planner's candidates.
   */
  planningExclusion: z.string().optional(),
  power: z.strictObject({
    cpuMinWattsPerVcpu: figureSchema,
    cpuMaxWattsPerVcpu: figureSchema,
    memoryWattsPerGb: figureSchema,
    /** Per accelerator device. */
    acceleratorIdleWatts: figureSchema.optional(),
    acceleratorMaxWatts: figureSchema.optional(),
  }),
  /** This instance's share of its host's manufacturing emissions, and the host's expected life. */
  embodied: z.strictObject({ kgCo2e: figureSchema, lifespanHours: figureSchema }),
  peak: z.strictObject({
    cpuFp32Gflops: figureSchema,
    cpuInt8Gops: figureSchema,
    memoryBandwidthGbPerSecond: figureSchema.optional(),
  }),
});
export type InstanceType = z.infer<typeof instanceTypeSchema>;

export const pricingModelSchema = z.enum(["on-demand", "spot", "reserved-1y", "reserved-3y"]);
export type PricingModel = z.infer<typeof pricingModelSchema>;

/** A type offered in a region, with its prices (USD per instance-hour, Linux). One source per row. */
export const offerSchema = z.strictObject({
  provider: providerIdSchema,
  instanceType: z.string(),
  region: z.string(),
  usdPerHour: z.strictObject({
    onDemand: z.number().positive(),
    spot: z.number().positive().optional(),
    reserved1y: z.number().positive().optional(),
    reserved3y: z.number().positive().optional(),
  }),
  source: z.string(),
  asOf: isoDate,
  method: z.string().optional(),
  estimated: z.boolean().optional(),
  /**
   * The region's zones that offer the type (full names, e.g. europe-west4-a), where a source lists them per zone
   * (GCP GPU types, whose GPUs exist in only some zones); absent where the source does not say.
   */
  zones: z.array(z.string().min(1)).min(1).optional(),
});
export type Offer = z.infer<typeof offerSchema>;

export const acceleratorSpecSchema = z.strictObject({
  model: z.string(),
  vendor: z.string(),
  memoryGb: figureSchema,
  memoryBandwidthGbPerSecond: figureSchema,
  fp32Tflops: figureSchema,
  fp16Tflops: figureSchema,
  int8Tops: figureSchema,
  idleWatts: figureSchema.optional(),
  maxWatts: figureSchema.optional(),
});
export type AcceleratorSpec = z.infer<typeof acceleratorSpecSchema>;

/** What a model's arithmetic mostly is, for choosing a published efficiency (see src/estimate/model-class.ts). */
export const modelClassSchema = z.enum(["cnn", "transformer-encoder", "other"]);
export type ModelClass = z.infer<typeof modelClassSchema>;

/** A published benchmark result a prior was derived from: enough to recompute it and to validate against it. */
export const publishedResultSchema = z.strictObject({
  benchmark: z.string(),
  scenario: z.enum(["Offline", "Server"]),
  round: z.string(),
  submitter: z.string(),
  system: z.string(),
  accelerators: z.number().int().positive(),
  systemSamplesPerSecond: z.number().positive(),
  /** systemSamplesPerSecond ÷ accelerators (assumes linear scaling across the system's devices). */
  samplesPerSecondPerAccelerator: z.number().positive(),
  /** The benchmark's work per sample in its own convention (2 × multiply-adds), FLOPs. */
  flopsPerSample: z.number().positive(),
  /** The dense peak of the precision run, tera-operations per second: the efficiency's denominator. */
  densePeakTeraOpsPerSecond: z.number().positive(),
  resultPath: z.string(),
});
export type PublishedResult = z.infer<typeof publishedResultSchema>;

/** A published efficiency figure (literature, vendor, benchmark logs) used as a prior where we cannot measure. */
export const efficiencyPriorSchema = z.strictObject({
  id: z.string(),
  kind: z.string(),
  subject: z.string(),
  workload: z.string(),
  precision: z.string(),
  metric: z.string(),
  low: z.number(),
  high: z.number(),
  unit: z.string(),
  source: z.string(),
  asOf: isoDate,
  notes: z.string().optional(),
  modelClass: modelClassSchema.optional(),
  published: publishedResultSchema.optional(),
});
export type EfficiencyPrior = z.infer<typeof efficiencyPriorSchema>;

/**
 * What a deployment adds beside its instances, where a provider's price page says: a NAT gateway for instances
 * without public IPs. `region` null: the same price in every region. Per-GB processing is recorded, not estimated
 * (it depends on image pulls and model downloads, which a plan does not know).
 */
export const networkPriceSchema = z.strictObject({
  provider: providerIdSchema,
  item: z.enum(["nat-gateway"]),
  region: z.string().nullable(),
  /** Per gateway-hour (AWS, Azure). */
  usdPerGatewayHour: z.number().nonnegative().optional(),
  /** Per instance using the gateway, per hour (GCP Cloud NAT), up to usdPerGatewayHourAtMost for the gateway. */
  usdPerInstanceHour: z.number().nonnegative().optional(),
  usdPerGatewayHourAtMost: z.number().nonnegative().optional(),
  /** Per external address the gateway uses, per hour. */
  usdPerAddressHour: z.number().nonnegative().optional(),
  /** Data through the gateway, in the unit the price page uses (AWS per GB, Google per GiB). */
  usdPerGbProcessed: z.number().nonnegative().optional(),
  usdPerGibProcessed: z.number().nonnegative().optional(),
  source: z.string(),
  asOf: isoDate,
  notes: z.string().optional(),
});
export type NetworkPrice = z.infer<typeof networkPriceSchema>;

export const catalogMetaSchema = z.strictObject({
  version: z.string(),
  builtFrom: z.string(),
});

/** The whole catalog: providers, regions, instance types, offers (prices), accelerators, priors and sources. */
export const catalogSchema = z.strictObject({
  meta: catalogMetaSchema,
  sources: z.array(sourceSchema),
  providers: z.array(providerSchema),
  regions: z.array(regionSchema),
  instanceTypes: z.array(instanceTypeSchema),
  offers: z.array(offerSchema),
  accelerators: z.array(acceleratorSpecSchema),
  priors: z.array(efficiencyPriorSchema),
  /** Read as empty where a catalog file of an older build has none. */
  networkPrices: z.array(networkPriceSchema).default([]),
});
export type Catalog = z.infer<typeof catalogSchema>;
