// Which file a candidate is served from (src/domain/serving.ts's table, with the weight range its CPUs need), and
// whether that file is accurate enough: a reduced precision whose measured drift from FP32 falls below the spec's
// options.accuracy.minCosineSimilarity is not planned, and the plan says which figure excluded it.
import type { ArtifactRecipe, ArtifactRecord, CandidateArtifact, OutputDrift } from "../domain/artifact.ts";
import { int8IsaClassesOfInstance, int8WeightBitsFor, type InstanceCpuIsa, type Int8WeightBits } from "../domain/int8-isa.ts";
import { timedInt8Transform, type ModelProfile, type Precision } from "../domain/profile.ts";
import type { ServingDevice } from "../domain/serving.ts";

/** What serves one precision on one kind of device (for CPUs, at one weight range). */
export interface PrecisionFile {
  /** The artifact the candidate carries; null when no profile recorded one (profiles of schemaVersion 1). */
  artifact: CandidateArtifact | null;
  /** Why candidates of this precision are not planned here (the drift figure and the tolerance), or null. */
  exclusion: string | null;
  /** A note for the plan's warnings when the accuracy could not be checked, or null. */
  unchecked: string | null;
}

/** The INT8 weight range a CPU type's artifact must use: 8-bit only where every CPU it can land on computes it correctly. */
export function int8WeightBitsOfInstance(instance: InstanceCpuIsa): Int8WeightBits {
  return int8WeightBitsFor(int8IsaClassesOfInstance(instance));
}

export function precisionFile(profiles: readonly ModelProfile[], device: ServingDevice, precision: Precision, cpuWeightBits: Int8WeightBits, minCosineSimilarity: number): PrecisionFile {
  const wanted = wantedRecipe(profiles, device, precision, cpuWeightBits);
  if (!wanted) return { artifact: null, exclusion: null, unchecked: null };
  const records = profiles.flatMap((profile) => profile.artifacts ?? []).filter((record) => record.precision === precision && sameFile(record.recipe, wanted));
  const first = records[0];
  const artifact = first ? { recipe: first.recipe, sha256: first.sha256, bytes: first.bytes } : null;
  if (precision === "fp32") return { artifact, exclusion: null, unchecked: null };
  const figure = driftFigure(profiles, precision, wanted, records);
  const what = `${precision.toUpperCase()} (${describe(wanted)}${device === "nvidia-gpu" ? ", TensorRT" : ""})`;
  if (!figure) {
    return { artifact, exclusion: null, unchecked: `${what} candidates are not checked for accuracy: no profile measured that file's drift (bench the model again at ${precision} to record it)` };
  }
  const { drift, source, synthesized } = figure;
  if (drift.cosineSimilarity === null) {
    return { artifact, exclusion: `${what} excluded: ${drift.nonFiniteMismatches ?? "some"} output element(s) turn NaN/Inf where FP32's do not (${source})`, unchecked: null };
  }
  if (drift.cosineSimilarity < minCosineSimilarity) {
    return {
      artifact,
      exclusion:
        `${what} excluded: its outputs' cosine similarity to FP32 is ${drift.cosineSimilarity.toFixed(4)} (max |Δ| ${drift.maxAbsDifference.toPrecision(3)}; ${source}), below options.accuracy.minCosineSimilarity ${minCosineSimilarity}` +
        (synthesized ? syntheticDriftHint : ""),
      unchecked: null,
    };
  }
  return { artifact, exclusion: null, unchecked: null };
}

const syntheticDriftHint =
  "; that drift was measured on synthesized inputs, which a model trained on real data can answer with near-noise: bench the model again with real samples as its inputs file to measure it on those";

/** The recipe the serving table asks for; weight-free fields only (the ranges come with the record). */
function wantedRecipe(profiles: readonly ModelProfile[], device: ServingDevice, precision: Precision, cpuWeightBits: Int8WeightBits): RecipeKey | null {
  if (precision === "fp32" || precision === "fp16") return device === "cpu" && precision === "fp16" ? null : { transform: "none" };
  if (device === "nvidia-gpu") return { transform: "static-int8-qdq", weightBits: 8, activations: "int8-symmetric" };
  // CPUs serve the INT8 transform bench timed (profiles of schemaVersion 1 always timed dynamic INT8).
  const transform = profiles.map(timedInt8Transform).find((timed) => timed !== null) ?? "dynamic-int8";
  if (transform === "static-int8-qdq") return { transform, weightBits: cpuWeightBits, activations: "uint8-asymmetric" };
  return { transform: "dynamic-int8", weightBits: cpuWeightBits };
}

type RecipeKey = { transform: ArtifactRecipe["transform"]; weightBits?: Int8WeightBits; activations?: string };

function sameFile(recipe: ArtifactRecipe, key: RecipeKey): boolean {
  return (
    recipe.transform === key.transform &&
    ("weightBits" in recipe ? recipe.weightBits : undefined) === key.weightBits &&
    ("activations" in recipe ? recipe.activations : undefined) === key.activations
  );
}

/**
 * The drift that stands for the file: the worst measured over the profiles; where 8-bit weights could not be
 * measured (a host whose kernels saturate), the same file with 7-bit weights, which rounds twice as coarsely;
 * for profiles of schemaVersion 1, their one INT8 figure (dynamic, 8-bit, possibly on a saturating host: pessimistic).
 */
function driftFigure(profiles: readonly ModelProfile[], precision: Precision, wanted: RecipeKey, records: ArtifactRecord[]): { drift: OutputDrift; source: string; synthesized: boolean } | null {
  const worst = (candidates: ArtifactRecord[]) =>
    candidates.filter((record) => record.drift).sort((first, second) => (first.drift!.cosineSimilarity ?? -2) - (second.drift!.cosineSimilarity ?? -2))[0];
  const figureOf = (record: ArtifactRecord, source: string) => ({ drift: record.drift!, source, synthesized: record.driftOn === "synthesized" });
  const measured = worst(records);
  if (measured) return figureOf(measured, "measured");
  if (wanted.weightBits === 8) {
    const standIn = worst(profiles.flatMap((profile) => profile.artifacts ?? []).filter((record) => record.precision === precision && sameFile(record.recipe, { ...wanted, weightBits: 7 })));
    if (standIn) return figureOf(standIn, "the 7-bit file's, standing in where 8-bit could not be measured");
  }
  const legacy = precision === "int8" ? profiles.find((profile) => !profile.artifacts && profile.quantization)?.quantization?.drift : undefined;
  return legacy ? { drift: legacy, source: "the profile's one INT8 figure", synthesized: false } : null;
}

function describe(key: RecipeKey): string {
  if (key.transform === "none") return "the FP32 file";
  const activations = key.activations ? ` ${key.activations}` : "";
  return `${key.transform}${activations}, ${key.weightBits}-bit weights`;
}
