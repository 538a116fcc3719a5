// A private bucket (or container) per cloud holding one uploaded file, readable only by the identities it is
// granted to. The inference fleets use it for the model artifact; the benchmark fleet reuses it as it is.
//
//   const store = new AwsArtifactStore(name, { filePath, sha256, tags }, { parent, provider });   // or Gcp…, Azure…
//   store.objectUri      // s3://bucket/models/<sha256>.onnx, gs://…, https://<account>.blob.core.windows.net/…
//   store.grantRead(name, identity)   // AWS: an IAM role; GCP: an IAM member ("serviceAccount:…"); Azure: a principal ID
//
// The object is named after the file's sha256 (models/<sha256>.onnx), so a new file is a new object and instances
// replaced by a rolling update fetch the new one. The caller checks the file against the sha256 before (see
// localArtifact in ../artifact-file.ts); readers check what they fetched against it too (../model-fetch.ts).
import { createHash } from "node:crypto";

export interface ArtifactStoreArgs {
  /** The file to upload: an absolute path (or one relative to the working directory). */
  filePath: string;
  /** Its sha256, 64 hex digits. */
  sha256: string;
}

export function artifactObjectKey(sha256: string): string {
  return `models/${sha256}.onnx`;
}

/** Hex sha256 from the base64 form S3 reports (ChecksumSHA256). */
export function hexOfBase64(base64: string): string {
  return Buffer.from(base64, "base64").toString("hex");
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
