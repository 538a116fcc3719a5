// Where `bench --on` keeps its Pulumi state: a local backend in the user's wattplan folder (or the backend given),
// and the passphrase that encrypts the stacks' secrets, generated once and kept beside it, readable by the user only.
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { WattplanError } from "../errors.ts";
import { makeDirectories } from "../io/make-directories.ts";
import { wattplanHome } from "../wattplan-home.ts";

export interface FleetState {
  backendUrl: string;
  passphrase: string;
  /** Workspace folders of the stacks (their Pulumi.yaml) live here. */
  workRoot: string;
}

const BACKEND_SCHEMES = ["file://", "s3://", "gs://", "azblob://", "https://"];

/** A backend given by the user is one Pulumi knows; checked before anything is written or started. */
export function assertBackendUrl(backendUrl: string | undefined): void {
  if (backendUrl !== undefined && !BACKEND_SCHEMES.some((scheme) => backendUrl.startsWith(scheme))) {
    throw new WattplanError("INVALID_INPUT", `'${backendUrl}' is not a Pulumi state backend URL`, undefined, { option: "backend" });
  }
}

export async function prepareFleetState(options: { home?: string; backendUrl?: string } = {}): Promise<FleetState> {
  assertBackendUrl(options.backendUrl);
  const directory = join(options.home ?? wattplanHome(), "bench-fleet");
  await makeDirectories(directory, { mode: 0o700 });
  let backendUrl = options.backendUrl;
  if (backendUrl === undefined) {
    const stateDirectory = join(directory, "state");
    await makeDirectories(stateDirectory, { mode: 0o700 });
    backendUrl = pathToFileURL(stateDirectory).href;
  }
  return { backendUrl, passphrase: await passphraseIn(directory), workRoot: join(directory, "workspaces") };
}

/** The passphrase file, created with 256 random bits on first use ("wx": two runs starting at once keep one). */
async function passphraseIn(directory: string): Promise<string> {
  const path = join(directory, "passphrase");
  try {
    await writeFile(path, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const passphrase = (await readFile(path, "utf8")).trim();
  if (passphrase === "") throw new WattplanError("INVALID_INPUT", `${path} is empty`, "delete it only if no bench stack is left (it encrypts their state); wattplan then makes a new one");
  return passphrase;
}
