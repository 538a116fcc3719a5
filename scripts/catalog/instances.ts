import type { AcceleratorSpec, EfficiencyPrior, InstanceType, Offer, ProviderId, Region } from "../../src/domain/catalog.ts";
import { roundTo } from "./instances-csv.ts";
import type { Source } from "../../src/domain/figure.ts";
import { acceleratorMemoryByModel, buildAcceleratorSpecs } from "./accelerators-specs.ts";
import { ccfTypeFigures, embodiedFigures, familyCcfFigure, hostPlatform } from "./embodied-hosts.ts";
import { buildAwsDrafts } from "./instances-aws.ts";
import { buildAwsGeneralDrafts } from "./instances-aws-general.ts";
import { generalFamilySources } from "./instances-general-sources.ts";
import { planningExclusionOf } from "./planning-exclusion.ts";
import { buildAzureDrafts } from "./instances-azure.ts";
import { knownRegionsOf, type InstanceTypeDraft, type ProviderDrafts } from "./instances-drafts.ts";
import { describeGeneration, familyDefinition, familyDefinitions, generationNote, generationsOf, type FamilyDefinition } from "./instances-families.ts";
import { factsOf, generationSourcesMarkdown, leastCapable } from "./cpu-generations.ts";
import { memoryBandwidthFigure } from "./instances-memory.ts";
import { buildGcpDrafts } from "./instances-gcp.ts";
import { cpuPeakFigures, cpuPeakRates, type CpuPeakRates } from "./instances-peak.ts";
import type { CpuGeneration } from "../../src/domain/catalog.ts";
import { instanceSources } from "./instances-sources.ts";
import { ccfProviderConstants, cpuPowerFigures, memoryWattsPerGbFigure } from "./power-cpu.ts";
import { acceleratorPowerFigures } from "./power-accelerators.ts";
import { buildPriors } from "./priors-published.ts";
import { buildMlperfPriors } from "./priors-mlperf.ts";
import { instanceCaveats } from "./instances-caveats.ts";

export interface InstanceCatalogPart {
  instanceTypes: InstanceType[];
  offers: Offer[];
  accelerators: AcceleratorSpec[];
  priors: EfficiencyPrior[];
  sources: Source[];
  /** Data decisions for catalog/SOURCES.md. */
  caveats: string[];
  /** Sections of their own for catalog/SOURCES.md (markdown lines). */
  sections: string[];
}

const providerOrder: ProviderId[] = ["aws", "gcp", "azure"];

/** Natural order: c7i.large < c7i.2xlarge < c7i.12xlarge; n2-standard-4 < n2-standard-16. */
const compareNames = (left: string, right: string) => left.localeCompare(right, "en", { numeric: true });

function compareTypes(left: { provider: ProviderId; family: string; vcpus: number; instanceType: string }, right: typeof left): number {
  const familyOrder = (type: typeof left) => familyDefinitions.findIndex((definition) => definition.provider === type.provider && definition.family === type.family);
  return (
    providerOrder.indexOf(left.provider) - providerOrder.indexOf(right.provider) ||
    familyOrder(left) - familyOrder(right) ||
    left.vcpus - right.vcpus ||
    compareNames(left.instanceType, right.instanceType)
  );
}

interface DescribedGeneration {
  microarchitecture: string;
  model: string;
  source: string;
  rates: CpuPeakRates;
}

/** Every generation the family can land on, with its CPU model and peak rates. */
function familyGenerations(referenceDirectory: string, definition: FamilyDefinition): DescribedGeneration[] {
  return generationsOf(definition).map((microarchitecture) => {
    const description = describeGeneration(referenceDirectory, definition, microarchitecture);
    return { microarchitecture, model: description.model, source: description.source, rates: cpuPeakRates(referenceDirectory, microarchitecture) };
  });
}

/** A generation as the catalog lists it: its INT8 class, per-core peaks (GFLOPS, GOPS) and socket bandwidth. */
function generationRecord(generation: DescribedGeneration): CpuGeneration {
  const { rates } = generation;
  const perCore = (opsPerCycle: number) => roundTo(opsPerCycle * rates.allCoreClockGhz, 1);
  const facts = factsOf(generation.microarchitecture);
  return {
    microarchitecture: generation.microarchitecture,
    model: generation.model,
    int8Isa: facts.int8Isa,
    fp32GflopsPerCore: perCore(rates.fp32FlopsPerCyclePerCore),
    int8GopsPerCore: perCore(rates.int8OpsPerCyclePerCore),
    memoryBandwidthGbPerSecondPerSocket: roundTo(facts.memoryBandwidthGbPerSecondPerSocket, 1),
    source: generation.source,
  };
}

/** Keeps one offer per (provider, type, region): the first, which is the source's own row order. */
function uniqueOffers(offers: Offer[]): Offer[] {
  const seen = new Set<string>();
  return offers.filter((offer) => {
    const key = `${offer.provider}/${offer.instanceType}/${offer.region}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The instance side of the catalog: types with CPU, power, embodied and peak figures, their offers in the regions
 * the catalog knows, accelerator specs and published efficiency priors. A type without any offer is dropped, so
 * every listed type can be priced somewhere.
 */
export function buildInstanceCatalog(referenceDirectory: string, regions: Region[]): InstanceCatalogPart {
  const accelerators = buildAcceleratorSpecs(referenceDirectory);
  const memoryByModel = acceleratorMemoryByModel(accelerators);
  const isKnownRegion = knownRegionsOf(regions);
  const drafts: ProviderDrafts[] = [
    buildAwsDrafts(referenceDirectory, isKnownRegion, memoryByModel),
    buildAwsGeneralDrafts(referenceDirectory, isKnownRegion),
    buildGcpDrafts(referenceDirectory, isKnownRegion, memoryByModel),
    buildAzureDrafts(referenceDirectory, isKnownRegion, memoryByModel),
  ];
  const offers = uniqueOffers(drafts.flatMap((part) => part.offers));
  const offered = new Set(offers.map((offer) => `${offer.provider}/${offer.instanceType}`));
  const typeDrafts = drafts.flatMap((part) => part.types).filter((type) => offered.has(`${type.provider}/${type.instanceType}`));

  const devicePower = acceleratorPowerFigures(referenceDirectory);
  const ccfFigures = ccfTypeFigures(referenceDirectory);
  const byFamily = new Map<string, InstanceTypeDraft[]>();
  for (const type of typeDrafts) {
    const key = `${type.provider}/${type.hostGroup ?? type.family}`;
    byFamily.set(key, [...(byFamily.get(key) ?? []), type]);
  }

  const instanceTypes: InstanceType[] = [];
  for (const familyTypes of byFamily.values()) {
    const first = familyTypes[0];
    const definition = familyDefinition(first.provider, first.family);
    const generations = familyGenerations(referenceDirectory, definition);
    const described = leastCapable(generations);
    const note = generationNote(definition, described.microarchitecture);
    const cpuPower = cpuPowerFigures(referenceDirectory, first.provider, described.microarchitecture, note);
    const memoryWattsPerGb = memoryWattsPerGbFigure(referenceDirectory, first.provider);
    const lifespanHours = ccfProviderConstants(referenceDirectory, first.provider).SERVER_EXPECTED_LIFESPAN;
    const peakRates = described.rates;
    const cpu = {
      model: described.model,
      microarchitecture: described.microarchitecture,
      source: described.source,
      int8Isa: factsOf(described.microarchitecture).int8Isa,
      generations: [described, ...generations.filter((generation) => generation !== described)].map((generation) => generationRecord(generation)),
    };
    const platform = hostPlatform(familyTypes, definition.architecture);
    const ccfFamily = familyCcfFigure(familyTypes, ccfFigures);
    const ccfOmitsGpus = !ccfFamily && familyTypes.some((type) => ccfFigures.has(`${type.provider}/${type.instanceType}`));
    for (const type of familyTypes) {
      const power = type.accelerator ? devicePower.get(type.accelerator.model) : undefined;
      instanceTypes.push({
        provider: type.provider,
        instanceType: type.instanceType,
        family: type.family,
        vcpus: type.vcpus,
        memoryGb: type.memoryGb,
        architecture: definition.architecture,
        cpu,
        accelerator: type.accelerator,
        ...(type.burstable ? { burstable: type.burstable } : {}),
        ...(planningExclusionOf(type) ? { planningExclusion: planningExclusionOf(type) } : {}),
        power: {
          cpuMinWattsPerVcpu: cpuPower.minWattsPerVcpu,
          cpuMaxWattsPerVcpu: cpuPower.maxWattsPerVcpu,
          memoryWattsPerGb,
          ...(power?.idleWatts ? { acceleratorIdleWatts: power.idleWatts } : {}),
          ...(power?.maxWatts ? { acceleratorMaxWatts: power.maxWatts } : {}),
        },
        embodied: embodiedFigures(type, platform, ccfFamily, ccfOmitsGpus, lifespanHours),
        peak: {
          ...cpuPeakFigures(peakRates, type.vcpus, definition.architecture, note),
          memoryBandwidthGbPerSecond: memoryBandwidthFigure(type.provider, type.family, described.microarchitecture, type.vcpus, note),
        },
      });
    }
  }
  instanceTypes.sort(compareTypes);

  const typeOrder = new Map(instanceTypes.map((type, index) => [`${type.provider}/${type.instanceType}`, index]));
  offers.sort(
    (left, right) =>
      (typeOrder.get(`${left.provider}/${left.instanceType}`) ?? 0) - (typeOrder.get(`${right.provider}/${right.instanceType}`) ?? 0) ||
      compareNames(left.region, right.region),
  );

  const published = buildPriors(referenceDirectory);
  const mlperf = buildMlperfPriors(accelerators);
  return {
    instanceTypes,
    offers,
    accelerators,
    priors: [...published.priors, ...mlperf.priors],
    sources: [...instanceSources(), ...generalFamilySources(), ...published.sources, ...mlperf.sources],
    caveats: instanceCaveats(),
    sections: generationSourcesMarkdown(),
  };
}
