// Shell that puts the model file at a path on the instance, for each kind of URI a plan may name.
// Fetchers run as containers so the same lines work on Amazon Linux, Container-Optimized OS and Ubuntu.

/** Single-quotes a value for POSIX sh. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

/** Public images of each cloud's own CLI; they pick up the instance's credentials (instance role / service account). */
export const FETCHER_IMAGES = {
  s3: "public.ecr.aws/aws-cli/aws-cli:latest",
  gs: "gcr.io/google.com/cloudsdktool/google-cloud-cli:slim",
} as const;

/** Downloads `uri` to `targetDirectory/fileName`, retrying while the network or credentials come up. */
export function modelFetchLines(uri: string, targetDirectory: string, fileName: string): string[] {
  const target = `${targetDirectory}/${fileName}`;
  let command: string;
  if (uri.startsWith("s3://")) {
    command = `docker run --rm --network host -v ${shellQuote(targetDirectory)}:/target ${FETCHER_IMAGES.s3} s3 cp ${shellQuote(uri)} /target/${fileName}`;
  } else if (uri.startsWith("gs://")) {
    command = `docker run --rm --network host -v ${shellQuote(targetDirectory)}:/target ${FETCHER_IMAGES.gs} gcloud storage cp ${shellQuote(uri)} /target/${fileName}`;
  } else if (/^https?:\/\//.test(uri)) {
    command = `curl --fail --location --silent --show-error --output ${shellQuote(target)} ${shellQuote(uri)}`;
  } else {
    throw new Error(`cannot fetch a model from '${uri}': expected s3://, gs://, http:// or https://`);
  }
  return [
    `mkdir -p ${shellQuote(targetDirectory)}`,
    `for attempt in 1 2 3 4 5 6 7 8 9 10; do`,
    `  ${command} && break`,
    `  echo "wattplan: model download failed (attempt $attempt), retrying" >&2; sleep 15`,
    `done`,
    `test -s ${shellQuote(target)} || { echo ${shellQuote(`wattplan: could not fetch the model from ${uri}`)} >&2; exit 1; }`,
  ];
}
