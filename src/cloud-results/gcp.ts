// Cloud Storage through Google's Node.js client; credentials from Application Default Credentials
// (GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`), as the Pulumi GCP provider finds them.
import { Storage, type StorageOptions } from "@google-cloud/storage";
import type { ResultsLocation } from "../infra/bench-fleet/results-layout.ts";
import type { ResultsReader } from "./contract.ts";

export type GcpReaderOptions = Pick<StorageOptions, "apiEndpoint" | "projectId" | "authClient" | "useAuthWithCustomEndpoint">;

export function gcpResultsReader(options: GcpReaderOptions = {}): ResultsReader {
  const storage = new Storage({ ...options, retryOptions: { autoRetry: false } });
  return {
    async read(location: ResultsLocation, key: string) {
      if (location.provider !== "gcp") throw new Error(`the GCP reader got a ${location.provider} location`);
      try {
        const [contents] = await storage.bucket(location.bucket).file(`${location.prefix}${key}`).download();
        return contents.toString("utf8");
      } catch (error) {
        if ((error as { code?: number }).code === 404) return null;
        throw error;
      }
    },
  };
}
