// What a private artifact store holds and who may read it, the same on every cloud. The per-cloud components
// (artifact-store-aws.ts, -gcp.ts, -azure.ts) are the bench fleet's; the deployment's store (issue 13) has the same
// shape and is to be merged with them: a private bucket or container, uploaded files with their sha256 recorded,
// read access for exactly one identity, and, for the bench machines only, create access under results/.

/** One local file uploaded as one object. */
export interface StoredArtifact {
  /** The object's key ("inputs/model.onnx"). */
  key: string;
  /** The local file uploaded (a Pulumi FileAsset). */
  path: string;
  /** Its sha256, recorded on the object and checked by whoever downloads it. */
  sha256: string;
}

export interface ArtifactStoreArgs<Identity> {
  artifacts: StoredArtifact[];
  /** The identity that may read exactly these objects (and nobody else may). */
  reader: Identity;
  /** Bench machines only: the reader may also create objects under results/ (and the store is emptied on destroy). */
  resultsWriter: boolean;
  labels: Record<string, string>;
}
