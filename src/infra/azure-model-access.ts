// The Azure fleet's identity and its model: a user-assigned managed identity for the scale set, the artifact in a
// storage account of the fleet's own (uploaded here) that only this identity may read, or the user's https URL.
import type * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type { Provider } from "@pulumi/azure-native/provider.js";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { AzureArtifactStore } from "./artifact-store/azure.ts";
import { modelArtifact } from "./artifact-file.ts";
import type { ModelSource } from "./model-fetch.ts";

export interface AzureModelAccess {
  identity: managedidentity.UserAssignedIdentity;
  source: pulumi.Output<ModelSource>;
  /** The read grant: the scale set waits for it (role assignments take minutes to reach the storage service). */
  grant?: authorization.RoleAssignment;
}

export interface AzureModelAccessArgs {
  name: string;
  config: StackConfig;
  resourceGroupName: pulumi.Input<string>;
  tags: Record<string, string>;
  /** The checked artifact to upload (see localArtifact); absent when the fleet fetches wattplan:modelUri. */
  artifactFile?: string;
  child: { parent: pulumi.Resource; provider: Provider };
}

export function azureModelAccess({ name, config, resourceGroupName, tags, artifactFile, child }: AzureModelAccessArgs): AzureModelAccess {
  const identity = new managedidentity.UserAssignedIdentity(`${name}-instances`, { resourceGroupName, location: config.region, tags }, child);
  if (!artifactFile) return { identity, source: pulumi.output({ uri: config.modelUri as string }) };
  const artifact = modelArtifact(config, artifactFile);
  const store = new AzureArtifactStore(
    `${name}-artifact`,
    { artifacts: [artifact], reader: { principalId: identity.principalId }, resourceGroupName, location: config.region, labels: tags },
    child,
  );
  return {
    identity,
    source: pulumi.all([store.objectUri(artifact.key), identity.clientId]).apply(([uri, azureIdentityClientId]) => ({ uri, azureIdentityClientId })),
    grant: store.readGrant,
  };
}
