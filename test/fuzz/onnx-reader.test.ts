// The ONNX reader and analysis on damaged models: real and built models with bytes flipped, cut short, spliced or
// replaced, and random bytes. Each ends in an analysis or a one-line refusal, never a stack overflow or a TypeError.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeModel, buildMlp, readModel } from "../../src/onnx/index.ts";
import { checkedCases } from "../checked-cases.ts";
import { repositoryRoot } from "../compiled.ts";
import { FUZZ_SEED, userOutcome } from "./outcome.ts";

const silero = new Uint8Array(readFileSync(join(repositoryRoot, "node_modules", "@ricky0123", "vad-web", "dist", "silero_vad_legacy.onnx")));
const mlp = buildMlp({ inputSize: 8, hiddenSizes: [16], outputSize: 4 });
const bases = [
  { bytes: mlp, options: {} },
  { bytes: silero, options: { shapes: { input: [1, 512] }, inputValues: { sr: 16000 } } },
];

type Damage = { kind: "flip"; offset: number; value: number }[] | { kind: "cut"; at: number } | { kind: "splice"; at: number; bytes: Uint8Array };

function damaged(bytes: Uint8Array, damage: Damage): Uint8Array {
  if (Array.isArray(damage)) {
    const copy = bytes.slice();
    for (const flip of damage) copy[flip.offset % copy.length] = flip.value;
    return copy;
  }
  if (damage.kind === "cut") return bytes.slice(0, damage.at % bytes.length);
  const at = damage.at % bytes.length;
  return Uint8Array.from([...bytes.subarray(0, at), ...damage.bytes, ...bytes.subarray(at)]);
}

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.array(fc.record({ kind: fc.constant("flip" as const), offset: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("splice" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
);

function readAndAnalyze(bytes: Uint8Array, options: object): void {
  const model = readModel(bytes, "fuzz.onnx");
  analyzeModel(model, { batchSize: 1, ...options });
}

describe("readModel and analyzeModel on damaged models", () => {
  it("answer every damaged model with an analysis or one line", () => {
    const cases = checkedCases();
    let analysed = 0;
    fc.assert(
      // The real model is the interesting one but costs ~50 ms a case; the built MLP is cheap.
      fc.property(fc.oneof({ arbitrary: fc.constant(bases[0]), weight: 3 }, { arbitrary: fc.constant(bases[1]), weight: 1 }), damage, (base, change) => {
        const outcome = userOutcome(() => readAndAnalyze(damaged(base.bytes, change), base.options));
        if (outcome.kind === "ok") analysed += 1;
        cases.checked();
      }),
      { seed: FUZZ_SEED, numRuns: 160 },
    );
    cases.expectAtLeast(160);
    expect(analysed).toBeGreaterThan(10);
  });

  it("answer random bytes with one line", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => void userOutcome(() => readAndAnalyze(bytes, {}))), { seed: FUZZ_SEED, numRuns: 200 });
  });
});
