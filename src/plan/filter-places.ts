// Phase 1 of enumeration: where each instance type may run. Every offer (type × region) is checked against the
// constraints that need no estimate (provider, region, country, residency, accelerator, pricing model); the places
// left are grouped by their users' round trip, the one regional input that changes how the fleet runs.
import type { InstanceType } from "../domain/catalog.ts";
import { usdPerHourOf } from "./candidate-parts.ts";
import type { NumberedPlace } from "./candidates.ts";
import { offersOf, regionOf } from "./catalog-index.ts";
import { compilePlaceConstraints, Exclusions } from "./constraints.ts";
import type { EvaluationSession } from "./evaluation-session.ts";

/** Places with the same round trip: one fleet serves them all, evaluated in each region. */
export interface RoundTripGroup {
  networkRoundTripMs: number;
  places: NumberedPlace[];
}

export interface TypePlaces {
  instance: InstanceType;
  /** In order of the first offer with each round trip; places in catalog order within a group. */
  groups: RoundTripGroup[];
  placeCount: number;
  nearestRoundTripMs: number;
}

export interface PlaceFiltering {
  types: TypePlaces[];
  /** How many type × region pairs passed (the range of placeId). */
  placeCount: number;
  /** Every offer × precision × batch size in the catalog. */
  enumerated: number;
  excluded: Exclusions;
}

export function filterPlaces(session: EvaluationSession): PlaceFiltering {
  const { spec, index } = session;
  const failedConstraints = compilePlaceConstraints(spec.constraints);
  const combinations = spec.options.precisions.length * session.batchSizes.length;
  const excluded = new Exclusions();
  const types: TypePlaces[] = [];
  let enumerated = 0;
  let placeCount = 0;
  // The rest are listed to estimate existing stacks only: the catalog says why (burstable, memory-optimised, previous generation).
  for (const instance of index.plannedTypes) {
    const groups = new Map<number, NumberedPlace[]>();
    for (const offer of offersOf(index, instance.provider, instance.instanceType)) {
      const catalogRegion = regionOf(index, offer.provider, offer.region);
      if (!catalogRegion) continue;
      enumerated += combinations;
      const failure = failedConstraints(instance, catalogRegion)[0];
      const usdPerHour = usdPerHourOf(offer, spec.options.pricing);
      if (failure || usdPerHour === undefined) {
        excluded.add(failure ?? "pricing", combinations);
        continue;
      }
      const place = session.place(instance, offer, usdPerHour, catalogRegion, placeCount++);
      const group = groups.get(place.networkRoundTripMs);
      if (group) group.push(place);
      else groups.set(place.networkRoundTripMs, [place]);
    }
    if (groups.size === 0) continue;
    types.push({
      instance,
      groups: [...groups].map(([networkRoundTripMs, places]) => ({ networkRoundTripMs, places })),
      placeCount: [...groups.values()].reduce((count, places) => count + places.length, 0),
      nearestRoundTripMs: Math.min(...groups.keys()),
    });
  }
  return { types, placeCount, enumerated, excluded };
}
