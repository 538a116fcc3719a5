import type { Figure } from "../../src/domain/figure.ts";
import { roundTo } from "./instances-csv.ts";
import { instanceSourceIds } from "./instances-sources.ts";

/** Baseline utilization per vCPU of T3 and T4g sizes (AWS EC2 User Guide credit table; the same for both families). */
const awsBaselineShareBySize: Record<string, number> = {
  nano: 0.05,
  micro: 0.1,
  small: 0.2,
  medium: 0.2,
  large: 0.3,
  xlarge: 0.4,
  "2xlarge": 0.4,
};

export const burstableAwsFamilies = new Set(["t3", "t4g"]);

/** t3.large: 2 vCPUs x 30% = 0.6 vCPUs sustained. */
export function awsBurstableBaseline(instanceType: string, vcpus: number): { baselineVcpus: Figure } {
  const size = instanceType.split(".")[1];
  const share = awsBaselineShareBySize[size];
  if (share === undefined) throw new Error(`no burstable baseline for ${instanceType}`);
  return {
    baselineVcpus: {
      value: roundTo(vcpus * share, 4),
      source: instanceSourceIds.awsBurstableBaselines,
      asOf: "2026-08",
      method: `${vcpus} vCPUs x ${share * 100}% baseline utilization per vCPU`,
    },
  };
}

/** GCP's E2 shared-core types: Google bills a fraction of a vCPU and lets the VM burst on two. */
export const gcpSharedCoreTypes = new Set(["e2-micro", "e2-small", "e2-medium"]);

/**
 * The price table's vCPU column is the billed fraction (0.25, 0.5, 1); the VM itself sees the vCPUs CCF's machine
 * table gives it (2), which the catalog lists, with the fraction as its sustained baseline.
 */
export function gcpSharedCoreBaseline(billedVcpus: number, vcpus: number, pricesSource: string, asOf: string): { baselineVcpus: Figure } {
  return {
    baselineVcpus: {
      value: billedVcpus,
      source: pricesSource,
      asOf,
      method: `the fractional vCPU Google bills for this shared-core type, time-shared over its ${vcpus} vCPUs`,
    },
  };
}
