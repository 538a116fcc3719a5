import type { Offer } from "../../src/domain/catalog.ts";
import { awsBurstableBaseline, burstableAwsFamilies } from "./burstable.ts";
import { optionalNumber, readReferenceCsv, requiredNumber } from "./instances-csv.ts";
import { positive, type InstanceTypeDraft, type KnownRegions, type ProviderDrafts } from "./instances-drafts.ts";
import { instanceSourceIds } from "./instances-sources.ts";

/**
 * AWS general-purpose families only AWS's us-east-1 table prices (the multi-region table carries c6i c7i c7g c8g m7i
 * m7g r7i). Listed so `wattplan estimate` can price and carbon-cost existing stacks that run them; their vCPUs and
 * memory come from CCF's instance-type table, so sizes CCF does not list (newer sizes, bare metal) are left out.
 * Families whose CPU has no peak-rate row (Haswell/Broadwell t2 m4 c4 r4, EPYC 1st gen t3a m5a r5a) are left out too.
 */
export const usEast1OnlyFamilies = new Set([
  "t3", "t4g", "m5", "m5d", "m5n", "m5dn", "m5zn", "c5", "c5d", "c5n", "c5a", "c5ad", "r5", "r5d", "r5b", "r5n", "r5dn",
  "m6a", "c6a", "m6g", "m6gd", "c6g", "c6gd", "c6gn", "r6g", "r6gd", "m6i", "r6i",
]);

const pricesAsOf = "2026-07-20";

const isMetal = (instanceType: string) => instanceType.includes(".metal");

/** The host vCPUs CCF's platform table states for each type (Teads "Platform Total Number of vCPU"). */
function platformVcpus(referenceDirectory: string): Map<string, number> {
  const byType = new Map<string, number>();
  for (const row of readReferenceCsv(referenceDirectory, "ccf-coefficients/aws-instances.csv")) {
    const vcpus = optionalNumber(row, "Platform Total Number of vCPU");
    if (vcpus) byType.set(row["Instance type"], vcpus);
  }
  return byType;
}

export function buildAwsGeneralDrafts(referenceDirectory: string, isKnownRegion: KnownRegions): ProviderDrafts {
  const specs = new Map(readReferenceCsv(referenceDirectory, "embodied/ccf-aws-instance-types.csv").map((row) => [row.instance_type, row]));
  const hostVcpus = platformVcpus(referenceDirectory);
  const types: InstanceTypeDraft[] = [];
  const offers: Offer[] = [];
  for (const row of readReferenceCsv(referenceDirectory, "instances/aws-ec2-ondemand-us-east-1-karpenter.csv")) {
    if (!usEast1OnlyFamilies.has(row.family) || isMetal(row.instance_type)) continue;
    const spec = specs.get(row.instance_type);
    const onDemand = positive(optionalNumber(row, "price_hour_usd_linux_ondemand"));
    if (!spec || !onDemand || !isKnownRegion("aws", row.region)) continue;
    const where = `ccf-aws-instance-types ${row.instance_type}`;
    const vcpus = requiredNumber(spec, "vcpus", where);
    const burstable = burstableAwsFamilies.has(row.family);
    types.push({
      provider: "aws",
      instanceType: row.instance_type,
      family: row.family,
      vcpus,
      memoryGb: requiredNumber(spec, "memory_gb", where),
      accelerator: null,
      // A burstable family's largest size (8 vCPUs) is a sliver of its host: weigh it against the host CCF states.
      ...(burstable ? { burstable: awsBurstableBaseline(row.instance_type, vcpus), hostVcpus: hostVcpus.get(row.instance_type) } : {}),
    });
    offers.push({
      provider: "aws",
      instanceType: row.instance_type,
      region: row.region,
      usdPerHour: { onDemand },
      source: instanceSourceIds.awsUsEast1Prices,
      asOf: pricesAsOf,
    });
  }
  return { types, offers };
}
