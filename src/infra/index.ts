// The Pulumi program (Pulumi.yaml: main). It reads the `wattplan:` stack config written by `wattplan emit`,
// validates it with the schema emit used, and builds the fleet on the planned cloud. Pulumi's Node.js runtime
// imports this module (tsx loads the TypeScript: nodeargs "--import tsx") and calls the default export; what it
// returns becomes the stack outputs.
import * as pulumi from "@pulumi/pulumi";
import { STACK_CONFIG_NAMESPACE, type StackConfig } from "../domain/stack-config.ts";
import type { FleetOutputs } from "./fleet-outputs.ts";
import { StackConfigError } from "../errors.ts";
import { localArtifact, projectRoot } from "./artifact-file.ts";
import { parseStackConfig } from "./read-config.ts";

/** Every `wattplan:` key of the stack, raw, so a misspelt key is reported instead of silently ignored. */
function rawWattplanConfig(): Record<string, string | undefined> {
  const config = new pulumi.Config(STACK_CONFIG_NAMESPACE);
  const prefix = `${STACK_CONFIG_NAMESPACE}:`;
  const keys = Object.keys(pulumi.runtime.allConfig())
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
  return Object.fromEntries(keys.map((key) => [key, config.get(key)]));
}

function readStackConfig(): StackConfig {
  try {
    return parseStackConfig(rawWattplanConfig());
  } catch (error) {
    // RunError: Pulumi prints the message alone, without a stack trace; the hint goes on the same line.
    if (error instanceof StackConfigError) throw new pulumi.RunError(error.hint ? `${error.message}; ${error.hint}` : error.message);
    throw error;
  }
}

export default async function wattplanFleet(): Promise<FleetOutputs> {
  const config = readStackConfig();
  // Checked before any resource: a missing or stale artifact fails in one line with nothing created.
  const artifactFile = localArtifact(config, projectRoot());
  const name = `wattplan-${pulumi.getStack()}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 30).replace(/-+$/, "");
  switch (config.provider) {
    case "aws": {
      const { deployAwsFleet } = await import("./aws-fleet.ts");
      return (await deployAwsFleet(name, config, artifactFile)).outputs;
    }
    case "gcp": {
      const { GcpInferenceFleet } = await import("./gcp-fleet.ts");
      return new GcpInferenceFleet(name, { config, project: new pulumi.Config("gcp").get("project"), artifactFile }).outputs;
    }
    case "azure": {
      const { AzureInferenceFleet } = await import("./azure-fleet.ts");
      return new AzureInferenceFleet(name, { config, artifactFile }).outputs;
    }
  }
}
