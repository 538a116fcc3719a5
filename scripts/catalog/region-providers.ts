import type { Provider, ProviderId } from "../../src/domain/catalog.ts";
import { regionSourceIds } from "./region-sources.ts";

/** Fleet-wide PUE each provider discloses for its newest reported year (see region-sources.ts for the pages). */
export const providers: Provider[] = [
  { id: "aws", name: "Amazon Web Services", pue: { value: 1.14, source: regionSourceIds.awsPue, asOf: "2025" } },
  { id: "azure", name: "Microsoft Azure", pue: { value: 1.18, source: regionSourceIds.microsoftPue, asOf: "2024" } },
  { id: "gcp", name: "Google Cloud", pue: { value: 1.09, source: regionSourceIds.googlePue, asOf: "2024" } },
];

/** The original discloser of a region's PUE, whichever route we read it through. */
export const pueSourceByProvider: Record<ProviderId, string> = {
  aws: regionSourceIds.awsPue,
  azure: regionSourceIds.microsoftPue,
  gcp: regionSourceIds.googlePue,
};
