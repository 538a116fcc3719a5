/** ISO 3166-1 alpha-2 to alpha-3 for the countries that host cloud regions (Ember keys its data by alpha-3). */
const iso3ByIso2: Record<string, string> = {
  AE: "ARE", AT: "AUT", AU: "AUS", BE: "BEL", BH: "BHR", BR: "BRA", CA: "CAN", CH: "CHE", CL: "CHL", CN: "CHN",
  DE: "DEU", DK: "DNK", ES: "ESP", FI: "FIN", FR: "FRA", GB: "GBR", HK: "HKG", ID: "IDN", IE: "IRL", IL: "ISR",
  IN: "IND", IT: "ITA", JP: "JPN", KR: "KOR", MX: "MEX", MY: "MYS", NL: "NLD", NO: "NOR", NZ: "NZL", PL: "POL",
  QA: "QAT", SA: "SAU", SE: "SWE", SG: "SGP", TH: "THA", TW: "TWN", US: "USA", ZA: "ZAF",
};

export function iso3FromIso2(iso2: string): string {
  const iso3 = iso3ByIso2[iso2];
  if (!iso3) throw new Error(`no ISO3 code known for country ${iso2}: add it to scripts/catalog/region-countries.ts`);
  return iso3;
}
