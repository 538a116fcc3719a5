// AWS: a private S3 bucket (public access blocked, objects owned by the bucket owner), the artifacts uploaded with a
// SHA-256 checksum S3 verifies and their sha256 as metadata, and an inline policy on the reader's role granting
// GetObject on exactly those objects (plus PutObject under the results prefix for a bench machine). See ./contract.ts.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { hexOfBase64, keySlug, storedKey, type ArtifactStoreArgs, type StoredArtifact } from "./contract.ts";

export class AwsArtifactStore extends pulumi.ComponentResource {
  /** The bucket's name, as AWS assigned it. */
  readonly bucket: pulumi.Output<string>;
  /** The reader's policy: instances that fetch at boot wait for it. */
  readonly readGrant: aws.iam.RolePolicy;
  private readonly artifacts: StoredArtifact[];

  constructor(name: string, args: ArtifactStoreArgs<{ roleName: pulumi.Input<string> }>, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:aws:ArtifactStore", name, {}, opts);
    const child = { parent: this, ...(opts?.provider ? { provider: opts.provider } : {}) };
    const tags = args.labels;
    // forceDestroy: the bucket holds only this stack's files (and what a bench machine wrote), which destroy takes along.
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: true, tags }, child);
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-private`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    new aws.s3.BucketOwnershipControls(`${name}-owner`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    // S3 computes each object's SHA-256 on upload: an update fails if it is not the file's.
    const uploadedSha256 = args.artifacts.map((artifact) => {
      const object = new aws.s3.BucketObjectv2(
        `${name}-${keySlug(artifact.key)}`,
        { bucket: bucket.id, key: artifact.key, source: new pulumi.asset.FileAsset(artifact.path), checksumAlgorithm: "SHA256", metadata: { sha256: artifact.sha256 }, tags },
        { ...child, dependsOn: [publicAccessBlock] },
      );
      return object.checksumSha256.apply((base64) => {
        const uploaded = base64 ? hexOfBase64(base64) : artifact.sha256;
        if (uploaded !== artifact.sha256) throw new pulumi.RunError(`S3 holds ${artifact.key} with sha256 ${uploaded}, not ${artifact.sha256}: run pulumi up again`);
        return uploaded;
      });
    });
    const statements = bucket.arn.apply((arn) => [
      { Sid: "ReadArtifacts", Effect: "Allow", Action: ["s3:GetObject"], Resource: args.artifacts.map((artifact) => `${arn}/${artifact.key}`) },
      ...(args.resultsPrefix ? [{ Sid: "WriteResults", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${arn}/${args.resultsPrefix}*`] }] : []),
    ]);
    this.readGrant = new aws.iam.RolePolicy(`${name}-access`, { role: args.reader.roleName, policy: statements.apply((list) => JSON.stringify({ Version: "2012-10-17", Statement: list })) }, child);
    this.bucket = bucket.bucket;
    this.artifacts = args.artifacts;
    this.registerOutputs({ bucket: this.bucket, uploadedSha256 });
  }

  /** s3://bucket/key */
  objectUri(key: string): pulumi.Output<string> {
    return pulumi.interpolate`s3://${this.bucket}/${storedKey(this.artifacts, key)}`;
  }
}
