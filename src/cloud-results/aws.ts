// S3 through the AWS SDK v3; credentials from its default chain (environment, shared config and SSO, instance role),
// as the Pulumi AWS provider finds them.
import { GetObjectCommand, NoSuchKey, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { ResultsLocation } from "../infra/bench-fleet/results-layout.ts";
import type { ResultsReader } from "./contract.ts";

export type AwsReaderOptions = Pick<S3ClientConfig, "endpoint" | "credentials" | "forcePathStyle">;

export function awsResultsReader(options: AwsReaderOptions = {}): ResultsReader {
  const clients = new Map<string, S3Client>();
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      client = new S3Client({ region, ...options });
      clients.set(region, client);
    }
    return client;
  };
  return {
    async read(location: ResultsLocation, key: string) {
      if (location.provider !== "aws") throw new Error(`the AWS reader got a ${location.provider} location`);
      try {
        const response = await clientFor(location.region).send(new GetObjectCommand({ Bucket: location.bucket, Key: `${location.prefix}${key}` }));
        return (await response.Body?.transformToString("utf8")) ?? "";
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
  };
}
