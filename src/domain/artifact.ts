// The model file each precision is served from, as a recipe: what to do to the user's model to get exactly that
// file. bench builds and measures every artifact and records it in the profile (with its sha256 and how far its
// outputs stray from FP32); the planner copies the one a candidate needs into the plan; emit rebuilds it from the
// model and the recipe (src/onnx/artifact.ts, byte for byte) and checks the hash.
import { z } from "zod";
import { int8WeightBitsSchema } from "./int8-isa.ts";
import { precisionSchema } from "./precision.ts";

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** How static INT8's activation ranges were measured (provenance: the ranges themselves are in the recipe). */
export const activationCalibrationSchema = z.strictObject({
  /** "min/max": each tensor's range over every calibration sample. */
  method: z.string(),
  samples: z.number().int().positive(),
  /** Synthesized inputs: the generator's seed of the first sample (sample k uses seed + k). */
  seed: z.number().int().optional(),
  /** Inputs from the user's calibration file (`model.calibration` in a spec): its sha256. */
  inputsFileSha256: sha256Schema.optional(),
});
export type ActivationCalibration = z.infer<typeof activationCalibrationSchema>;

export const artifactRecipeSchema = z.discriminatedUnion("transform", [
  z.strictObject({ transform: z.literal("none") }),
  z.strictObject({ transform: z.literal("dynamic-int8"), weightBits: int8WeightBitsSchema }),
  z.strictObject({
    transform: z.literal("static-int8-qdq"),
    weightBits: int8WeightBitsSchema,
    /** uint8-asymmetric: onnxruntime's CPU kernels; int8-symmetric: TensorRT (src/onnx/quantize/static.ts). */
    activations: z.enum(["uint8-asymmetric", "int8-symmetric"]),
    /** The calibrated [min, max] of each quantized activation tensor, by name. */
    activationRanges: z.record(z.string(), z.tuple([z.number(), z.number()])),
    calibration: activationCalibrationSchema,
  }),
]);
export type ArtifactRecipe = z.infer<typeof artifactRecipeSchema>;

/** How far a precision's outputs stray from FP32 on the same inputs. */
export const outputDriftSchema = z.strictObject({
  maxAbsDifference: z.number().nonnegative(),
  /**
   * Over the elements finite in both outputs; null when some element is NaN or ±Inf in one output and finite in
   * the other (nonFiniteMismatches): such a precision is not comparable, and never passes an accuracy gate.
   */
  cosineSimilarity: z.number().nullable(),
  /** Share of samples whose arg-max class agrees; null when the output does not look like class scores. */
  top1Agreement: z.number().min(0).max(1).nullable(),
  /** Elements that are NaN or ±Inf in exactly one of the two outputs (absent in profiles of schemaVersion 1). */
  nonFiniteMismatches: z.number().int().nonnegative().optional(),
});
export type OutputDrift = z.infer<typeof outputDriftSchema>;

/** One file bench built for a precision, and how accurate it is. */
export const artifactRecordSchema = z.strictObject({
  precision: precisionSchema,
  recipe: artifactRecipeSchema,
  sha256: sha256Schema,
  bytes: z.number().int().positive(),
  /** Nodes the transform rewrote (0 for "none"). */
  quantizedNodes: z.number().int().nonnegative(),
  /** Against FP32 on inputs other than any calibration set; null where it could not be measured correctly here. */
  drift: outputDriftSchema.nullable(),
  /** How the drift was measured, or why it was not. */
  driftNote: z.string(),
  /**
   * What the drift was measured on: seeded random inputs, or the bench's --inputs-file. A model trained on real data
   * can answer random inputs with near-noise, whose drift says little about its accuracy on real ones.
   */
  driftOn: z.enum(["synthesized", "inputs-file"]).optional(),
});
export type ArtifactRecord = z.infer<typeof artifactRecordSchema>;

/** The artifact a plan's candidate is served from: emit rebuilds it from the model and checks the hash. */
export const candidateArtifactSchema = z.strictObject({
  recipe: artifactRecipeSchema,
  sha256: sha256Schema,
  bytes: z.number().int().positive(),
});
export type CandidateArtifact = z.infer<typeof candidateArtifactSchema>;
