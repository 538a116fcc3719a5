// A private bucket (or storage account) per cloud holding uploaded files, readable by exactly one identity. Both
// Pulumi programs use it: the inference fleet for its model artifact (one object, models/<sha256>.onnx) and the
// benchmark fleet for a bench machine's inputs (the model and this wattplan's package), where the same identity may
// also create objects under a results prefix.
//
//   const store = new AwsArtifactStore(name, { artifacts, reader: { roleName }, labels }, { parent, provider });
//   store.objectUri(artifacts[0].key)   // s3://bucket/key, gs://bucket/key, https://<account>.blob.core.windows.net/key
//   store.readGrant                      // the read grant, for what must wait until the identity may read
//
// Every object records its sha256 (S3 also verifies it on upload); whoever downloads one checks it again. On Azure,
// a key's first segment names a container and the rest the blob: roles are scoped to a container at the finest.
import { createHash } from "node:crypto";

/** One local file uploaded as one object. */
export interface StoredArtifact {
  /** The object's key ("models/<sha256>.onnx", "inputs/model.onnx"). */
  key: string;
  /** The local file uploaded (a Pulumi FileAsset): absolute, or relative to the working directory. */
  path: string;
  /** Its sha256, 64 hex digits. */
  sha256: string;
}

export interface ArtifactStoreArgs<Reader> {
  artifacts: StoredArtifact[];
  /** The identity that may read exactly these objects (and nobody else may). */
  reader: Reader;
  /** Bench machines: the reader may also create objects under this prefix ("results/"), which destroying deletes. */
  resultsPrefix?: string;
  /** Tags (labels on GCP) on every resource that takes them. */
  labels: Record<string, string>;
}

/** The inference fleet's model object: named after its sha256, so a new file is a new object for a rolling update. */
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

/** Logical resource names from a key ("inputs/model.onnx" → "inputs-model-onnx"). */
export function keySlug(key: string): string {
  return key.replace(/[^a-z0-9]+/gi, "-");
}

/** An artifact that is not in the store is a programming error: say which. */
export function storedKey(artifacts: StoredArtifact[], key: string): string {
  if (!artifacts.some((artifact) => artifact.key === key)) throw new Error(`the artifact store holds no ${key} (it holds ${artifacts.map((artifact) => artifact.key).join(", ")})`);
  return key;
}
