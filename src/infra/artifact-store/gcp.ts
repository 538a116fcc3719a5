// GCP: a private Cloud Storage bucket in the fleet's region (uniform bucket-level access, public access prevention
// enforced) holding the one uploaded file; read access is granted to IAM members on the bucket, which holds nothing
// else. Cloud Storage keeps MD5 and CRC32C, not SHA-256: readers check the sha256 themselves. See ./contract.ts.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { artifactObjectKey, type ArtifactStoreArgs } from "./contract.ts";

export interface GcpArtifactStoreArgs extends ArtifactStoreArgs {
  region: string;
  labels: Record<string, string>;
}

/** Lets a member read objects, and nothing else (no listing of other buckets, no writes). */
export const GCP_OBJECT_READER_ROLE = "roles/storage.objectViewer";

export class GcpArtifactStore extends pulumi.ComponentResource {
  readonly bucket: gcp.storage.Bucket;
  readonly objectName: string;
  /** gs://bucket/models/<sha256>.onnx */
  readonly objectUri: pulumi.Output<string>;
  private readonly child: pulumi.CustomResourceOptions;

  constructor(name: string, args: GcpArtifactStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:gcp:ArtifactStore", name, {}, opts);
    this.child = { parent: this, ...(opts?.provider ? { provider: opts.provider } : {}) };
    this.bucket = new gcp.storage.Bucket(
      name,
      { location: args.region.toUpperCase(), uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", forceDestroy: true, labels: args.labels },
      this.child,
    );
    this.objectName = artifactObjectKey(args.sha256);
    new gcp.storage.BucketObject(name, { bucket: this.bucket.name, name: this.objectName, source: new pulumi.asset.FileAsset(args.filePath), contentType: "application/octet-stream" }, this.child);
    this.objectUri = pulumi.interpolate`gs://${this.bucket.name}/${this.objectName}`;
    this.registerOutputs({ bucket: this.bucket.name, objectName: this.objectName, objectUri: this.objectUri });
  }

  /** Lets the member (e.g. "serviceAccount:…") read the bucket's objects: the one file. */
  grantRead(name: string, member: pulumi.Input<string>): gcp.storage.BucketIAMMember {
    return new gcp.storage.BucketIAMMember(name, { bucket: this.bucket.name, role: GCP_OBJECT_READER_ROLE, member }, this.child);
  }
}
