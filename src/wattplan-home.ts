// The user's wattplan folder: where `bench --on` keeps its Pulumi state and the CLI its own code cache.
import { homedir } from "node:os";
import { join } from "node:path";

/** $WATTPLAN_HOME, else ~/.wattplan. */
export function wattplanHome(environment: Record<string, string | undefined> = process.env): string {
  return environment.WATTPLAN_HOME || join(homedir(), ".wattplan");
}
