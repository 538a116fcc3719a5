// The model a fleet serves, as its resources show it: each instance's boot script checks the planned sha256 before
// Triton starts, the uploaded object is named after it, and the bucket or container holding it is private. Pure.
import type { PolicyResource } from "@pulumi/policy";
import { record, text, type ComputePlacement, type ResourceView } from "./compute-checks.ts";
import type { Allowance } from "./plan-view.ts";

const decode = (value: unknown) => (text(value) ? Buffer.from(text(value) as string, "base64").toString("utf8") : undefined);

/** The boot script a compute resource hands its instances (AWS and Azure base64-encode it; GCP keeps it as metadata). */
export function bootScriptOf(resource: ResourceView): string | undefined {
  const props = resource.props;
  switch (resource.type) {
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return decode(props.userData);
    case "aws:ec2/instance:Instance":
      return text(props.userData) ?? decode(props.userDataBase64);
    case "gcp:compute/instanceTemplate:InstanceTemplate":
    case "gcp:compute/instance:Instance":
      return text(record(props.metadata)["startup-script"]) ?? text(props.metadataStartupScript);
    case "azure-native:compute:VirtualMachineScaleSet":
      return decode(record(record(props.virtualMachineProfile).osProfile).customData);
    default:
      return undefined;
  }
}

const checksTheSha256 = (script: string, sha256: string) => new RegExp(`echo '${sha256}  [^']+' \\| sha256sum --check`).test(script);

/** Instances must check what they fetched against the planned sha256 (where the plan view knows it) before serving it. */
export function bootScriptArtifactViolations(resource: ResourceView, placement: ComputePlacement, allowances: Allowance[]): string[] {
  const planned = [...new Set(allowances.filter((allowance) => allowance.provider === placement.provider && allowance.artifactSha256).map((allowance) => allowance.artifactSha256 as string))];
  if (planned.length === 0) return [];
  const script = bootScriptOf(resource);
  if (script !== undefined && planned.some((sha256) => checksTheSha256(script, sha256))) return [];
  return [`the instances' boot script does not check the model against the planned sha256 (${planned.map((sha256) => sha256.slice(0, 12)).join(" or ")}) before Triton starts`];
}

/** The key of an uploaded model object (S3 object, Cloud Storage object, Azure blob); undefined for other resources. */
export function uploadedObjectKey(resource: ResourceView): string | undefined {
  switch (resource.type) {
    case "aws:s3/bucketObjectv2:BucketObjectv2":
    case "aws:s3/bucketObject:BucketObject":
      return text(resource.props.key);
    case "gcp:storage/bucketObject:BucketObject":
      return text(resource.props.name);
    case "azure-native:storage:Blob": {
      // The container is the key's first segment (src/infra/artifact-store/azure.ts).
      const container = text(resource.props.containerName);
      const blob = text(resource.props.blobName);
      return container && blob ? `${container}/${blob}` : undefined;
    }
    default:
      return undefined;
  }
}

/** A model object wattplan uploads (models/<sha256>.onnx) must be the planned artifact. */
export function uploadedArtifactViolations(resource: ResourceView, allowances: Allowance[]): string[] {
  const key = uploadedObjectKey(resource);
  const uploaded = key ? /^models\/([0-9a-f]{64})\.onnx$/.exec(key)?.[1] : undefined;
  const planned = [...new Set(allowances.map((allowance) => allowance.artifactSha256).filter((sha256): sha256 is string => sha256 !== undefined))];
  if (!uploaded || planned.length === 0 || planned.includes(uploaded)) return [];
  return [`the uploaded model ${key} is not the planned artifact (sha256 ${planned.map((sha256) => sha256.slice(0, 12)).join(" or ")})`];
}

/** Buckets and containers stay private: nothing in them is readable without an identity. */
export function publicStorageViolations(resource: ResourceView): string[] {
  const props = resource.props;
  switch (resource.type) {
    case "gcp:storage/bucket:Bucket":
      return props.publicAccessPrevention === "enforced" && props.uniformBucketLevelAccess === true
        ? []
        : ["this bucket is not private: set publicAccessPrevention \"enforced\" and uniformBucketLevelAccess true"];
    case "azure-native:storage:StorageAccount":
      return props.allowBlobPublicAccess === false ? [] : ["this storage account allows anonymous blob access: set allowBlobPublicAccess false"];
    case "azure-native:storage:BlobContainer":
      return props.publicAccess === undefined || props.publicAccess === "None" ? [] : [`this container is public (publicAccess ${String(props.publicAccess)}): set it to "None"`];
    default:
      return [];
  }
}

/**
 * Every S3 bucket of the stack has a public access block with all four settings on. The block names its bucket by
 * ID, unknown until the bucket exists; its dependency on the bucket names it in a preview too.
 */
export function bucketsWithoutPublicAccessBlock(resources: Pick<PolicyResource, "type" | "name" | "props" | "urn" | "dependencies">[]): string[] {
  const blocked = new Set(
    resources
      .filter((resource) => resource.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
      .filter((resource) => ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((key) => resource.props[key] === true))
      .flatMap((resource) => (resource.dependencies ?? []).map((dependency) => dependency.urn)),
  );
  return resources
    .filter((resource) => (resource.type === "aws:s3/bucket:Bucket" || resource.type === "aws:s3/bucketV2:BucketV2") && !blocked.has(resource.urn))
    .map((bucket) => `S3 bucket ${bucket.name} has no public access block with all four settings on`);
}
