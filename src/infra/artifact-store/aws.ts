// AWS: a private S3 bucket (public access blocked, ACLs off) holding the one uploaded file; read access is granted to
// IAM roles, each for exactly that object. See ./contract.ts for the interface the other clouds share.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { artifactObjectKey, hexOfBase64, type ArtifactStoreArgs } from "./contract.ts";

export interface AwsArtifactStoreArgs extends ArtifactStoreArgs {
  tags: Record<string, string>;
}

export class AwsArtifactStore extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly objectKey: string;
  readonly objectArn: pulumi.Output<string>;
  /** s3://bucket/models/<sha256>.onnx */
  readonly objectUri: pulumi.Output<string>;
  /** The uploaded object's sha256 as S3 computed it (hex): fails the update if it is not the file's. */
  readonly uploadedSha256: pulumi.Output<string>;
  private readonly child: pulumi.CustomResourceOptions;

  constructor(name: string, args: AwsArtifactStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:aws:ArtifactStore", name, {}, opts);
    this.child = { parent: this, ...(opts?.provider ? { provider: opts.provider } : {}) };
    const { tags } = args;
    // forceDestroy: the bucket holds nothing but this stack's artifact, which `pulumi destroy` should take along.
    this.bucket = new aws.s3.Bucket(name, { forceDestroy: true, tags }, this.child);
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      name,
      { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      this.child,
    );
    new aws.s3.BucketOwnershipControls(name, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, this.child);
    this.objectKey = artifactObjectKey(args.sha256);
    const object = new aws.s3.BucketObjectv2(
      name,
      { bucket: this.bucket.id, key: this.objectKey, source: new pulumi.asset.FileAsset(args.filePath), checksumAlgorithm: "SHA256", tags },
      { ...this.child, dependsOn: [publicAccessBlock] },
    );
    this.objectArn = pulumi.interpolate`${this.bucket.arn}/${this.objectKey}`;
    this.objectUri = pulumi.interpolate`s3://${this.bucket.bucket}/${this.objectKey}`;
    this.uploadedSha256 = object.checksumSha256.apply((base64) => {
      if (!base64) return args.sha256;
      const uploaded = hexOfBase64(base64);
      if (uploaded !== args.sha256) throw new pulumi.RunError(`S3 holds ${this.objectKey} with sha256 ${uploaded}, not ${args.sha256}: run pulumi up again`);
      return uploaded;
    });
    this.registerOutputs({ bucket: this.bucket.bucket, objectKey: this.objectKey, objectUri: this.objectUri, uploadedSha256: this.uploadedSha256 });
  }

  /** Lets the role read exactly this object (s3:GetObject on its ARN) and nothing else. */
  grantRead(name: string, role: aws.iam.Role): aws.iam.RolePolicy {
    const policy = this.objectArn.apply((objectArn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: objectArn }] }));
    return new aws.iam.RolePolicy(name, { role: role.id, policy }, this.child);
  }
}
