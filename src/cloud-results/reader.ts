// Reading what a bench machine wrote under its results prefix, with each cloud's official SDK and the credentials
// Pulumi itself uses (environment variables, profiles, the clouds' CLIs). Each SDK loads only when its cloud is read.
import type { ResultsLocation } from "../infra/bench-fleet/results-layout.ts";
import type { ResultsReader } from "./contract.ts";

export type { ResultsReader } from "./contract.ts";

/** Per-cloud settings: tests point the SDKs at servers on 127.0.0.1 with fixed credentials. */
export interface ResultsReaderOptions {
  aws?: import("./aws.ts").AwsReaderOptions;
  gcp?: import("./gcp.ts").GcpReaderOptions;
  azure?: import("./azure.ts").AzureReaderOptions;
}

export function createResultsReader(options: ResultsReaderOptions = {}): ResultsReader {
  const readers = new Map<ResultsLocation["provider"], Promise<ResultsReader>>();
  const readerFor = (provider: ResultsLocation["provider"]): Promise<ResultsReader> => {
    let reader = readers.get(provider);
    if (!reader) {
      reader = loadReader(provider, options);
      readers.set(provider, reader);
    }
    return reader;
  };
  return { read: async (location, key) => (await readerFor(location.provider)).read(location, key) };
}

async function loadReader(provider: ResultsLocation["provider"], options: ResultsReaderOptions): Promise<ResultsReader> {
  switch (provider) {
    case "aws":
      return (await import("./aws.ts")).awsResultsReader(options.aws);
    case "gcp":
      return (await import("./gcp.ts")).gcpResultsReader(options.gcp);
    case "azure":
      return (await import("./azure.ts")).azureResultsReader(options.azure);
  }
}
