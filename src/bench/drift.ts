// How far a reduced precision's outputs stray from FP32 on the same inputs. Pure: takes plain arrays, so it is
// tested without models.
import type { OutputDrift } from "../domain/artifact.ts";

export interface OutputTensor {
  name: string;
  dims: readonly number[];
  /** Float outputs only; other element types are not compared. */
  data: ArrayLike<number>;
}

export type Drift = Required<OutputDrift>;

/** [batch, classes > 1]: the shape of class scores (logits or probabilities), where arg-max agreement means something. */
export function looksLikeClassScores(dims: readonly number[]): boolean {
  return dims.length === 2 && dims[1] > 1;
}

export function outputDrift(reference: OutputTensor[], candidate: OutputTensor[]): Drift {
  let maxAbsDifference = 0;
  let dot = 0;
  let referenceNorm = 0;
  let candidateNorm = 0;
  let nonFiniteMismatches = 0;
  let top1Agreement: number | null = null;
  for (const expected of reference) {
    const actual = candidate.find((output) => output.name === expected.name);
    if (!actual || actual.data.length !== expected.data.length) continue;
    for (let index = 0; index < expected.data.length; index++) {
      const a = expected.data[index];
      const b = actual.data[index];
      // NaN or ±Inf has no distance. Where both outputs have it (the model's own, on these inputs), the element is
      // left out; where only one has it, the precision broke something, and no similarity figure may hide that.
      if (!Number.isFinite(a) || !Number.isFinite(b)) {
        if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)))) nonFiniteMismatches++;
        continue;
      }
      maxAbsDifference = Math.max(maxAbsDifference, Math.abs(a - b));
      dot += a * b;
      referenceNorm += a * a;
      candidateNorm += b * b;
    }
    if (top1Agreement === null && looksLikeClassScores(expected.dims)) top1Agreement = argMaxAgreement(expected, actual);
  }
  const cosine = referenceNorm === 0 && candidateNorm === 0 ? 1 : dot / Math.sqrt(referenceNorm * candidateNorm || 1);
  return { maxAbsDifference, cosineSimilarity: nonFiniteMismatches > 0 ? null : cosine, top1Agreement, nonFiniteMismatches };
}

/** Elements of the outputs that are NaN or ±Inf. */
export function nonFiniteCount(outputs: OutputTensor[]): { nonFinite: number; total: number } {
  let nonFinite = 0;
  let total = 0;
  for (const output of outputs) {
    total += output.data.length;
    for (let index = 0; index < output.data.length; index++) if (!Number.isFinite(output.data[index])) nonFinite++;
  }
  return { nonFinite, total };
}

function argMaxAgreement(expected: OutputTensor, actual: OutputTensor): number {
  const [rows, classes] = expected.dims;
  let agreeing = 0;
  for (let row = 0; row < rows; row++) {
    if (argMax(expected.data, row * classes, classes) === argMax(actual.data, row * classes, classes)) agreeing++;
  }
  return rows > 0 ? agreeing / rows : 1;
}

function argMax(data: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let index = 1; index < length; index++) if (data[offset + index] > data[offset + best]) best = index;
  return best;
}
