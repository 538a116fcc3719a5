// The two worked examples of the issue, reproduced through the production functions.
import { describe, expect, it } from "vitest";
import {
  embodiedGramsCo2e,
  estimateCandidate,
  facilityPowerWatts,
  instancePowerWatts,
  operationalGramsCo2e,
  type CandidateEstimateInput,
  type PerformanceProjection,
} from "../../src/estimate/index.ts";
import { figure, makeEstimateInput, makeInstance, makeProjection } from "./fixtures.ts";

// Cloud Carbon Footprint's AWS constants (cloud-carbon-footprint, packages/aws/src/domain/
// AwsFootprintEstimationConstants.ts at commit b7a049c7): MIN_WATTS_AVG 0.74 and MAX_WATTS_AVG 3.5 W per vCPU,
// PUE_AVG 1.135, AVG_CPU_UTILIZATION_2020 50 %, SERVER_EXPECTED_LIFESPAN 35,040 h; us-east-1 uses the SERC NERC
// factor 0.000379069 tCO2e/kWh = 379.069 g/kWh (packages/core/src/FootprintEstimationConstants.ts).
const ccf = { minWattsPerVcpu: 0.74, maxWattsPerVcpu: 3.5, pue: 1.135, utilization: 0.5, gCo2ePerKwh: 379.069, lifespanHours: 35040 };
const ccfSource = "CCF AwsFootprintEstimationConstants.ts @ b7a049c7";

// CCF's compute estimate for 4 vCPUs over a 730-hour month, written out as CCF's method states it.
const ccfExpectedKgCo2e =
  (((4 * (ccf.minWattsPerVcpu + ccf.utilization * (ccf.maxWattsPerVcpu - ccf.minWattsPerVcpu)) * 730) / 1000) * ccf.pue * ccf.gCo2ePerKwh) / 1000;

const ccfInstance = makeInstance({
  instanceType: "ccf.4vcpu",
  vcpus: 4,
  memoryGb: 8,
  power: {
    cpuMinWattsPerVcpu: figure(ccf.minWattsPerVcpu, ccfSource, "2024-03"),
    cpuMaxWattsPerVcpu: figure(ccf.maxWattsPerVcpu, ccfSource, "2024-03"),
    // The example is CCF's compute estimate alone: memory is a separate CCF line item.
    memoryWattsPerGb: figure(0, ccfSource, "2024-03"),
  },
  embodied: { kgCo2e: figure(0, ccfSource, "2024-03"), lifespanHours: figure(ccf.lifespanHours, ccfSource, "2024-03") },
});

function projectionWithCapacity(capacityPerInstanceRps: number): PerformanceProjection {
  return makeProjection({
    method: "measured",
    serviceTimeMs: 10,
    serviceTimeRangeMs: { low: 10, high: 10 },
    replicas: 1,
    threadsPerReplica: 4,
    capacityPerInstanceRps,
    capacityRangeRps: { low: capacityPerInstanceRps, high: capacityPerInstanceRps },
    modelMemoryGb: 0.1,
  });
}

function candidateInput(overrides: Partial<CandidateEstimateInput>): CandidateEstimateInput {
  return makeEstimateInput({
    projection: projectionWithCapacity(100),
    instance: ccfInstance,
    pue: ccf.pue,
    intensityBasis: "operational",
    usdPerHour: 0.2,
    traffic: { meanRps: 50, peakRps: 50, quietestRps: 50 },
    targetUtilization: 0.5,
    ...overrides,
  });
}

describe("Cloud Carbon Footprint's method: 4 vCPUs × 730 h in us-east-1", () => {
  it("the expected figure is the 2.663 kgCO2e the issue quotes", () => {
    expect(ccfExpectedKgCo2e).toBeCloseTo(2.663, 3);
  });

  it("power → facility power → energy → operational carbon reproduces it", () => {
    const power = instancePowerWatts({ instance: ccfInstance, accelerator: null, utilization: ccf.utilization });
    expect(power.cpuWatts).toBeCloseTo(4 * 2.12, 10);
    const monthJoules = facilityPowerWatts(power.itWatts, ccf.pue) * 730 * 3600;
    expect(operationalGramsCo2e(monthJoules, ccf.gCo2ePerKwh) / 1000).toBeCloseTo(ccfExpectedKgCo2e, 9);
  });

  it("estimateCandidate at 50 % utilisation for a month gives the same operational kgCO2e", () => {
    // 50 requests/s on one instance of 100 requests/s capacity: utilisation 0.5, one instance.
    const estimate = estimateCandidate(candidateInput({}));
    expect(estimate.instances.desired).toBe(1);
    expect(estimate.utilization).toBeCloseTo(0.5, 12);
    expect(estimate.monthlyOperationalKgCo2e).toBeCloseTo(ccfExpectedKgCo2e, 9);
    expect(estimate.monthlyKgCo2e).toBeCloseTo(2.663, 3);
  });
});

describe("SCI specification's embodied example: M = TE × (TiR / EL) × (RR / ToR)", () => {
  // TE = 1,000 kgCO2e, EL = 4 years, TiR = 1 hour, the whole server reserved (RR / ToR = 1).
  const expectedGrams = 1000 * 1000 * (1 / (4 * 365 * 24)) * 1;

  it("is about 28.5 g", () => {
    expect(expectedGrams).toBeCloseTo(28.54, 2);
    expect(embodiedGramsCo2e({ totalEmbodiedKgCo2e: 1000, hoursReserved: 1, lifespanHours: 4 * 365 * 24, resourceShare: 1 })).toBeCloseTo(expectedGrams, 9);
  });

  it("estimateCandidate charges one inference per hour on one instance the same 28.5 g", () => {
    const instance = makeInstance({
      instanceType: "sci.server",
      vcpus: 4,
      embodied: { kgCo2e: figure(1000, "SCI specification example"), lifespanHours: figure(4 * 365 * 24, "SCI specification example") },
    });
    const meanRps = 1 / 3600;
    const estimate = estimateCandidate(candidateInput({ instance, traffic: { meanRps, peakRps: meanRps, quietestRps: meanRps } }));
    expect(estimate.instances.desired).toBe(1);
    expect(estimate.embodiedGCo2ePerInference).toBeCloseTo(expectedGrams, 9);
    expect(estimate.sciGCo2ePerInference).toBeCloseTo(estimate.gCo2ePerInference + expectedGrams, 9);
  });
});
