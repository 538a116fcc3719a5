// The file a candidate serves, as the plan records it (the candidate's artifact: its recipe and sha256, from the
// profile bench wrote), rebuilt from the planned model with the one builder bench used (src/onnx/artifact.ts) and
// checked byte for byte against the recorded sha256; written beside the stack, outside git.
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { CandidateArtifact } from "../domain/artifact.ts";
import type { Candidate, Plan } from "../domain/plan.ts";
import { servingDeviceOf, servingPath } from "../domain/serving.ts";
import { WattplanError } from "../errors.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { buildArtifact, type BuiltArtifact } from "../onnx/artifact.ts";
import { staticQuantizationPoints } from "../onnx/quantize/static.ts";

/** The file a candidate serves: how to build it from the planned model, and the sha256 the build must have. */
export type PlannedArtifact = Pick<CandidateArtifact, "recipe" | "sha256">;

/**
 * The candidate's artifact as the plan records it. Where the plan records none (plans before schemaVersion 3,
 * profiles of schemaVersion 1), only the model as exported can be served: its sha256 is the plan's model's.
 */
export function plannedArtifactOf(plan: Plan, candidate: Candidate): PlannedArtifact {
  const device = servingDeviceOf(candidate.accelerator);
  const path = device ? servingPath(device, candidate.precision) : null;
  const where = device === "nvidia-gpu" ? "NVIDIA GPUs" : "CPUs";
  if (!device || !path) {
    throw new WattplanError("REFUSED", `candidate ${candidate.key}: ${candidate.precision} is not served on ${where} (see the precision table in the README)`, "pick a candidate of another precision", {
      option: "candidate",
      example: "N",
    });
  }
  const recorded = candidate.artifact ?? (path.transforms.includes("none") ? { recipe: { transform: "none" as const }, sha256: plan.model.sha256 } : null);
  if (!recorded) {
    throw new WattplanError(
      "REFUSED",
      `candidate ${candidate.key} serves ${candidate.precision} on ${where} from a ${path.transforms.join(" or ")} model, and the plan records no such file (its recipe and sha256 come from a profile bench wrote at ${candidate.precision})`,
      `bench the model again at ${candidate.precision} and plan again, or pick another candidate by its rank in the plan (1 = chosen)`,
    );
  }
  if (!path.transforms.includes(recorded.recipe.transform)) {
    throw new WattplanError(
      "REFUSED",
      `candidate ${candidate.key} records a ${recorded.recipe.transform} artifact, but ${candidate.precision} on ${where} is served from a ${path.transforms.join(" or ")} model`,
      "plan again with this wattplan version",
    );
  }
  return { recipe: recorded.recipe, sha256: recorded.sha256 };
}

/** What to do when the recorded recipe no longer builds the recorded file (the model changed, or wattplan's transform). */
const rebenchHint = "bench the model again with this wattplan and plan again: the file it serves is built from the model by this wattplan's transform";

/**
 * Builds the planned file from the model's bytes; refuses a build whose sha256 is not the one the plan recorded, and
 * a recipe whose calibration does not cover the tensors this wattplan quantizes (recorded by an earlier version,
 * whose static INT8 placed its points elsewhere).
 */
export function buildPlannedArtifact(modelBytes: Uint8Array, planned: PlannedArtifact): BuiltArtifact {
  const { recipe } = planned;
  if (recipe.transform === "static-int8-qdq") {
    const uncalibrated = staticQuantizationPoints(modelBytes).find((point) => !Object.hasOwn(recipe.activationRanges, point));
    if (uncalibrated !== undefined) {
      throw new WattplanError("REFUSED", `the plan's ${recipe.transform} recipe was calibrated for other tensors than this wattplan quantizes (it has no range for '${uncalibrated}')`, rebenchHint);
    }
  }
  const built = buildArtifact(modelBytes, recipe);
  if (built.sha256 !== planned.sha256) {
    throw new WattplanError(
      "REFUSED",
      `the ${planned.recipe.transform} artifact built from the model has sha256 ${built.sha256.slice(0, 12)}, not the ${planned.sha256.slice(0, 12)} the plan recorded`,
      rebenchHint,
    );
  }
  return built;
}

/** The folder beside the stack files that holds each stack's artifact; a .gitignore inside keeps it out of git. */
export const ARTIFACTS_FOLDER = ".artifacts";

/**
 * Writes the artifact as <stacks>/.artifacts/<stack>/<sha256>.onnx (atomically) and returns its path. Older
 * artifacts of the stack stay until pruneArtifacts, which emit calls once the stack file points at the new one.
 */
export async function writeArtifact(stacksDirectory: string, stackName: string, artifact: BuiltArtifact): Promise<string> {
  const root = join(stacksDirectory, ARTIFACTS_FOLDER);
  await writeFileAtomic(join(root, ".gitignore"), "# Model artifacts written by `wattplan emit`: uploaded by `pulumi up`, never committed.\n*\n");
  const path = join(root, stackName, `${artifact.sha256}.onnx`);
  await writeFileAtomic(path, artifact.bytes);
  return path;
}

/** Removes the stack's artifacts other than `keep` (a file name). */
export async function pruneArtifacts(stacksDirectory: string, stackName: string, keep: string | undefined): Promise<void> {
  const folder = join(stacksDirectory, ARTIFACTS_FOLDER, stackName);
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name !== keep && name.endsWith(".onnx")).map((name) => rm(join(folder, name), { force: true })));
}
