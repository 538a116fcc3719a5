// NAT gateway prices, transcribed by hand from the providers' price pages where a copy could be read, with the date
// it was read. Only what a page states: Google's Cloud NAT prices are the same in every region; AWS publishes NAT
// gateway prices per region and only its US East (Ohio) example could be read; no Azure NAT gateway price could be
// read. Anything not here is "not estimated" in a stack's costs.
import type { NetworkPrice } from "../../src/domain/catalog.ts";
import type { Source } from "../../src/domain/figure.ts";

export const networkPriceSourceIds = { gcpCloudNat: "gcp-cloud-nat-pricing", awsVpc: "aws-vpc-pricing" } as const;

const sources: Source[] = [
  {
    id: networkPriceSourceIds.gcpCloudNat,
    title: "Cloud NAT pricing (Public NAT): per-VM gateway hours up to 32 VMs, per-GiB processing, per-address hours",
    publisher: "Google Cloud",
    url: "https://cloud.google.com/nat/pricing",
    licence: "Facts quoted from a public price page",
    retrieved: "2026-12-07",
    notes:
      "Public NAT: $0.0014 per VM instance using the gateway per hour, at most 32 instances billed ($0.044 per hour beyond); " +
      "$0.045 per GiB processed, inbound and outbound, the same in every region; $0.005 per hour per external IP address the gateway uses. " +
      "Read from a stored copy of the page, which shows no date of its own; USD list prices.",
  },
  {
    id: networkPriceSourceIds.awsVpc,
    title: "Amazon VPC pricing: NAT gateway hourly and data processing charges (US East (Ohio) pricing example)",
    publisher: "Amazon Web Services; transcribed in api-evangelist/amazon-vpc (plans/amazon-vpc-plans-pricing.yml)",
    url: "https://aws.amazon.com/vpc/pricing/",
    licence: "Facts quoted from a public price page",
    retrieved: "2026-09-20",
    notes:
      "The page renders its per-region table dynamically; the transcription (read 2026-09-20, every price quoted verbatim) carries only its " +
      "worked example for US East (Ohio): $0.045 per NAT gateway-hour and $0.045 per GB processed. Other regions' NAT prices are not in the catalog.",
  },
];

const networkPrices: NetworkPrice[] = [
  {
    provider: "gcp",
    item: "nat-gateway",
    region: null,
    usdPerInstanceHour: 0.0014,
    usdPerGatewayHourAtMost: 0.044,
    usdPerAddressHour: 0.005,
    usdPerGibProcessed: 0.045,
    source: networkPriceSourceIds.gcpCloudNat,
    asOf: "2026-12-07",
  },
  {
    provider: "aws",
    item: "nat-gateway",
    region: "us-east-2",
    usdPerGatewayHour: 0.045,
    usdPerGbProcessed: 0.045,
    source: networkPriceSourceIds.awsVpc,
    asOf: "2026-09-20",
  },
];

export function buildNetworkPriceCatalog(): { networkPrices: NetworkPrice[]; sources: Source[] } {
  return { networkPrices, sources };
}
