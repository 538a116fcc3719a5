// GCP: a private Cloud Storage bucket in the region (uniform bucket-level access, public access prevention
// enforced), the artifacts uploaded with their sha256 as metadata (Cloud Storage keeps MD5 and CRC32C, not SHA-256:
// readers check it themselves), and IAM bindings conditioned on object names: the reader may view exactly those
// objects (plus create objects under the results prefix for a bench machine). See ./contract.ts.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { keySlug, storedKey, type ArtifactStoreArgs, type StoredArtifact } from "./contract.ts";

/** Lets a member read objects, and nothing else (no listing of other buckets, no writes). */
export const GCP_OBJECT_READER_ROLE = "roles/storage.objectViewer";

export interface GcpArtifactStoreArgs extends ArtifactStoreArgs<{ serviceAccountEmail: pulumi.Input<string> }> {
  region: string;
  /** A globally unique bucket name; default: one Pulumi derives from the resource name. */
  bucketName?: string;
}

export class GcpArtifactStore extends pulumi.ComponentResource {
  readonly bucket: pulumi.Output<string>;
  /** The reader's binding: instances that fetch at boot wait for it. */
  readonly readGrant: gcp.storage.BucketIAMMember;
  private readonly artifacts: StoredArtifact[];

  constructor(name: string, args: GcpArtifactStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:gcp:ArtifactStore", name, {}, opts);
    const child = { parent: this, ...(opts?.provider ? { provider: opts.provider } : {}) };
    // forceDestroy: the bucket holds only this stack's files (and what a bench machine wrote), which destroy takes along.
    const bucket = new gcp.storage.Bucket(
      `${name}-bucket`,
      {
        ...(args.bucketName ? { name: args.bucketName } : {}),
        location: args.region.toUpperCase(),
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        forceDestroy: true,
        labels: args.labels,
      },
      child,
    );
    for (const artifact of args.artifacts) {
      new gcp.storage.BucketObject(
        `${name}-${keySlug(artifact.key)}`,
        { bucket: bucket.name, name: artifact.key, source: new pulumi.asset.FileAsset(artifact.path), metadata: { sha256: artifact.sha256 } },
        child,
      );
    }
    const member = pulumi.interpolate`serviceAccount:${args.reader.serviceAccountEmail}`;
    const objectsNamed = bucket.name.apply((bucketName) => args.artifacts.map((artifact) => `resource.name == "projects/_/buckets/${bucketName}/objects/${artifact.key}"`).join(" || "));
    this.readGrant = new gcp.storage.BucketIAMMember(
      `${name}-read`,
      { bucket: bucket.name, role: GCP_OBJECT_READER_ROLE, member, condition: { title: "the stored artifacts only", expression: objectsNamed } },
      child,
    );
    if (args.resultsPrefix) {
      new gcp.storage.BucketIAMMember(
        `${name}-write-results`,
        {
          bucket: bucket.name,
          role: "roles/storage.objectCreator",
          member,
          condition: { title: "results only", expression: pulumi.interpolate`resource.name.startsWith("projects/_/buckets/${bucket.name}/objects/${args.resultsPrefix}")` },
        },
        child,
      );
    }
    this.bucket = bucket.name;
    this.artifacts = args.artifacts;
    this.registerOutputs({ bucket: this.bucket });
  }

  /** gs://bucket/key */
  objectUri(key: string): pulumi.Output<string> {
    return pulumi.interpolate`gs://${this.bucket}/${storedKey(this.artifacts, key)}`;
  }
}
