// Shell that puts the model file at a path on the instance and checks it against the planned sha256 before Triton
// may load it. Fetchers run as containers so the same lines work on Amazon Linux, Container-Optimized OS and Ubuntu.

/** Where an instance gets the model: its cloud's storage (with the instance's identity) or an https URL. */
export interface ModelSource {
  /** s3://bucket/key, gs://bucket/name or https://… */
  uri: string;
  /** Azure: the client ID of the user-assigned identity whose token reads a private blob. */
  azureIdentityClientId?: string;
}

/** Single-quotes a value for POSIX sh. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/** Public images of each cloud's own CLI; they pick up the instance's credentials (instance role / service account). */
export const FETCHER_IMAGES = {
  s3: "public.ecr.aws/aws-cli/aws-cli:latest",
  gs: "gcr.io/google.com/cloudsdktool/google-cloud-cli:slim",
} as const;

/** The instance metadata service's token endpoint for Azure Storage, for one user-assigned identity. */
export function azureStorageTokenUrl(clientId: string): string {
  return `http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fstorage.azure.com%2F&client_id=${clientId}`;
}

function fetchCommand(source: ModelSource, targetDirectory: string, fileName: string): string {
  const { uri } = source;
  const target = `${targetDirectory}/${fileName}`;
  if (uri.startsWith("s3://")) {
    return `docker run --rm --network host -v ${shellQuote(targetDirectory)}:/target ${FETCHER_IMAGES.s3} s3 cp ${shellQuote(uri)} /target/${fileName}`;
  }
  if (uri.startsWith("gs://")) {
    return `docker run --rm --network host -v ${shellQuote(targetDirectory)}:/target ${FETCHER_IMAGES.gs} gcloud storage cp ${shellQuote(uri)} /target/${fileName}`;
  }
  if (!uri.startsWith("https://")) throw new Error(`cannot fetch a model from '${uri}': expected s3://, gs:// or https://`);
  const download = `curl --fail --location --silent --show-error --output ${shellQuote(target)}`;
  if (!source.azureIdentityClientId) return `${download} ${shellQuote(uri)}`;
  // A private blob: a token for Azure Storage from the metadata service, for the fleet's identity (python3 is on Ubuntu).
  const token = `curl --fail --silent -H Metadata:true ${shellQuote(azureStorageTokenUrl(source.azureIdentityClientId))} | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'`;
  return `token=$(${token}) && ${download} -H "Authorization: Bearer $token" -H 'x-ms-version: 2020-04-08' ${shellQuote(uri)}`;
}

/**
 * Downloads the model to `targetDirectory/fileName`, retrying for up to ten minutes while the network or a fresh
 * read grant comes up (IAM and Azure role assignments take minutes to reach the storage service), until the file
 * has the planned sha256. Anything else ends the boot script with a non-zero status: Triton never serves a
 * model other than the planned one.
 */
export function modelFetchLines(source: ModelSource, targetDirectory: string, fileName: string, sha256: string): string[] {
  const target = `${targetDirectory}/${fileName}`;
  const verify = `echo ${shellQuote(`${sha256}  ${target}`)} | sha256sum --check --status -`;
  return [
    `mkdir -p ${shellQuote(targetDirectory)}`,
    `for attempt in $(seq 1 40); do`,
    `  ${fetchCommand(source, targetDirectory, fileName)} && ${verify} && break`,
    `  echo "wattplan: model download failed or did not match its sha256 (attempt $attempt), retrying" >&2; sleep 15`,
    `done`,
    `${verify} || { echo ${shellQuote(`wattplan: the model from ${source.uri} is not the planned one (sha256 ${sha256}); Triton is not started`)} >&2; exit 1; }`,
  ];
}
