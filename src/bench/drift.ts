// How far INT8 outputs stray from FP32 on the same inputs. Pure: takes plain arrays, so it is tested without models.

export interface OutputTensor {
  name: string;
  dims: readonly number[];
  /** Float outputs only; other element types are not compared. */
  data: ArrayLike<number>;
}

export interface Drift {
  maxAbsDifference: number;
  cosineSimilarity: number;
  top1Agreement: number | null;
}

/** [batch, classes > 1]: the shape of class scores (logits or probabilities), where arg-max agreement means something. */
export function looksLikeClassScores(dims: readonly number[]): boolean {
  return dims.length === 2 && dims[1] > 1;
}

export function outputDrift(reference: OutputTensor[], candidate: OutputTensor[]): Drift {
  let maxAbsDifference = 0;
  let dot = 0;
  let referenceNorm = 0;
  let candidateNorm = 0;
  let top1Agreement: number | null = null;
  for (const expected of reference) {
    const actual = candidate.find((output) => output.name === expected.name);
    if (!actual || actual.data.length !== expected.data.length) continue;
    for (let index = 0; index < expected.data.length; index++) {
      const a = expected.data[index];
      const b = actual.data[index];
      // NaN or ±Inf (a log of a synthetic negative, say) has no distance; one such element would make every
      // figure NaN, which the profile cannot hold, and fail a run at its very end.
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      maxAbsDifference = Math.max(maxAbsDifference, Math.abs(a - b));
      dot += a * b;
      referenceNorm += a * a;
      candidateNorm += b * b;
    }
    if (top1Agreement === null && looksLikeClassScores(expected.dims)) top1Agreement = argMaxAgreement(expected, actual);
  }
  const cosineSimilarity = referenceNorm === 0 && candidateNorm === 0 ? 1 : dot / Math.sqrt(referenceNorm * candidateNorm || 1);
  return { maxAbsDifference, cosineSimilarity, top1Agreement };
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
