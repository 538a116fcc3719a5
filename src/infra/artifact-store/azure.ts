// Azure: a storage account of the stack's own (no anonymous blob access, TLS 1.2, HTTPS only), the artifacts as block
// blobs with their sha256 as metadata, and role assignments scoped to containers (the finest scope a role takes
// without conditions): Storage Blob Data Reader on the artifacts' container for the reader, and for a bench machine
// Storage Blob Data Contributor on the results container. A key's first segment names its container. Shared-key
// access stays on: azure-native uploads a Blob with the account key and cannot with keys off (pulumi-azure-native
// issue 2015); nothing anonymous can read, and readers use their Entra identity. See ./contract.ts.
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import * as storage from "@pulumi/azure-native/storage/index.js";
import * as pulumi from "@pulumi/pulumi";
import { keySlug, storedKey, type ArtifactStoreArgs, type StoredArtifact } from "./contract.ts";

/** Azure's built-in role ids (the same in every cloud and tenant). */
export const AZURE_ROLES = {
  storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
} as const;

export interface AzureArtifactStoreArgs extends ArtifactStoreArgs<{ principalId: pulumi.Input<string> }> {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  /** 3–24 lowercase letters and digits, unique across Azure; default: one azure-native derives from the resource name. */
  accountName?: string;
  /** Who else may read the results (the person running `bench --on`: Azure's data plane needs a role even for owners). */
  resultsReaderPrincipalId?: pulumi.Input<string>;
}

/** "models/<sha256>.onnx" → container "models", blob "<sha256>.onnx". */
export function azureBlobOf(key: string): { container: string; blob: string } {
  const slash = key.indexOf("/");
  if (slash <= 0) throw new Error(`an Azure artifact key needs a container segment: ${key}`);
  return { container: key.slice(0, slash), blob: key.slice(slash + 1) };
}

/** Storage account names: 3–24 lowercase letters and digits; azure-native appends 8 random characters to this. */
function storageAccountLogicalName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 16) || "wattplanstore";
}

export class AzureArtifactStore extends pulumi.ComponentResource {
  /** https://<account>.blob.core.windows.net/ */
  readonly blobEndpoint: pulumi.Output<string>;
  /** The reader's role assignment: role assignments take minutes to reach the storage service, so readers wait for it. */
  readonly readGrant: authorization.RoleAssignment;
  private readonly artifacts: StoredArtifact[];

  constructor(name: string, args: AzureArtifactStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:azure:ArtifactStore", name, {}, opts);
    const child = { parent: this, ...(opts?.provider ? { provider: opts.provider } : {}) };
    const { resourceGroupName, location } = args;
    const containers = [...new Set(args.artifacts.map((artifact) => azureBlobOf(artifact.key).container))];
    if (containers.length !== 1) throw new Error(`an Azure artifact store holds one container of artifacts, not ${containers.join(", ")}`);
    const account = new storage.StorageAccount(
      storageAccountLogicalName(name),
      {
        ...(args.accountName ? { accountName: args.accountName } : {}),
        resourceGroupName,
        location,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowSharedKeyAccess: true,
        tags: args.labels,
      },
      child,
    );
    const container = (containerName: string) =>
      new storage.BlobContainer(`${name}-${containerName}`, { containerName, accountName: account.name, resourceGroupName, publicAccess: "None" }, child);
    const inputs = container(containers[0]);
    for (const artifact of args.artifacts) {
      new storage.Blob(
        `${name}-${keySlug(artifact.key)}`,
        {
          accountName: account.name,
          resourceGroupName,
          containerName: containers[0],
          blobName: azureBlobOf(artifact.key).blob,
          type: "Block",
          source: new pulumi.asset.FileAsset(artifact.path),
          metadata: { sha256: artifact.sha256 },
        },
        { ...child, dependsOn: [inputs] },
      );
    }
    const client = authorization.getClientConfigOutput(child);
    const role = (id: string) => pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
    this.readGrant = new authorization.RoleAssignment(
      `${name}-read`,
      { principalId: args.reader.principalId, principalType: "ServicePrincipal", roleDefinitionId: role(AZURE_ROLES.storageBlobDataReader), scope: inputs.id },
      child,
    );
    if (args.resultsPrefix) {
      const results = container(azureBlobOf(args.resultsPrefix).container);
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
    this.artifacts = args.artifacts;
    this.registerOutputs({ blobEndpoint: this.blobEndpoint });
  }

  /** https://<account>.blob.core.windows.net/<container>/<blob>: readers present an Entra token for storage. */
  objectUri(key: string): pulumi.Output<string> {
    const { container, blob } = azureBlobOf(storedKey(this.artifacts, key));
    return pulumi.interpolate`${this.blobEndpoint}${container}/${blob}`;
  }
}
