// @tgwf/co2 ships no type declarations; these describe only the data exports the catalog build reads.
declare module "@tgwf/co2/data" {
  interface ElectricityMapsZoneYear {
    zone: { zoneName: string };
    carbonIntensity: { value: number; unit: string };
    renewableEnergy?: { value: number; unit: string };
    carbonFreeEnergy?: { value: number; unit: string };
  }
  export const averageIntensity: { data: Record<string, number>; type: string };
  export const electricityMaps: Record<string, { data: Record<string, ElectricityMapsZoneYear>; methodology: string }>;
}
