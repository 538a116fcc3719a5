// One instance type in one region, run for a month: cost, energy and carbon, from the catalog and the shared
// estimate functions (CCF's power model, PUE, grid intensity, the embodied share of the instance-hours).
import { effectivePue, findAccelerator, offerIn, regionIntensity } from "../catalog/queries.ts";
import type { Catalog, InstanceType, IntensityBasis, Region } from "../domain/catalog.ts";
import { embodiedGramsCo2e, operationalGramsCo2e } from "../estimate/carbon.ts";
import { facilityPowerWatts, instancePowerWatts } from "../estimate/power.ts";
import type { MonthlyFigures } from "./contract.ts";
import { gramsPerKilogram, hoursPerMonth, joulesPerKilowattHour, secondsPerHour } from "../estimate/units.ts";

/** The utilisation a type can sustain: a burstable type's baseline share caps it. */
export function sustainedUtilization(instance: InstanceType, utilization: number): { utilization: number; note?: string } {
  const baseline = instance.burstable?.baselineVcpus.value;
  if (baseline === undefined) return { utilization };
  const share = baseline / instance.vcpus;
  if (utilization <= share) return { utilization };
  return {
    utilization: share,
    note: `burstable: CPU capped at its baseline ${Math.round(share * 1000) / 10} % (${baseline} of ${instance.vcpus} vCPUs); sustained use above it is throttled or billed as surplus credits`,
  };
}

export function monthlyFigures(catalog: Catalog, instance: InstanceType, region: Region, count: number, requestedUtilization: number, basis: IntensityBasis): MonthlyFigures {
  const notes: string[] = [];
  const sustained = sustainedUtilization(instance, requestedUtilization);
  if (sustained.note) notes.push(sustained.note);
  const accelerator = instance.accelerator ? safeAccelerator(catalog, instance.accelerator.model) : null;
  const power = instancePowerWatts({ instance, accelerator, utilization: sustained.utilization });
  notes.push(...power.assumptions);
  const pue = effectivePue(catalog, region).value;
  const wattsPerInstance = facilityPowerWatts(power.itWatts, pue);
  const energyJoulesPerInstance = wattsPerInstance * hoursPerMonth * secondsPerHour;
  const monthlyEnergyKwh = (energyJoulesPerInstance / joulesPerKilowattHour) * count;
  const intensity = regionIntensity(region, basis);
  const operational = intensity ? (operationalGramsCo2e(energyJoulesPerInstance, intensity.value) / gramsPerKilogram) * count : null;
  if (!intensity) notes.push(`no ${basis} grid intensity is published for ${region.code}`);
  const embodied =
    (embodiedGramsCo2e({ totalEmbodiedKgCo2e: instance.embodied.kgCo2e.value, hoursReserved: hoursPerMonth, lifespanHours: instance.embodied.lifespanHours.value }) / gramsPerKilogram) * count;
  const offer = offerIn(catalog, instance, region.code);
  if (!offer) notes.push(`no price for ${instance.instanceType} in ${region.code} in the catalog`);
  const usdPerHour = offer?.usdPerHour.onDemand ?? null;
  return {
    utilization: sustained.utilization,
    wattsPerInstance,
    pue,
    monthlyEnergyKwh,
    gridIntensityGCo2ePerKwh: intensity?.value ?? null,
    intensityLabel: intensity ? `${intensity.basis} ${intensity.year} ${intensity.zone}` : `no ${basis} figure`,
    monthlyOperationalKgCo2e: operational,
    monthlyEmbodiedKgCo2e: embodied,
    monthlyKgCo2e: operational === null ? null : operational + embodied,
    usdPerHour,
    monthlyCostUsd: usdPerHour === null ? null : usdPerHour * hoursPerMonth * count,
    notes,
  };
}

function safeAccelerator(catalog: Catalog, model: string) {
  try {
    return findAccelerator(catalog, model);
  } catch {
    return null;
  }
}
