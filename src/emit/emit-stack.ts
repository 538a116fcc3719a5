// `wattplan emit`: one candidate of a saved plan -> stacks/Pulumi.<stack>.yaml, written atomically.
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { loadCatalog } from "../catalog/load.ts";
import type { Catalog } from "../domain/catalog.ts";
import { WattplanError } from "../errors.ts";
import { planSchema, type Candidate, type Plan } from "../domain/plan.ts";
import { REGION_CONFIG_KEY, type StackConfig } from "../domain/stack-config.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { withFileLock } from "../io/file-lock.ts";
import { readUserText } from "../io/read-file.ts";
import { checkCandidateInCatalog, checkPlanId } from "./check-plan.ts";
import { parseConfigOverride } from "./config-overrides.ts";
import { plannedConfigFor } from "./planned-config.ts";
import { selectCandidate } from "./select-candidate.ts";
import { updateStackFile } from "./stack-file.ts";
import { checkStackName, stackFileName } from "./stack-name.ts";
import { defaultStacksDirectory } from "./stacks-directory.ts";

export interface EmitStackOptions {
  planPath: string;
  stackName: string;
  /** "chosen" (default) or a rank. */
  candidate?: string;
  /** `key=value` strings as given on the command line. */
  config?: string[];
  force?: boolean;
  /** Default: the project's stackConfigDir (stacks/). */
  stacksDirectory?: string;
  /** The catalog the candidate is checked against (default: the one shipped with wattplan). */
  catalog?: Catalog;
  /** How long to wait while another emit writes the same stack file (default 30 s). */
  lockWaitMs?: number;
}

export interface EmitStackResult {
  path: string;
  stackName: string;
  candidate: Candidate;
  config: StackConfig;
  created: boolean;
}

/**
 * Writes (or updates) stacks/Pulumi.NAME.yaml from a saved plan, atomically: the planned `wattplan:` keys come from
 * the chosen candidate (or the one of the rank given); keys wattplan does not own are kept. The plan must be as
 * wattplan wrote it and its candidate in the catalog; two emits to one stack take turns (a lock beside the file), so
 * the second builds on the first's file instead of losing its keys.
 */
export async function emitStack(options: EmitStackOptions): Promise<EmitStackResult> {
  const stackName = checkStackName(options.stackName);
  const overrides = (options.config ?? []).map(parseConfigOverride);
  const plan = await readPlan(options.planPath);
  const candidate = selectCandidate(plan, options.candidate);
  checkCandidateInCatalog(options.catalog ?? loadCatalog(), candidate, options.planPath);
  const planned = plannedConfigFor(plan, candidate);
  const regionKey = REGION_CONFIG_KEY[planned.provider];
  const regionOverride = overrides.find((override) => override.key === regionKey);
  if (regionOverride && regionOverride.value !== planned.region) {
    throw new WattplanError("INVALID_INPUT", `config key ${regionKey} comes from the plan (${planned.region}) and cannot be overridden`, "pick a candidate in another region", { option: "candidate", example: "N" });
  }

  const stacksDirectory = options.stacksDirectory ?? defaultStacksDirectory();
  const path = join(stacksDirectory, stackFileName(stackName));
  const relativePath = relative(process.cwd(), path);
  const displayPath = relativePath && !relativePath.startsWith("..") ? relativePath : path;
  return withFileLock(
    path,
    async () => {
      const existingText = await readIfPresent(path);
      const { text, config } = updateStackFile({ existingText, displayPath, planned, regionKey, overrides, force: options.force ?? false });
      await writeFileAtomic(path, text);
      return { path, stackName, candidate, config, created: existingText === undefined };
    },
    { waitMs: options.lockWaitMs },
  );
}

async function readPlan(planPath: string): Promise<Plan> {
  const text = await readUserText(planPath, "plan file");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WattplanError("INVALID_PLAN", `${planPath} is not JSON: ${(error as Error).message}`, "pass a plan saved by `wattplan plan` (or written from plan())");
  }
  if (typeof json === "object" && json !== null && !Array.isArray(json)) checkPlanId(json as Record<string, unknown>, planPath);
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first.path.length > 0 ? first.path.join(".") : "(top level)";
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more issue(s))` : "";
    throw new WattplanError("INVALID_PLAN", `${planPath} is not a valid wattplan plan: ${where}: ${first.message}${more}`, "plan again with this wattplan version and save the plan");
  }
  return parsed.data;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
