// The file a candidate serves, built from the planned model and written beside the stack (outside git): the model
// as exported for FP32, and for FP16 on NVIDIA GPUs (TensorRT builds FP16 engines from it); the quantized model for
// INT8. Until candidates carry their artifact recipe from the plan (precision, transform, weight bits, sha256), the
// recipe is derived here from the serving table and the transforms this wattplan can build. This is the one module
// that changes when they do; it never lets an INT8 candidate serve the FP32 file.
import { createHash } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Candidate, Plan } from "../domain/plan.ts";
import type { Precision } from "../domain/profile.ts";
import { servingDeviceOf, servingPath, type ArtifactTransform } from "../domain/serving.ts";
import { WattplanError } from "../errors.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { quantizeDynamic } from "../onnx/quantize/dynamic.ts";

export interface ArtifactRecipe {
  precision: Precision;
  transform: ArtifactTransform;
  /** INT8 weight range: 8 bits, or 7 where a CPU the fleet may land on saturates 16-bit sums (src/domain/int8-isa.ts). */
  weightBits?: 7 | 8;
  /** The sha256 the plan expects of the built file, where the plan says. */
  sha256?: string;
}

export interface BuiltArtifact {
  bytes: Uint8Array;
  sha256: string;
}

/** Transforms this wattplan builds, and the INT8 weight range each writes (quantizeDynamic: full-range 8-bit). */
const BUILDABLE: Partial<Record<ArtifactTransform, Pick<ArtifactRecipe, "weightBits">>> = { none: {}, "dynamic-int8": { weightBits: 8 } };

const refuse = (message: string, hint: string) => new WattplanError("REFUSED", message, hint, { option: "candidate", example: "N" });

/** What the candidate serves, per the serving table; refuses what is not offered or cannot be built yet. */
export function artifactRecipeFor(plan: Plan, candidate: Candidate): ArtifactRecipe {
  const device = servingDeviceOf(candidate.accelerator);
  const path = device ? servingPath(device, candidate.precision) : null;
  const where = device === "nvidia-gpu" ? "NVIDIA GPUs" : "CPUs";
  if (!device || !path) {
    throw refuse(`candidate ${candidate.key}: ${candidate.precision} is not served on ${where} (see the precision table in the README)`, "pick a candidate of another precision");
  }
  const transform = path.transforms.find((item) => BUILDABLE[item] !== undefined);
  if (!transform) {
    throw refuse(
      `candidate ${candidate.key} serves ${candidate.precision} on ${where} from a ${path.transforms.join(" or ")} model (${path.note}), which this wattplan cannot build yet`,
      "pick a candidate of another precision or device",
    );
  }
  return { precision: candidate.precision, transform, ...BUILDABLE[transform], ...(transform === "none" ? { sha256: plan.model.sha256 } : {}) };
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Builds the recipe's file from the model's bytes and checks it against the sha256 the plan expects, where it does. */
export function buildArtifact(modelBytes: Uint8Array, recipe: ArtifactRecipe): BuiltArtifact {
  let bytes: Uint8Array;
  switch (recipe.transform) {
    case "none":
      bytes = modelBytes;
      break;
    case "dynamic-int8":
      bytes = quantizeDynamic(modelBytes, { weightBits: recipe.weightBits ?? 8 }).bytes;
      break;
    default:
      throw refuse(`no ${recipe.transform} artifact can be built by this wattplan yet`, "pick a candidate of another precision");
  }
  const sha256 = sha256Of(bytes);
  if (recipe.sha256 !== undefined && sha256 !== recipe.sha256) {
    throw new WattplanError("REFUSED", `the ${recipe.transform} artifact has sha256 ${sha256}, not the ${recipe.sha256} the plan expects`, "plan again with this model and this wattplan version");
  }
  return { bytes, sha256 };
}

/** The folder beside the stack files that holds each stack's artifact; a .gitignore inside keeps it out of git. */
export const ARTIFACTS_FOLDER = ".artifacts";

/**
 * Writes the artifact as <stacks>/.artifacts/<stack>/<sha256>.onnx (atomically) and returns its path. Older
 * artifacts of the stack stay until pruneArtifacts, which emit calls once the stack file points at the new one.
 */
export async function writeArtifact(stacksDirectory: string, stackName: string, artifact: BuiltArtifact): Promise<string> {
  const root = join(stacksDirectory, ARTIFACTS_FOLDER);
  await mkdir(join(root, stackName), { recursive: true });
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
