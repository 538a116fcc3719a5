import type { Region } from "../domain/catalog.ts";
import type { CandidateEstimate, CandidateEstimateInput, ProjectionInput, ProjectionResult } from "../estimate/contract.ts";

export interface UserShare {
  country: string;
  share: number;
}

/**
 * The per-candidate arithmetic the planner relies on (src/estimate). Passed in rather than imported so the
 * enumeration and choice can be tested against exact, hand-checkable estimators too.
 */
export interface Estimator {
  projectPerformance(input: ProjectionInput): ProjectionResult;
  estimateCandidate(input: CandidateEstimateInput): CandidateEstimate;
  /** Share-weighted round trip from the users' countries to the region, ms. */
  networkRoundTripMs(users: UserShare[], region: Region): number;
  /** One line describing the network model, for the plan's assumptions. */
  networkModelDescription: string;
}
