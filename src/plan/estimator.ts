import type { Region } from "../domain/catalog.ts";
import type { PerformanceProjection, ProjectionInput, ProjectionResult } from "../estimate/contract.ts";
import type { FleetOperationInput, FleetOperations } from "../estimate/fleet-operation.ts";
import type { RegionalEstimate, RegionalFactors, RegionalScore } from "../estimate/regional-evaluation.ts";

export interface UserShare {
  country: string;
  share: number;
}

/**
 * The per-candidate arithmetic the planner relies on (src/estimate). Passed in rather than imported so the
 * enumeration and choice can be tested against exact, hand-checkable estimators too. An estimate has two halves:
 * the fleet, which does not depend on the region, and its evaluation under one region's PUE, intensity and price.
 */
export interface Estimator {
  projectPerformance(input: ProjectionInput): ProjectionResult;
  /** Fleet size, latency and IT power at the projection's central, slow and fast service times. */
  operateFleet(input: FleetOperationInput): FleetOperations;
  /** Whether operateFleet gives the same operations for two projections of one type, batch size and round trip. */
  operatesAlike(first: PerformanceProjection, second: PerformanceProjection): boolean;
  /** Energy, carbon and cost of that fleet in one region. */
  evaluateInRegion(fleet: FleetOperations, region: RegionalFactors): RegionalEstimate;
  /** What choosing reads of `evaluateInRegion` (central cost and carbon, carbon's range), equal to it bit for bit. */
  scoreInRegion(fleet: FleetOperations, region: RegionalFactors): RegionalScore;
  /** Share-weighted round trip from the users' countries to the region, ms. */
  networkRoundTripMs(users: UserShare[], region: Region): number;
  /** One line describing the network model, for the plan's assumptions. */
  networkModelDescription: string;
}
