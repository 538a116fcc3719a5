// GCP: a private Cloud Storage bucket (uniform bucket-level access, public access prevented), the artifacts uploaded
// with their sha256 as metadata, and IAM bindings conditioned on object names: the reader may view exactly those
// objects (plus create objects under results/ for a bench machine).
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { ArtifactStoreArgs } from "./artifact-store.ts";
import { RESULTS_PREFIX } from "./results-layout.ts";

export interface GcpArtifactStoreArgs extends ArtifactStoreArgs<{ serviceAccountEmail: pulumi.Input<string> }> {
  /** The globally unique bucket name. */
  bucketName: string;
  location: string;
}

export class GcpArtifactStore extends pulumi.ComponentResource {
  readonly bucket: pulumi.Output<string>;

  constructor(name: string, args: GcpArtifactStoreArgs, opts: pulumi.ComponentResourceOptions & { provider: gcp.Provider }) {
    super("wattplan:gcp:ArtifactStore", name, {}, opts);
    const child = { parent: this, provider: opts.provider };
    const bucket = new gcp.storage.Bucket(
      `${name}-bucket`,
      { name: args.bucketName, location: args.location, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", forceDestroy: args.resultsWriter, labels: args.labels },
      child,
    );
    for (const artifact of args.artifacts) {
      new gcp.storage.BucketObject(
        `${name}-${artifact.key.replace(/[^a-z0-9]+/gi, "-")}`,
        { bucket: bucket.name, name: artifact.key, source: new pulumi.asset.FileAsset(artifact.path), metadata: { sha256: artifact.sha256 } },
        child,
      );
    }
    const member = pulumi.interpolate`serviceAccount:${args.reader.serviceAccountEmail}`;
    const objectsNamed = (names: string[]) => names.map((objectName) => `resource.name == "projects/_/buckets/${args.bucketName}/objects/${objectName}"`).join(" || ");
    new gcp.storage.BucketIAMMember(
      `${name}-read`,
      { bucket: bucket.name, role: "roles/storage.objectViewer", member, condition: { title: "the stored artifacts only", expression: objectsNamed(args.artifacts.map((artifact) => artifact.key)) } },
      child,
    );
    if (args.resultsWriter) {
      new gcp.storage.BucketIAMMember(
        `${name}-write-results`,
        {
          bucket: bucket.name,
          role: "roles/storage.objectCreator",
          member,
          condition: { title: "results only", expression: `resource.name.startsWith("projects/_/buckets/${args.bucketName}/objects/${RESULTS_PREFIX}")` },
        },
        child,
      );
    }
    this.bucket = bucket.name;
    this.registerOutputs({ bucket: this.bucket });
  }
}
