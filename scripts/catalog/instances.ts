import type { AcceleratorSpec, EfficiencyPrior, InstanceType, Offer, ProviderId, Region } from "../../src/domain/catalog.ts";
import type { Source } from "../../src/domain/figure.ts";
import { acceleratorMemoryByModel, buildAcceleratorSpecs } from "./accelerators-specs.ts";
import { ccfTypeFigures, embodiedFigures, familyCcfFigure, hostPlatform } from "./embodied-hosts.ts";
import { buildAwsDrafts } from "./instances-aws.ts";
import { buildAwsGeneralDrafts } from "./instances-aws-general.ts";
import { generalFamilySources } from "./instances-general-sources.ts";
import { planningExclusionOf } from "./planning-exclusion.ts";
import { buildAzureDrafts } from "./instances-azure.ts";
import { knownRegionsOf, type InstanceTypeDraft, type ProviderDrafts } from "./instances-drafts.ts";
import { describeFamilyCpus, familyDefinition, familyDefinitions, generationNote } from "./instances-families.ts";
import { buildGcpDrafts } from "./instances-gcp.ts";
import { cpuPeakFigures, cpuPeakRates } from "./instances-peak.ts";
import { instanceSources } from "./instances-sources.ts";
import { ccfProviderConstants, cpuPowerFigures, memoryWattsPerGbFigure } from "./power-cpu.ts";
import { acceleratorPowerFigures } from "./power-accelerators.ts";
import { buildPriors } from "./priors-published.ts";
import { instanceCaveats } from "./instances-caveats.ts";

export interface InstanceCatalogPart {
  instanceTypes: InstanceType[];
  offers: Offer[];
  accelerators: AcceleratorSpec[];
  priors: EfficiencyPrior[];
  sources: Source[];
  /** Data decisions for catalog/SOURCES.md. */
  caveats: string[];
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

  const cpus = describeFamilyCpus(referenceDirectory);
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
    const familyKey = `${first.provider}/${first.family}`;
    const definition = familyDefinition(first.provider, first.family);
    const cpu = cpus.get(familyKey);
    if (!cpu) throw new Error(`no CPU description for ${familyKey}`);
    const note = generationNote(definition);
    const cpuPower = cpuPowerFigures(referenceDirectory, first.provider, definition.microarchitecture, note);
    const memoryWattsPerGb = memoryWattsPerGbFigure(referenceDirectory, first.provider);
    const lifespanHours = ccfProviderConstants(referenceDirectory, first.provider).SERVER_EXPECTED_LIFESPAN;
    const peakRates = cpuPeakRates(referenceDirectory, definition.microarchitecture);
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
        peak: cpuPeakFigures(peakRates, type.vcpus, definition.architecture, note),
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

  const { priors, sources: priorSources } = buildPriors(referenceDirectory);
  return { instanceTypes, offers, accelerators, priors, sources: [...instanceSources(), ...generalFamilySources(), ...priorSources], caveats: instanceCaveats() };
}
