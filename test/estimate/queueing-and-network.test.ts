import { describe, expect, it } from "vitest";
import {
  chooseBatchSize,
  countryCentroid,
  erlangC,
  greatCircleDistanceKm,
  infeasibleSloReason,
  latencyP95Ms,
  networkRoundTripMs,
  usersRoundTripP95Ms,
  waitingTimeQuantileMs,
} from "../../src/estimate/index.ts";

describe("queueing (M/M/c, Erlang C)", () => {
  it("matches the textbook value: 2 servers offered 1 erlang wait with probability 1/3", () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12); // M/M/1: P(wait) = ρ
  });

  it("gives the M/M/1 waiting-time quantile ln(ρ / 0.05) / (μ − λ)", () => {
    // μ = 100/s, λ = 80/s: P(W > t) = 0.8 e^(−20 t).
    expect(waitingTimeQuantileMs({ servers: 1, serviceTimeMs: 10, arrivalsPerSecond: 80 }, 0.95)).toBeCloseTo((Math.log(0.8 / 0.05) / 20) * 1000, 9);
    expect(waitingTimeQuantileMs({ servers: 1, serviceTimeMs: 10, arrivalsPerSecond: 4 }, 0.95)).toBe(0);
  });

  it("adds the batch fill wait, capped by the max queue delay", () => {
    // 4 replicas share 40 requests/s: 10/s each; batch 4 fills in 3 / 10 s = 300 ms, capped at 25 ms.
    const slow = latencyP95Ms({ serviceTimeMs: 20, replicas: 4, batchSize: 4, arrivalRps: 40, maxQueueDelayMs: 25 });
    expect(slow.batchFillMs).toBe(25);
    const busy = latencyP95Ms({ serviceTimeMs: 20, replicas: 4, batchSize: 4, arrivalRps: 4000, maxQueueDelayMs: 25 });
    expect(busy.batchFillMs).toBeCloseTo((3 / 1000) * 1000, 9);
    expect(busy.latencyP95Ms).toBeCloseTo(busy.batchFillMs + busy.queueingP95Ms + busy.serviceP95Ms, 9);
  });
});

describe("network round trip", () => {
  it("measures great circles: London to New York is about 5,570 km", () => {
    const london = { latitude: 51.5074, longitude: -0.1278 };
    const newYork = { latitude: 40.7128, longitude: -74.006 };
    expect(greatCircleDistanceKm(london, newYork)).toBeGreaterThan(5540);
    expect(greatCircleDistanceKm(london, newYork)).toBeLessThan(5600);
    // there and back, 1.5 × the distance, at 200,000 km/s
    expect(networkRoundTripMs(london, newYork)).toBeCloseTo(((2 * greatCircleDistanceKm(london, newYork) * 1.5) / 200_000) * 1000, 9);
    expect(networkRoundTripMs(london, london)).toBe(0);
  });

  it("places users at country centroids and takes the 95th-percentile user's trip", () => {
    expect(countryCentroid("de")).toEqual({ latitude: 51, longitude: 9 });
    expect(countryCentroid("XX")).toBeNull();
    const frankfurt = { latitude: 50.11, longitude: 8.68 };
    const mixed = usersRoundTripP95Ms([{ country: "DE", share: 0.6 }, { country: "US", share: 0.4 }], frankfurt);
    expect(mixed).toBeCloseTo(networkRoundTripMs(countryCentroid("US")!, frankfurt), 9);
    const mostlyGerman = usersRoundTripP95Ms([{ country: "DE", share: 0.97 }, { country: "US", share: 0.03 }], frankfurt);
    expect(mostlyGerman).toBeCloseTo(networkRoundTripMs(countryCentroid("DE")!, frankfurt), 9);
    expect(() => usersRoundTripP95Ms([{ country: "ZZ", share: 1 }], frankfurt)).toThrow(/unknown country code 'ZZ'/);
  });
});

describe("batch choice", () => {
  const options = [
    { batchSize: 1, latencyP95Ms: 12, batchFillMs: 0 },
    { batchSize: 8, latencyP95Ms: 40, batchFillMs: 5 },
    { batchSize: 32, latencyP95Ms: 90, batchFillMs: 20 },
  ];

  it("takes the largest batch within the SLO and the max queue delay", () => {
    expect(chooseBatchSize(options, { sloP95Ms: 100, maxQueueDelayMs: 50 })?.batchSize).toBe(32);
    expect(chooseBatchSize(options, { sloP95Ms: 100, maxQueueDelayMs: 10 })?.batchSize).toBe(8);
    expect(chooseBatchSize(options, { sloP95Ms: 100, maxQueueDelayMs: 50, maxBatch: 16 })?.batchSize).toBe(8);
    expect(chooseBatchSize(options, { sloP95Ms: 10, maxQueueDelayMs: 50 })).toBeNull();
  });

  it("names an SLO below the fastest service time", () => {
    expect(infeasibleSloReason(12, 10)).toMatch(/below the fastest service time, 12\.00 ms/);
    expect(infeasibleSloReason(12, 50, 30)).toBeNull();
    expect(infeasibleSloReason(12, 40, 30)).toMatch(/network round trip/);
  });
});
