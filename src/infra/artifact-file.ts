// The artifact `wattplan emit` wrote beside the stack, as the program uploads it: found relative to the Pulumi
// project's root (the program may run from another folder), and checked against the stack's sha256 first, so a
// stale or edited file is refused before anything is uploaded.
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { artifactObjectKey, sha256Hex, type StoredArtifact } from "./artifact-store/contract.ts";

const EMIT_AGAIN = "run `wattplan emit PLAN.json --stack <stack>` again to write it";

/** The absolute path of the stack's artifact, checked; undefined when the fleet fetches wattplan:modelUri instead. */
export function localArtifact(config: StackConfig, projectRoot: string): string | undefined {
  if (config.artifactPath === undefined) return undefined;
  const path = isAbsolute(config.artifactPath) ? config.artifactPath : resolve(projectRoot, config.artifactPath);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new pulumi.RunError(`wattplan:artifactPath ${config.artifactPath}: no such file (it is written by wattplan emit, outside git); ${EMIT_AGAIN}`);
  }
  const sha256 = sha256Hex(bytes);
  if (sha256 !== config.artifactSha256) {
    throw new pulumi.RunError(`wattplan:artifactPath ${config.artifactPath} has sha256 ${sha256}, not the stack's ${config.artifactSha256}; ${EMIT_AGAIN}`);
  }
  return path;
}

/** The stack's artifact as its store uploads it: one object, named after its sha256. */
export function modelArtifact(config: StackConfig, path: string): StoredArtifact {
  return { key: artifactObjectKey(config.artifactSha256), path, sha256: config.artifactSha256 };
}

/** The project's root as the Pulumi CLI reports it; the working directory where it does not (runtime mocks). */
export function projectRoot(): string {
  const reported = pulumi.runtime.getRootDirectory();
  return reported && isAbsolute(reported) ? reported : process.cwd();
}
