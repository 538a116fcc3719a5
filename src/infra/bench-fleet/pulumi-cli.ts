// Where the Pulumi CLI is: `bench --on` and `--cleanup` look for it before anything else (before the state folder,
// before packing wattplan), so a machine without it is told in one line at once. Loads no Pulumi code.
import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { WattplanError } from "../../errors.ts";

/** The `pulumi` executable on the PATH of `environment`; a one-line error when there is none. */
export async function findPulumiCli(environment: Record<string, string | undefined>): Promise<string> {
  for (const directory of (environment.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(directory, "pulumi");
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  throw new WattplanError("INVALID_INPUT", "the Pulumi CLI is not installed (no pulumi on PATH): benchmarking on cloud machines drives it", "install it (https://www.pulumi.com/docs/install/) and try again");
}
