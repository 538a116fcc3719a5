import type { Source } from "../../src/domain/figure.ts";

/**
 * The sources behind providers.json and regions.json. Ids are what figures cite; SOURCES.md is written from
 * these records, so a licence or caveat is stated once.
 */
export const regionSourceIds = {
  electricityMaps: "electricity-maps-yearly",
  ember: "ember-yearly-electricity",
  googleRegionCarbon: "google-region-carbon-info",
  egrid: "epa-egrid2023",
  nga: "dcceew-nga-factors-2025",
  awsPue: "amazon-sustainability-pue",
  googlePue: "google-data-center-efficiency",
  microsoftPue: "microsoft-datacenter-efficiency",
  gsfMetadata: "gsf-real-time-cloud-region-metadata",
  zoneMapping: "wattplan-region-zone-mapping",
  locations: "wattplan-region-locations",
} as const;

export function regionSources(co2jsVersion: string): Source[] {
  return [
    {
      id: regionSourceIds.electricityMaps,
      title: `Electricity Maps yearly zone averages (lifecycle, consumption-based), as shipped in @tgwf/co2 ${co2jsVersion}`,
      publisher: "Electricity Maps (data); The Green Web Foundation CO2.js (redistribution)",
      url: "https://www.electricitymaps.com/data-portal",
      licence: "ODbL-1.0 (Open Database License): attribute Electricity Maps; derived databases share alike",
      retrieved: "2026-02-04",
      notes:
        `Read from the npm package @tgwf/co2 ${co2jsVersion} (data/electricity-maps/yearly_<year>); CO2.js fetched the values from the Electricity Maps API on 2026-02-04. ` +
        "Data year 2024 is used: the 2025 figures were fetched five weeks after year end and show implausible jumps for some zones. " +
        "Values are integers in gCO2e/kWh, lifecycle emission factors, flow-traced (consumption-based) including imports.",
    },
    {
      id: regionSourceIds.ember,
      title: `Ember Yearly Electricity Data, national average emissions intensity, as shipped in @tgwf/co2 ${co2jsVersion}`,
      publisher: "Ember (data); The Green Web Foundation CO2.js (redistribution)",
      url: "https://ember-energy.org/data/yearly-electricity-data/",
      licence: "CC BY 4.0 (Ember); the CO2.js redistribution is labelled CC BY-SA 4.0: attribute Ember",
      retrieved: "2025-08-03",
      notes:
        "Lifecycle, production-based national figures (gCO2e/kWh). Used only where a region's Electricity Maps zone has no yearly figure. " +
        "The data year differs by country (latest year Ember had: 2022, 2023 or 2024).",
    },
    {
      id: regionSourceIds.googleRegionCarbon,
      title: "Google Cloud region carbon info: grid carbon intensity and Google CFE % per region (data year 2024)",
      publisher: "Google Cloud",
      url: "https://github.com/GoogleCloudPlatform/region-carbon-info",
      licence: "Apache-2.0",
      commit: "49f3f26bfd682305e8d9b572fea1f811900421a9",
      retrieved: "2025-12-03",
      notes:
        "Operational (direct) average grid intensity of the local grid, hourly and weighted by Google's own load; " +
        "Google CFE % is the hourly carbon-free energy share including Google's purchases. Not comparable with lifecycle figures.",
    },
    {
      id: regionSourceIds.egrid,
      title: "US EPA eGRID2023 (rev2) subregion annual total output emission rates, CO2e (AR5 GWPs)",
      publisher: "US Environmental Protection Agency",
      url: "https://www.epa.gov/egrid",
      licence: "US Government work (public domain)",
      commit: "9463d66807efcf2ec11fad6c1f8caa3916084aef",
      retrieved: "2025-06-18",
      notes:
        "Read from EPA's Power Profiler data file (USEPA/power-profiler app/data/subregion.json); lb/MWh x 0.45359237 = g/kWh. " +
        "Direct (combustion) emissions, production-based, data year 2023. Data-centre sites mapped to subregions with EPA's ZIP-to-subregion file.",
    },
    {
      id: regionSourceIds.nga,
      title: "Australian National Greenhouse Accounts Factors 2025, Table 1 scope 2 state factors",
      publisher: "Australian Government, Department of Climate Change, Energy, the Environment and Water (DCCEEW)",
      url: "https://www.dcceew.gov.au/climate-change/publications/national-greenhouse-accounts-factors",
      licence: "CC BY 4.0 (Commonwealth publications; not checked against the workbook)",
      retrieved: "2025",
      notes:
        "Scope 2 (direct) location-based factors per state grid; the year is the edition year, the underlying NGER data are for an earlier financial year. " +
        "Values taken from two independent public transcriptions of Table 1 that agree.",
    },
    {
      id: regionSourceIds.awsPue,
      title: "Amazon sustainability: AWS data center power usage effectiveness (global and per region)",
      publisher: "Amazon Web Services",
      url: "https://sustainability.aboutamazon.com/products-services/the-cloud",
      licence: "facts from a public corporate disclosure",
      retrieved: "2026",
      notes:
        "Global PUE: 1.15 for 2023 and 2024, 1.14 for 2025 as stated on Amazon's sustainability pages. " +
        "Per-region PUE for 2023 and 2024 as disclosed by AWS, read through the Green Software Foundation real-time-cloud metadata (cross-reference).",
    },
    {
      id: regionSourceIds.googlePue,
      title: "Google data centers: efficiency (fleet-wide and per-campus trailing twelve-month PUE)",
      publisher: "Google",
      url: "https://www.google.com/about/datacenters/efficiency/",
      licence: "facts from a public corporate disclosure",
      retrieved: "2025",
      notes:
        "Fleet-wide PUE 1.09 for 2024 (Google 2025 Environmental Report; consistent with its statement that Google data centers used 84% less overhead energy than the industry average in 2024). Per-campus values mapped to cloud regions as in the " +
        "Green Software Foundation real-time-cloud metadata (cross-reference); a region inherits its campus's PUE.",
    },
    {
      id: regionSourceIds.microsoftPue,
      title: "Microsoft datacenters: measuring energy and water use (PUE by region and fleet average)",
      publisher: "Microsoft",
      url: "https://datacenters.microsoft.com/sustainability/efficiency/",
      licence: "facts from a public corporate disclosure",
      retrieved: "2024",
      notes:
        "Fleet average PUE 1.18 across the portfolio (newest designs 1.12), as reported in December 2024 (DatacenterDynamics, citing Microsoft). Per-region operating PUE for 2023 " +
        "as disclosed by Microsoft, read through the Green Software Foundation real-time-cloud metadata (cross-reference).",
    },
    {
      id: regionSourceIds.gsfMetadata,
      title: "Green Software Foundation real-time-cloud: cloud region metadata (cross-reference of public facts)",
      publisher: "Green Software Foundation",
      url: "https://github.com/Green-Software-Foundation/real-time-cloud",
      licence: "non-code materials all rights reserved: only individual public facts are carried, each with its original source named",
      commit: "b2858aa2300ae2faf30ed9145b06dcb7ce995148",
      retrieved: "2026-03-12",
      notes:
        "Used for WattTime region ids, region coordinates where they agree with the region's published city (within 100 km), " +
        "and as the route to provider per-region PUE disclosures. Some of its coordinates are wrong (e.g. sa-east-1, us-south1, us-west4, us-east5) and were not used.",
    },
    {
      id: regionSourceIds.zoneMapping,
      title: "Cloud region to grid zone mapping (Electricity Maps zones, eGRID subregions, NGA states)",
      publisher: "wattplan reference data, compiled from provider-published region locations",
      licence: "facts (region locations published by AWS, Google and Microsoft; zone ids defined by Electricity Maps, EPA, DCCEEW)",
      retrieved: "2026",
      notes:
        "Each data-centre site (Azure physicalLocation, AWS region names, Google region locations) mapped to the grid zone that serves it, " +
        "sub-national where the grid is split (SE-SE3, US-NW-BPAT, JP-TK, IN-WE ...). Where the reference has no mapping, the GSF real-time-cloud zone id is used. " +
        "GB regions also carry the UK carbon-intensity API's DNO region id (api.carbonintensity.org.uk region list: 13 London, 7 South Wales) for the region's city.",
    },
    {
      id: regionSourceIds.locations,
      title: "Region coordinates and IANA time zones from each region's published city",
      publisher: "wattplan (derived)",
      licence: "facts",
      retrieved: "2026-11",
      notes:
        "Latitude/longitude of the city or metro the provider names for the region (approximate: providers do not publish site coordinates), " +
        "and the IANA time zone of that city. Marked estimated.",
    },
  ];
}
