// What a deployment adds to the plan's monthly cost: only NAT prices the catalog has from a provider's page.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { networkCostsFor } from "../../src/emit/network-costs.ts";
import { expectedMonthlyCostUsd } from "../../src/domain/stack-config.ts";

const prices = loadCatalog().networkPrices;
const live = { instances: { min: 1, desired: 3, max: 5 }, schedule: undefined } as const;

describe("network costs a deployment adds", () => {
  it("GCP: Cloud NAT per instance-hour plus one address, from Google's price page; data processing not estimated", () => {
    const [nat] = networkCostsFor({ provider: "gcp", region: "europe-north2", ...live }, prices);
    // 3 instances × 730 h × $0.0014 + 730 h × $0.005 = $3.066 + $3.65.
    expect(nat).toMatchObject({ item: "Cloud NAT", monthlyUsd: 6.72 });
    expect(nat.note).toMatch(/2190 instance-hours × \$0\.0014 \(at most \$0\.044 a gateway-hour\) \+ one address × 730 h × \$0\.005 \(gcp-cloud-nat-pricing, 2026-12-07\); data through it \(\$0\.045\/GiB: image pulls at every instance start\) not estimated/);
    // Past 32 instances the gateway costs $0.044 an hour: 730 h × $0.044 + 730 h × $0.005.
    expect(networkCostsFor({ provider: "gcp", region: "us-central1", instances: { min: 40, desired: 50, max: 60 } }, prices)[0].monthlyUsd).toBe(35.77);
  });

  it("GCP batch work: the instance-hours of the schedule (active hours, idle rest)", () => {
    const schedule = { hoursOfDay: [1, 2, 3, 4, 5, 6], timeZone: "Europe/Berlin", activeInstances: 4, idleInstances: 0 };
    const [nat] = networkCostsFor({ provider: "gcp", region: "europe-west3", ...live, schedule }, prices);
    // 4 instances × 6/24 of 730 h = 730 instance-hours.
    expect(nat.monthlyUsd).toBe(Math.round((730 * 0.0014 + 730 * 0.005) * 100) / 100);
  });

  it("AWS: one NAT gateway where the price page could be read (US East (Ohio)); elsewhere not estimated; none in the user's VPC", () => {
    expect(networkCostsFor({ provider: "aws", region: "us-east-2", ...live }, prices)).toEqual([
      {
        item: "NAT gateway",
        monthlyUsd: 32.85,
        note: "one gateway × 730 h × $0.045 (aws-vpc-pricing, 2026-09-20); its public IPv4 address and data through it ($0.045/GB: image pulls at every instance start) not estimated",
      },
    ]);
    const [elsewhere] = networkCostsFor({ provider: "aws", region: "eu-north-1", ...live }, prices);
    expect(elsewhere).toEqual({ item: "NAT gateway", monthlyUsd: null, note: expect.stringMatching(/^not estimated: no aws NAT gateway price for eu-north-1 could be read/) });
    expect(networkCostsFor({ provider: "aws", region: "us-east-2", ...live, vpcId: "vpc-0abc" }, prices)).toEqual([]);
  });

  it("Azure: not estimated (no price page could be read); the expected total adds only what is estimated", () => {
    const costs = networkCostsFor({ provider: "azure", region: "swedencentral", ...live }, prices);
    expect(costs.map((cost) => cost.monthlyUsd)).toEqual([null]);
    expect(expectedMonthlyCostUsd({ monthlyCostUsd: 130, networkCosts: costs })).toBe(130);
    expect(expectedMonthlyCostUsd({ monthlyCostUsd: 130, networkCosts: networkCostsFor({ provider: "gcp", region: "europe-north2", ...live }, prices) })).toBe(136.72);
  });
});
