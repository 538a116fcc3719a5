// Where `bench --on` keeps its Pulumi state: a local backend in the user's wattplan folder (or the backend given),
// and the passphrase that encrypts the stacks' secrets, generated once and kept beside it, readable by the user only.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { WattplanError } from "../errors.ts";

export interface FleetState {
  backendUrl: string;
  passphrase: string;
  /** Workspace folders of the stacks (their Pulumi.yaml) live here. */
  workRoot: string;
}

/** $WATTPLAN_HOME, else ~/.wattplan. */
export function wattplanHome(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.WATTPLAN_HOME || join(homedir(), ".wattplan");
}

const BACKEND_SCHEMES = ["file://", "s3://", "gs://", "azblob://", "https://"];

export async function prepareFleetState(options: { home?: string; backendUrl?: string } = {}): Promise<FleetState> {
  const directory = join(options.home ?? wattplanHome(), "bench-fleet");
  await mkdir(directory, { recursive: true, mode: 0o700 });
  if (options.backendUrl !== undefined && !BACKEND_SCHEMES.some((scheme) => options.backendUrl!.startsWith(scheme))) {
    throw new WattplanError("INVALID_INPUT", `'${options.backendUrl}' is not a Pulumi state backend URL`, undefined, { option: "backend" });
  }
  let backendUrl = options.backendUrl;
  if (backendUrl === undefined) {
    const stateDirectory = join(directory, "state");
    await mkdir(stateDirectory, { recursive: true, mode: 0o700 });
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
