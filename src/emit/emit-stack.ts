// `wattplan emit`: one candidate of a saved plan -> stacks/Pulumi.<stack>.yaml, written atomically, and the model
// artifact the candidate serves -> stacks/.artifacts/<stack>/<sha256>.onnx (outside git), which `pulumi up` uploads.
import { readFile } from "node:fs/promises";
import { basename, isAbsolute, join, relative } from "node:path";
import { loadCatalog } from "../catalog/load.ts";
import type { Catalog } from "../domain/catalog.ts";
import { WattplanError } from "../errors.ts";
import { planSchema, type Candidate, type Plan } from "../domain/plan.ts";
import { REGION_CONFIG_KEY, type StackConfig } from "../domain/stack-config.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { displayPath } from "../io/display-path.ts";
import { withFileLock } from "../io/file-lock.ts";
import { readUserText } from "../io/read-file.ts";
import { checkCandidateInCatalog, checkDeployable, checkPlanId } from "./check-plan.ts";
import { parseConfigOverride, type ConfigOverride } from "./config-overrides.ts";
import { fleetModelUri } from "./model-uri.ts";
import { networkCostsFor } from "./network-costs.ts";
import { plannedConfigFor, type ServedArtifact } from "./planned-config.ts";
import { readPlannedModel, servedUnbatched } from "./planned-model.ts";
import { selectCandidate } from "./select-candidate.ts";
import { updateStackFile } from "./stack-file.ts";
import { checkStackName, stackFileName } from "./stack-name.ts";
import { defaultStacksDirectory, projectRootOf } from "./stacks-directory.ts";
import { ARTIFACTS_FOLDER, buildPlannedArtifact, plannedArtifactOf, pruneArtifacts, writeArtifact } from "./write-artifact.ts";

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
  /** The model the plan was made for (default: the spec's model.path, found beside the plan or here). */
  modelPath?: string;
  /** Upload the local artifact even where the spec's model.uri could be fetched. */
  uploadModel?: boolean;
  /** The catalog the candidate is checked against and the network is priced from (default: the one shipped with wattplan). */
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
  /** The file `pulumi up` uploads; absent when the fleet fetches the spec's model.uri. */
  artifactPath?: string;
  /** Things the user should know about the stack (the endpoint open to the whole internet). */
  warnings: string[];
}

/**
 * Writes (or updates) stacks/Pulumi.NAME.yaml from a saved plan, atomically: the planned `wattplan:` keys come from
 * the chosen candidate (or the one of the rank given) and the artifact it serves; keys wattplan does not own are kept.
 * The plan must be as wattplan wrote it, its candidate in the catalog and not marked undeployable; two emits to one
 * stack take turns (a lock beside the file), so the second builds on the first's file instead of losing its keys.
 */
export async function emitStack(options: EmitStackOptions): Promise<EmitStackResult> {
  const stackName = checkStackName(options.stackName);
  const overrides = (options.config ?? []).map(parseConfigOverride);
  const plan = await readPlan(options.planPath);
  const candidate = selectCandidate(plan, options.candidate);
  const catalog = options.catalog ?? loadCatalog();
  checkCandidateInCatalog(catalog, candidate, options.planPath);
  checkDeployable(candidate);
  const regionKey = REGION_CONFIG_KEY[candidate.provider];
  const regionOverride = overrides.find((override) => override.key === regionKey);
  if (regionOverride && regionOverride.value !== candidate.region) {
    throw new WattplanError("INVALID_INPUT", `config key ${regionKey} comes from the plan (${candidate.region}) and cannot be overridden`, "pick a candidate in another region", { option: "candidate", example: "N" });
  }

  const artifact = plannedArtifactOf(plan, candidate);
  const model = await readPlannedModel(plan, options.planPath, options.modelPath);
  const unbatched = servedUnbatched(model, candidate);
  const modelUri = fleetModelUri(plan.spec.model.uri, candidate, artifact.recipe.transform, options.uploadModel ?? false);
  const built = modelUri ? undefined : buildPlannedArtifact(model.bytes, artifact);

  const stacksDirectory = options.stacksDirectory ?? defaultStacksDirectory();
  const artifactFile = built ? join(stacksDirectory, ARTIFACTS_FOLDER, stackName, `${built.sha256}.onnx`) : undefined;
  const served: ServedArtifact = {
    transform: artifact.recipe.transform,
    sha256: artifact.sha256,
    ...(artifactFile ? { path: artifactPathFor(artifactFile, stacksDirectory) } : { modelUri }),
    unbatched,
  };
  const path = join(stacksDirectory, stackFileName(stackName));
  const shownPath = displayPath(path);
  return withFileLock(
    path,
    async () => {
      const existingText = await readIfPresent(path);
      const update = { existingText, displayPath: shownPath, regionKey, overrides, force: options.force ?? false };
      // The NAT a deployment adds depends on the user's keys too (their own VPC brings its own): read them, then cost it.
      const withoutCosts = plannedConfigFor(plan, candidate, served, []);
      const userKeys = updateStackFile({ ...update, planned: withoutCosts }).config;
      const planned = { ...withoutCosts, networkCosts: networkCostsFor({ ...withoutCosts, vpcId: userKeys.vpcId }, catalog.networkPrices) };
      const { text, config } = updateStackFile({ ...update, planned });
      // The artifact first: a stack file never names a file that is not there. Older artifacts go once it is written.
      if (built) await writeArtifact(stacksDirectory, stackName, built);
      await writeFileAtomic(path, text);
      await pruneArtifacts(stacksDirectory, stackName, artifactFile ? basename(artifactFile) : undefined);
      const written = artifactFile ? { artifactPath: artifactFile } : {};
      return { path, stackName, candidate, config, created: existingText === undefined, ...written, warnings: warningsFor(config, overrides) };
    },
    { waitMs: options.lockWaitMs },
  );
}

/** Relative to the Pulumi project's root, where the program resolves it; absolute where there is no project. */
function artifactPathFor(file: string, stacksDirectory: string): string {
  const root = projectRootOf(stacksDirectory);
  if (!root) return file;
  const fromRoot = relative(root, file);
  return fromRoot.startsWith("..") || isAbsolute(fromRoot) ? file : fromRoot.split("\\").join("/");
}

function warningsFor(config: StackConfig, overrides: ConfigOverride[]): string[] {
  const openToAll = config.ingressCidr === undefined || config.ingressCidr === "0.0.0.0/0";
  if (!openToAll) return [];
  const stated = overrides.some((override) => override.key === "wattplan:ingressCidr");
  return [`the endpoint accepts calls from the whole internet${stated ? "" : " (wattplan:ingressCidr is not set)"}: set wattplan:ingressCidr to the callers' range`];
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
