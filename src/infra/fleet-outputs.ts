import type * as pulumi from "@pulumi/pulumi";
import { expectedMonthlyCostUsd, type NetworkCost, type StackConfig } from "../domain/stack-config.ts";

/** The stack outputs every cloud's fleet reports: where to call it and what it is expected to cost and emit. */
export interface FleetOutputs {
  endpointUrl: pulumi.Output<string>;
  provider: string;
  region: string;
  instanceType: string;
  accelerator: string;
  instancesMin: number;
  instancesDesired: number;
  instancesMax: number;
  modelName: string;
  inferUrlPath: string;
  /** The plan's monthly cost plus what the deployment adds (NAT) where a sourced price exists; see networkCosts. */
  expectedMonthlyCostUsd: number;
  networkCosts: NetworkCost[];
  expectedMonthlyKgCo2e: number;
  gCo2ePerThousandInferences: number;
  planId: string;
  /** The served file's sha256: the object is named after it and every instance checks it. */
  artifactSha256: string;
}

export function fleetOutputs(config: StackConfig, endpointUrl: pulumi.Output<string>): FleetOutputs {
  return {
    endpointUrl,
    provider: config.provider,
    region: config.region,
    instanceType: config.instanceType,
    accelerator: config.accelerator ? `${config.accelerator.count}x ${config.accelerator.model}` : "none",
    instancesMin: config.instances.min,
    instancesDesired: config.instances.desired,
    instancesMax: config.instances.max,
    modelName: config.modelName,
    inferUrlPath: `/v2/models/${config.modelName}/infer`,
    expectedMonthlyCostUsd: expectedMonthlyCostUsd(config),
    networkCosts: config.networkCosts,
    expectedMonthlyKgCo2e: config.monthlyKgCo2e,
    gCo2ePerThousandInferences: config.gCo2ePerThousandInferences,
    planId: config.planId,
    artifactSha256: config.artifactSha256,
  };
}
