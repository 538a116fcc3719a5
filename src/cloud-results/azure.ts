// Blob Storage: a token from Azure's official credential chain (environment, workload identity, managed identity,
// the Azure CLI) and one REST call per read (Get Blob). The storage SDK would add some 25 MB for that one call.
import { DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import type { ResultsLocation } from "../infra/bench-fleet/results-layout.ts";
import type { ResultsReader } from "./contract.ts";

export interface AzureReaderOptions {
  credential?: TokenCredential;
}

/** The Blob service REST version the requests speak. */
const STORAGE_API_VERSION = "2021-08-06";

export function azureResultsReader(options: AzureReaderOptions = {}): ResultsReader {
  const credential = options.credential ?? new DefaultAzureCredential();
  return {
    async read(location: ResultsLocation, key: string) {
      if (location.provider !== "azure") throw new Error(`the Azure reader got a ${location.provider} location`);
      const token = await credential.getToken("https://storage.azure.com/.default");
      if (!token) throw new Error("no Azure credential gave a token for Azure Storage (az login, or AZURE_* environment variables)");
      const url = `${location.blobEndpoint.replace(/\/+$/, "")}/${location.container}/${location.prefix}${key}`;
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token.token}`, "x-ms-version": STORAGE_API_VERSION } });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`reading ${url} failed: HTTP ${response.status} ${response.headers.get("x-ms-error-code") ?? response.statusText}`);
      return response.text();
    },
  };
}
