// Unit conversions and the fixed conventions every estimate shares.

/** A month of continuous service, the convention of cloud price lists (365 × 24 / 12). */
export const hoursPerMonth = 730;
export const secondsPerHour = 3600;
export const joulesPerKilowattHour = 3_600_000;
export const gramsPerKilogram = 1000;
export const bytesPerGigabyte = 1e9;

export function kilowattHoursFromJoules(energyJoules: number): number {
  return energyJoules / joulesPerKilowattHour;
}
