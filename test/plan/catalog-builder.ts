// Small catalogs for planner tests, built from a few numbers per record (every figure gets a fixture source).
import type { Catalog, InstanceType, ProviderId, Region } from "../../src/domain/catalog.ts";

const source = "fixture";
const asOf = "2025-01";
const figure = (value: number) => ({ value, source, asOf });

export interface RegionSeed {
  provider: ProviderId;
  code: string;
  country: string;
  gCo2ePerKwh: number;
  latitude?: number;
  longitude?: number;
  pue?: number;
}

export interface TypeSeed {
  provider: ProviderId;
  instanceType: string;
  vcpus: number;
  memoryGb: number;
  architecture?: "x86_64" | "arm64";
  fp32Gflops: number;
  int8Gops?: number;
  bandwidthGbPerSecond?: number;
  minWattsPerVcpu?: number;
  maxWattsPerVcpu?: number;
  embodiedKg?: number;
  accelerator?: { model: string; count: number; memoryGb: number };
}

export interface OfferSeed {
  provider: ProviderId;
  instanceType: string;
  region: string;
  usdPerHour: number;
  spot?: number;
}

export interface CatalogSeed {
  regions: RegionSeed[];
  types: TypeSeed[];
  offers: OfferSeed[];
}

export function regionRecord(seed: RegionSeed): Region {
  return {
    provider: seed.provider,
    code: seed.code,
    name: `${seed.code} (${seed.country})`,
    country: seed.country,
    latitude: seed.latitude ?? 0,
    longitude: seed.longitude ?? 0,
    locationSource: { source, asOf },
    timeZone: "UTC",
    gridZones: { electricityMaps: seed.country, source },
    ...(seed.pue !== undefined ? { pue: figure(seed.pue) } : {}),
    intensity: {
      lifecycle: { ...figure(seed.gCo2ePerKwh), basis: "lifecycle", year: 2024, zone: `EM:${seed.country}`, scope: "national" },
      operational: { ...figure(seed.gCo2ePerKwh * 0.8), basis: "operational", year: 2023, zone: `op:${seed.country}`, scope: "national" },
    },
  };
}

export function typeRecord(seed: TypeSeed): InstanceType {
  return {
    provider: seed.provider,
    instanceType: seed.instanceType,
    family: seed.instanceType.split(/[.-]/)[0],
    vcpus: seed.vcpus,
    memoryGb: seed.memoryGb,
    architecture: seed.architecture ?? "x86_64",
    cpu: { model: "Fixture CPU", microarchitecture: seed.architecture === "arm64" ? "Neoverse V1" : "Ice Lake", source },
    accelerator: seed.accelerator ?? null,
    power: {
      cpuMinWattsPerVcpu: figure(seed.minWattsPerVcpu ?? 0.75),
      cpuMaxWattsPerVcpu: figure(seed.maxWattsPerVcpu ?? 3.5),
      memoryWattsPerGb: figure(0.392),
      ...(seed.accelerator ? { acceleratorIdleWatts: figure(30), acceleratorMaxWatts: figure(150) } : {}),
    },
    embodied: { kgCo2e: figure(seed.embodiedKg ?? 1000 * (seed.vcpus / 96)), lifespanHours: figure(35_040) },
    peak: {
      cpuFp32Gflops: figure(seed.fp32Gflops),
      cpuInt8Gops: figure(seed.int8Gops ?? seed.fp32Gflops * 4),
      memoryBandwidthGbPerSecond: figure(seed.bandwidthGbPerSecond ?? seed.vcpus * 6),
    },
  };
}

export function buildCatalog(seed: CatalogSeed): Catalog {
  const providers = [...new Set(seed.regions.map((region) => region.provider))].sort();
  const acceleratorModels = [...new Set(seed.types.flatMap((type) => (type.accelerator ? [type.accelerator.model] : [])))];
  return {
    meta: { version: "fixture-1", builtFrom: "test/plan/catalog-builder.ts" },
    sources: [{ id: source, title: "Test fixture figures", publisher: "wattplan tests", licence: "Apache-2.0", retrieved: "2025-01" }],
    providers: providers.map((id) => ({ id, name: id.toUpperCase(), pue: figure(id === "gcp" ? 1.1 : 1.135) })),
    regions: seed.regions.map(regionRecord),
    instanceTypes: seed.types.map(typeRecord),
    offers: seed.offers.map((offer) => ({
      provider: offer.provider,
      instanceType: offer.instanceType,
      region: offer.region,
      usdPerHour: { onDemand: offer.usdPerHour, ...(offer.spot ? { spot: offer.spot } : {}) },
      source,
      asOf,
    })),
    accelerators: acceleratorModels.map((model) => ({
      model,
      vendor: "NVIDIA",
      memoryGb: figure(24),
      memoryBandwidthGbPerSecond: figure(300),
      fp32Tflops: figure(30),
      fp16Tflops: figure(120),
      int8Tops: figure(240),
      idleWatts: figure(30),
      maxWatts: figure(150),
    })),
    priors: acceleratorModels.length
      ? [{ id: "fixture-prior", kind: "fraction_of_peak", subject: "generic", workload: "cnn", precision: "fp16", metric: "fraction of peak", low: 0.2, high: 0.5, unit: "ratio", source, asOf }]
      : [],
    networkPrices: [],
  };
}

/** A fixed small catalog: two clouds, clean and dirty regions, x86 and arm CPUs, a GPU and an Inferentia type. */
export function smallCatalogSeed(): CatalogSeed {
  const regions: RegionSeed[] = [
    { provider: "aws", code: "us-east-1", country: "US", gCo2ePerKwh: 398, latitude: 38.9, longitude: -77.4 },
    { provider: "aws", code: "eu-north-1", country: "SE", gCo2ePerKwh: 36, latitude: 59.3, longitude: 18.1 },
    { provider: "aws", code: "eu-central-1", country: "DE", gCo2ePerKwh: 380, latitude: 50.1, longitude: 8.7 },
    { provider: "aws", code: "ap-south-1", country: "IN", gCo2ePerKwh: 700, latitude: 19.1, longitude: 72.9 },
    { provider: "gcp", code: "europe-west9", country: "FR", gCo2ePerKwh: 45, latitude: 48.9, longitude: 2.3, pue: 1.09 },
    { provider: "gcp", code: "us-central1", country: "US", gCo2ePerKwh: 480, latitude: 41.3, longitude: -95.9 },
    { provider: "gcp", code: "europe-west2", country: "GB", gCo2ePerKwh: 230, latitude: 51.5, longitude: -0.1 },
  ];
  const types: TypeSeed[] = [
    { provider: "aws", instanceType: "c5.xlarge", vcpus: 4, memoryGb: 8, fp32Gflops: 250 },
    { provider: "aws", instanceType: "c6i.2xlarge", vcpus: 8, memoryGb: 16, fp32Gflops: 560 },
    { provider: "aws", instanceType: "c7g.2xlarge", vcpus: 8, memoryGb: 16, architecture: "arm64", fp32Gflops: 520, minWattsPerVcpu: 0.5, maxWattsPerVcpu: 2.2 },
    { provider: "aws", instanceType: "g4dn.xlarge", vcpus: 4, memoryGb: 16, fp32Gflops: 250, accelerator: { model: "T4", count: 1, memoryGb: 16 } },
    { provider: "aws", instanceType: "inf2.xlarge", vcpus: 4, memoryGb: 16, fp32Gflops: 250, accelerator: { model: "Inferentia2", count: 1, memoryGb: 32 } },
    { provider: "gcp", instanceType: "n2-standard-4", vcpus: 4, memoryGb: 16, fp32Gflops: 260 },
    { provider: "gcp", instanceType: "c3-standard-8", vcpus: 8, memoryGb: 32, fp32Gflops: 600 },
  ];
  const price: Record<string, number> = {
    "c5.xlarge": 0.17, "c6i.2xlarge": 0.34, "c7g.2xlarge": 0.29, "g4dn.xlarge": 0.526, "inf2.xlarge": 0.758, "n2-standard-4": 0.194, "c3-standard-8": 0.42,
  };
  const regionFactor: Record<string, number> = {
    "us-east-1": 1, "eu-north-1": 1.06, "eu-central-1": 1.15, "ap-south-1": 1.05, "europe-west9": 1.16, "us-central1": 1, "europe-west2": 1.17,
  };
  const offers: OfferSeed[] = [];
  for (const type of types) {
    for (const region of regions.filter((candidate) => candidate.provider === type.provider)) {
      if (type.instanceType === "inf2.xlarge" && region.code !== "us-east-1") continue;
      offers.push({
        provider: type.provider,
        instanceType: type.instanceType,
        region: region.code,
        usdPerHour: Number((price[type.instanceType] * regionFactor[region.code]).toFixed(4)),
      });
    }
  }
  return { regions, types, offers };
}
