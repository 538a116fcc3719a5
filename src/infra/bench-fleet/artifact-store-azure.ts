// Azure: a storage account of its own (no public blob access, TLS 1.2), the artifacts as block blobs with their sha256
// as metadata in an "inputs" container, and role assignments scoped to containers: Storage Blob Data Reader on
// inputs for the reader, and for a bench machine Storage Blob Data Contributor on a "results" container (a role is
// scoped to a container at the finest without conditions, hence two containers instead of a prefix).
import * as authorization from "@pulumi/azure-native/authorization";
import type { Provider } from "@pulumi/azure-native/provider";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import type { ArtifactStoreArgs } from "./artifact-store.ts";
import { AZURE_CONTAINERS, INPUTS_PREFIX } from "./results-layout.ts";

/** Azure's built-in role ids (the same in every cloud and tenant). */
export const AZURE_ROLES = {
  storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
} as const;

export interface AzureArtifactStoreArgs extends ArtifactStoreArgs<{ principalId: pulumi.Input<string> }> {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  /** 3–24 lowercase letters and digits, unique across Azure. */
  accountName: string;
  /** Who else may read the results (the person running `bench --on`: Azure's data plane needs a role even for owners). */
  resultsReaderPrincipalId?: pulumi.Input<string>;
}

export class AzureArtifactStore extends pulumi.ComponentResource {
  readonly blobEndpoint: pulumi.Output<string>;

  constructor(name: string, args: AzureArtifactStoreArgs, opts: pulumi.ComponentResourceOptions & { provider: Provider }) {
    super("wattplan:azure:ArtifactStore", name, {}, opts);
    const child = { parent: this, provider: opts.provider };
    const { resourceGroupName } = args;
    const account = new storage.StorageAccount(
      `${name}-account`,
      {
        accountName: args.accountName,
        resourceGroupName,
        location: args.location,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        tags: args.labels,
      },
      child,
    );
    const container = (containerName: string) =>
      new storage.BlobContainer(`${name}-${containerName}`, { containerName, accountName: account.name, resourceGroupName, publicAccess: "None" }, child);
    const inputs = container(AZURE_CONTAINERS.inputs);
    for (const artifact of args.artifacts) {
      new storage.Blob(
        `${name}-${artifact.key.replace(/[^a-z0-9]+/gi, "-")}`,
        {
          accountName: account.name,
          resourceGroupName,
          containerName: AZURE_CONTAINERS.inputs,
          blobName: artifact.key.slice(INPUTS_PREFIX.length),
          type: "Block",
          source: new pulumi.asset.FileAsset(artifact.path),
          metadata: { sha256: artifact.sha256 },
        },
        { ...child, dependsOn: [inputs] },
      );
    }
    const client = authorization.getClientConfigOutput(child);
    const role = (id: string) => pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
    new authorization.RoleAssignment(
      `${name}-read`,
      { principalId: args.reader.principalId, principalType: "ServicePrincipal", roleDefinitionId: role(AZURE_ROLES.storageBlobDataReader), scope: inputs.id },
      child,
    );
    if (args.resultsWriter) {
      const results = container(AZURE_CONTAINERS.results);
      new authorization.RoleAssignment(
        `${name}-write-results`,
        { principalId: args.reader.principalId, principalType: "ServicePrincipal", roleDefinitionId: role(AZURE_ROLES.storageBlobDataContributor), scope: results.id },
        child,
      );
      if (args.resultsReaderPrincipalId) {
        new authorization.RoleAssignment(`${name}-read-results`, { principalId: args.resultsReaderPrincipalId, roleDefinitionId: role(AZURE_ROLES.storageBlobDataReader), scope: results.id }, child);
      }
    }
    this.blobEndpoint = account.primaryEndpoints.blob;
    this.registerOutputs({ blobEndpoint: this.blobEndpoint });
  }
}
