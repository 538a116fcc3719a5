// Azure: a storage account without anonymous access (TLS 1.2, HTTPS only) and a private container holding the one
// uploaded blob; read access is granted to principals as Storage Blob Data Reader on that container. Shared-key
// access stays on: azure-native uploads a Blob with the account key and cannot with keys off (pulumi-azure-native
// issue 2015); nothing anonymous can read, and readers use their Entra identity. See ./contract.ts.
import * as authorization from "@pulumi/azure-native/authorization";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { artifactObjectKey, type ArtifactStoreArgs } from "./contract.ts";

export interface AzureArtifactStoreArgs extends ArtifactStoreArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  tags: Record<string, string>;
}

/** Azure's built-in role "Storage Blob Data Reader": read blobs and list containers' blobs, no writes. */
export const STORAGE_BLOB_DATA_READER_ROLE_ID = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
const CONTAINER = "models";

/** Storage account names: 3–24 lowercase letters and digits; azure-native appends 8 random characters to this. */
export function storageAccountLogicalName(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}`.slice(0, 16) || "wattplanmodels";
}

export class AzureArtifactStore extends pulumi.ComponentResource {
  readonly account: storage.StorageAccount;
  readonly container: storage.BlobContainer;
  readonly blobName: string;
  /** https://<account>.blob.core.windows.net/models/models/<sha256>.onnx: readers present an Entra token for storage. */
  readonly objectUri: pulumi.Output<string>;
  private readonly child: pulumi.CustomResourceOptions;

  constructor(name: string, args: AzureArtifactStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:azure:ArtifactStore", name, {}, opts);
    this.child = { parent: this, ...(opts?.provider ? { provider: opts.provider } : {}) };
    const { resourceGroupName, location, tags } = args;
    this.account = new storage.StorageAccount(
      storageAccountLogicalName(name),
      {
        resourceGroupName,
        location,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowSharedKeyAccess: true,
        tags,
      },
      this.child,
    );
    this.container = new storage.BlobContainer(name, { resourceGroupName, accountName: this.account.name, containerName: CONTAINER, publicAccess: "None" }, this.child);
    this.blobName = artifactObjectKey(args.sha256);
    new storage.Blob(
      name,
      {
        resourceGroupName,
        accountName: this.account.name,
        containerName: this.container.name,
        blobName: this.blobName,
        source: new pulumi.asset.FileAsset(args.filePath),
        type: "Block",
        contentType: "application/octet-stream",
      },
      this.child,
    );
    this.objectUri = pulumi.interpolate`https://${this.account.name}.blob.core.windows.net/${CONTAINER}/${this.blobName}`;
    this.registerOutputs({ account: this.account.name, blobName: this.blobName, objectUri: this.objectUri });
  }

  /** Lets the principal (a managed identity's principal ID) read the container's blobs: the one file. */
  grantRead(name: string, principalId: pulumi.Input<string>): authorization.RoleAssignment {
    const subscriptionId = authorization.getClientConfigOutput(this.child).subscriptionId;
    return new authorization.RoleAssignment(
      name,
      {
        principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_READER_ROLE_ID}`,
        scope: this.container.id,
      },
      this.child,
    );
  }
}
