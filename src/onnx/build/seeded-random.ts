// Deterministic pseudo-random numbers, so synthetic models (and their FLOPs, outputs and hashes) repeat exactly.

/** mulberry32: a tiny 32-bit generator; plenty for weight initialisation, not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Uniform weights in ±sqrt(3 / fanIn): unit variance in, unit variance out (LeCun-style), so activations stay in a
 * range where FP32 and INT8 outputs can be compared meaningfully through many layers.
 */
export function seededWeights(random: () => number, count: number, fanIn: number, gain = 1): Float32Array {
  const limit = gain * Math.sqrt(3 / Math.max(1, fanIn));
  const weights = new Float32Array(count);
  for (let index = 0; index < count; index++) weights[index] = (random() * 2 - 1) * limit;
  return weights;
}
