import { describe, expect, it } from "vitest";
import { assertKnownInputNames } from "../../src/bench/input-names.ts";
import { suggestNames } from "../../src/text/suggest-names.ts";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseInputsFile, readInputsFile } from "../../src/bench/inputs-file.ts";
import { synthesizeFeeds } from "../../src/bench/synthesize-inputs.ts";
import { WattplanError } from "../../src/errors.ts";

const inputs = [
  { name: "input", elementType: "float32", shape: ["batch", "sequence"] },
  { name: "sr", elementType: "int64", shape: [] },
  { name: "attention_mask", elementType: "int64", shape: ["batch", 4] },
];
const resolvedShapes = { input: [2, 8], sr: [], attention_mask: [2, 4] };

describe("synthesised inputs", () => {
  it("fills floats with seeded normal-ish values, control inputs with their value, masks with ones", () => {
    const feeds = synthesizeFeeds(inputs, { resolvedShapes, controlValues: { sr: 16000 }, batchSize: 2, seed: 7 });
    expect(feeds.input.dims).toEqual([2, 8]);
    const floats = Array.from(feeds.input.data as Float32Array);
    expect(floats.every((value) => Math.abs(value) <= 3.5)).toBe(true);
    expect(new Set(floats).size).toBeGreaterThan(8);
    expect(feeds.sr.dims).toEqual([]);
    expect(feeds.sr.data).toEqual(BigInt64Array.from([16000n]));
    expect(Array.from(feeds.attention_mask.data as BigInt64Array)).toEqual(new Array(8).fill(1n));
  });

  it("repeats exactly for the same seed and differs for another", () => {
    const first = synthesizeFeeds(inputs, { resolvedShapes, controlValues: { sr: 8000 }, batchSize: 2, seed: 1 });
    const again = synthesizeFeeds(inputs, { resolvedShapes, controlValues: { sr: 8000 }, batchSize: 2, seed: 1 });
    const other = synthesizeFeeds(inputs, { resolvedShapes, controlValues: { sr: 8000 }, batchSize: 2, seed: 2 });
    expect(again.input.data).toEqual(first.input.data);
    expect(other.input.data).not.toEqual(first.input.data);
  });

  it("takes file values for the whole batch or one sample repeated, and rejects other lengths", () => {
    const oneSample = Array.from({ length: 8 }, (_, index) => index);
    const feeds = synthesizeFeeds(inputs, { resolvedShapes, fileValues: { input: oneSample, sr: [16000] }, batchSize: 2 });
    expect(Array.from(feeds.input.data as Float32Array)).toEqual([...oneSample, ...oneSample]);
    expect(() => synthesizeFeeds(inputs, { resolvedShapes, fileValues: { input: [1, 2, 3] }, batchSize: 2 })).toThrow(/gives 3 values for 'input'/);
  });

  it("says in one line that a file is not JSON, even when the file's text has line breaks", async () => {
    const directory = await mkdtemp(join(tmpdir(), "wattplan-inputs-"));
    try {
      const path = join(directory, "inputs.json");
      await writeFile(path, "hello\nworld\n");
      const error = await readInputsFile(path).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WattplanError);
      expect((error as Error).message).toMatch(/is not JSON/);
      expect((error as Error).message).not.toMatch(/\n/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("parses an inputs file with nested arrays and rejects non-numbers with the path", () => {
    expect(parseInputsFile({ input: [[1, 2], [3, 4]], sr: 16000 }, "f.json")).toEqual({ input: [1, 2, 3, 4], sr: [16000] });
    expect(() => parseInputsFile({ input: [[1, "x"]] }, "f.json")).toThrow(/f\.json: input\.0\.1/);
  });
});

describe("input names given for shapes and values", () => {
  it("suggests the real names for a typo", () => {
    expect(suggestNames("imput", ["input", "sr", "h", "c"], 2)).toEqual(["input"]);
    let error: unknown;
    try {
      assertKnownInputNames([{ source: "shapes", names: ["imput"] }], ["input", "sr"]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WattplanError);
    expect((error as WattplanError).message).toBe("a shape is given for input 'imput', which the model does not have; did you mean 'input'?");
    expect((error as WattplanError).hint).toBe("the model's inputs are: input, sr");
  });
});
