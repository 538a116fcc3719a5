// AWS: a private S3 bucket (public access blocked, objects owned by the bucket owner), the artifacts uploaded with a
// SHA-256 checksum S3 verifies, and an inline policy on the reader's role granting GetObject on exactly those objects
// (plus PutObject under results/ for a bench machine).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ArtifactStoreArgs } from "./artifact-store.ts";
import { RESULTS_PREFIX } from "./results-layout.ts";

export class AwsArtifactStore extends pulumi.ComponentResource {
  readonly bucket: pulumi.Output<string>;

  constructor(name: string, args: ArtifactStoreArgs<{ roleName: pulumi.Input<string> }>, opts: pulumi.ComponentResourceOptions & { provider: aws.Provider }) {
    super("wattplan:aws:ArtifactStore", name, {}, opts);
    const child = { parent: this, provider: opts.provider };
    // Results are written by the machine, not by Pulumi: destroying must empty the bucket.
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: args.resultsWriter, tags: args.labels }, child);
    new aws.s3.BucketPublicAccessBlock(`${name}-private`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, child);
    new aws.s3.BucketOwnershipControls(`${name}-owner`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    for (const artifact of args.artifacts) {
      new aws.s3.BucketObjectv2(
        `${name}-${artifact.key.replace(/[^a-z0-9]+/gi, "-")}`,
        { bucket: bucket.id, key: artifact.key, source: new pulumi.asset.FileAsset(artifact.path), checksumAlgorithm: "SHA256", metadata: { sha256: artifact.sha256 }, tags: args.labels },
        child,
      );
    }
    const statements = pulumi.all([bucket.arn]).apply(([arn]) => [
      { Sid: "ReadArtifacts", Effect: "Allow", Action: ["s3:GetObject"], Resource: args.artifacts.map((artifact) => `${arn}/${artifact.key}`) },
      ...(args.resultsWriter ? [{ Sid: "WriteResults", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${arn}/${RESULTS_PREFIX}*`] }] : []),
    ]);
    new aws.iam.RolePolicy(`${name}-access`, { role: args.reader.roleName, policy: statements.apply((list) => JSON.stringify({ Version: "2012-10-17", Statement: list })) }, child);
    this.bucket = bucket.bucket;
    this.registerOutputs({ bucket: this.bucket });
  }
}
