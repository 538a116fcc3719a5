// What a deployment adds to the plan's monthly cost beside its instances: the NAT gateway that gives private
// instances their egress (a VPC of the stack's own on AWS, Cloud NAT on GCP, a NAT gateway on Azure). Only prices
// the catalog has from a provider's page are added; the rest is listed as not estimated, with why.
import type { NetworkPrice } from "../domain/catalog.ts";
import type { NetworkCost, PlannedStackConfig, UserStackConfig } from "../domain/stack-config.ts";

/** The planner's month (src/estimate/units.ts). */
const HOURS_PER_MONTH = 730;

type Deployment = Pick<PlannedStackConfig, "provider" | "region" | "instances" | "schedule"> & Pick<UserStackConfig, "vpcId">;

const round = (usd: number) => Math.round(usd * 100) / 100;

/** How many instances run for how many hours a month: the desired count all month, or a schedule's active hours and idle rest. */
function instanceSegments(deployment: Deployment): { instances: number; hours: number }[] {
  const { schedule } = deployment;
  if (!schedule) return [{ instances: deployment.instances.desired, hours: HOURS_PER_MONTH }];
  const activeHours = (schedule.hoursOfDay.length / 24) * HOURS_PER_MONTH;
  return [
    { instances: schedule.activeInstances, hours: activeHours },
    { instances: schedule.idleInstances, hours: HOURS_PER_MONTH - activeHours },
  ];
}

function priceOf(prices: NetworkPrice[], deployment: Deployment): NetworkPrice | undefined {
  const forProvider = prices.filter((price) => price.provider === deployment.provider && price.item === "nat-gateway");
  return forProvider.find((price) => price.region === deployment.region) ?? forProvider.find((price) => price.region === null);
}

export function networkCostsFor(deployment: Deployment, prices: NetworkPrice[]): NetworkCost[] {
  // In the user's VPC the instances use the user's own NAT: nothing of wattplan's to add.
  if (deployment.provider === "aws" && deployment.vpcId) return [];
  const price = priceOf(prices, deployment);
  const name = { aws: "NAT gateway", gcp: "Cloud NAT", azure: "NAT gateway" }[deployment.provider];
  if (!price) {
    return [{ item: name, monthlyUsd: null, note: `not estimated: no ${deployment.provider} NAT gateway price for ${deployment.region} could be read from the provider (catalog/network-prices.json)` }];
  }
  const perGb = price.usdPerGbProcessed !== undefined ? `$${price.usdPerGbProcessed}/GB` : price.usdPerGibProcessed !== undefined ? `$${price.usdPerGibProcessed}/GiB` : undefined;
  const dataNote = perGb ? `; data through it (${perGb}: image pulls at every instance start) not estimated` : "";
  if (price.usdPerInstanceHour !== undefined) {
    // Cloud NAT: per instance using it each hour, up to a cap per gateway-hour; one external address (AUTO_ONLY allocates at least one).
    const rate = price.usdPerInstanceHour;
    const cap = price.usdPerGatewayHourAtMost ?? Number.POSITIVE_INFINITY;
    const segments = instanceSegments(deployment);
    const gatewayUsd = segments.reduce((sum, segment) => sum + Math.min(segment.instances * rate, cap) * segment.hours, 0);
    const instanceHours = round(segments.reduce((sum, segment) => sum + segment.instances * segment.hours, 0));
    const monthlyUsd = round(gatewayUsd + HOURS_PER_MONTH * (price.usdPerAddressHour ?? 0));
    const capNote = Number.isFinite(cap) ? ` (at most $${cap} a gateway-hour)` : "";
    return [
      {
        item: name,
        monthlyUsd,
        note: `${instanceHours} instance-hours × $${rate}${capNote} + one address × ${HOURS_PER_MONTH} h × $${price.usdPerAddressHour ?? 0} (${price.source}, ${price.asOf})${dataNote}`,
      },
    ];
  }
  const monthlyUsd = round(HOURS_PER_MONTH * (price.usdPerGatewayHour ?? 0));
  return [{ item: name, monthlyUsd, note: `one gateway × ${HOURS_PER_MONTH} h × $${price.usdPerGatewayHour} (${price.source}, ${price.asOf}); its public IPv4 address${dataNote.replace("; data", " and data")}` }];
}
