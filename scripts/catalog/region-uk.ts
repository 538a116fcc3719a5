// GB regions' distribution-network (DNO) region ids in the UK carbon-intensity API, so `--source uk` can ask for the
// region's own forecast rather than the national one. Ids from the API's region list (13 = London, 7 = South Wales);
// each cloud region is placed by the city its provider names for it (region-locations.csv).
export const ukCarbonIntensityRegionIds: Record<string, number> = {
  "aws/eu-west-2": 13,
  "gcp/europe-west2": 13,
  "azure/uksouth": 13,
  "azure/ukwest": 7,
};
