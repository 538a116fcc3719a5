// Running models in onnxruntime-node from the tests (src/ leaves that to src/bench).
import * as ort from "onnxruntime-node";

export async function runModel(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** Deterministic float input in [−1, 1]. */
export function floatTensor(dims: number[], phase = 0): ort.Tensor {
  const count = dims.reduce((product, dimension) => product * dimension, 1);
  return new ort.Tensor("float32", Float32Array.from({ length: count }, (_, index) => Math.sin(index * 0.731 + phase)), dims);
}

export function int64Scalar(value: number): ort.Tensor {
  return new ort.Tensor("int64", BigInt64Array.of(BigInt(value)), []);
}

export function cosineSimilarity(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    dot += left[index] * right[index];
    leftNorm += left[index] ** 2;
    rightNorm += right[index] ** 2;
  }
  return dot / Math.sqrt(leftNorm * rightNorm);
}

export { ort };
