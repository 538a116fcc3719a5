// Whether the fleet fetches the user's model.uri or the artifact emit writes (uploaded by `pulumi up` to a bucket of
// the fleet's own). A URI is used only where the chosen cloud's instances can read it and it holds what they serve.
import type { Candidate } from "../domain/plan.ts";
import type { ArtifactTransform } from "../domain/serving.ts";
import { MODEL_URI_PATTERN } from "../domain/stack-config.ts";
import { WattplanError } from "../errors.ts";

const UPLOAD = { option: "uploadModel" } as const;

/** What each cloud's instances can fetch with the identity the program gives them. */
const READABLE: Record<Candidate["provider"], { schemes: string[]; why: Record<string, string> }> = {
  aws: { schemes: ["s3", "https"], why: { gs: "Google Cloud Storage, which AWS instances have no credentials for" } },
  gcp: { schemes: ["gs", "https"], why: { s3: "Amazon S3, which GCP instances have no credentials for" } },
  azure: {
    schemes: ["https"],
    why: { s3: "Amazon S3, which Azure instances have no credentials for", gs: "Google Cloud Storage, which Azure instances have no credentials for" },
  },
};

/**
 * The URI the fleet fetches, or undefined: upload the artifact. `uri` is the spec's model.uri; with `upload` (or no
 * URI) emit uploads. A URI holds the model as exported, so it serves only candidates whose artifact is that model.
 */
export function fleetModelUri(uri: string | undefined, candidate: Candidate, transform: ArtifactTransform, upload: boolean): string | undefined {
  if (uri === undefined || upload) return undefined;
  if (!MODEL_URI_PATTERN.test(uri)) {
    const insecure = uri.startsWith("http://");
    throw new WattplanError(
      "REFUSED",
      insecure
        ? `the spec's model.uri ${uri} is plain http: the fleet fetches models over https or from its cloud's own storage`
        : `the spec's model.uri '${uri}' is not an s3://, gs:// or https:// URI without spaces or quotes`,
      "fix model.uri, or upload the local file",
      UPLOAD,
    );
  }
  const scheme = uri.slice(0, uri.indexOf(":"));
  const readable = READABLE[candidate.provider];
  if (!readable.schemes.includes(scheme)) {
    throw new WattplanError(
      "REFUSED",
      `the spec's model.uri ${uri} is in ${readable.why[scheme]}, and the plan chose ${candidate.provider} (${candidate.key})`,
      "upload the local file to the chosen cloud instead",
      UPLOAD,
    );
  }
  if (transform !== "none") {
    throw new WattplanError(
      "REFUSED",
      `the spec's model.uri ${uri} holds the model as exported, but candidate ${candidate.key} serves the ${transform} artifact built from it`,
      "upload the artifact emit builds instead",
      UPLOAD,
    );
  }
  return uri;
}
