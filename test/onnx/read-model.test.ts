import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { buildMlp, modelSha256, readModel } from "../../src/onnx/index.ts";

function readError(bytes: Uint8Array, label: string): WattplanError {
  try {
    readModel(bytes, label);
  } catch (error) {
    if (error instanceof WattplanError) return error;
    throw error;
  }
  throw new Error("expected INVALID_MODEL");
}

describe("readModel", () => {
  const model = buildMlp({ inputSize: 8, hiddenSizes: [16], outputSize: 4 });

  it("reads a model's IR version and opset", () => {
    const read = readModel(model, "mlp.onnx");
    expect(read.opset).toBe(17);
    expect(read.irVersion).toBe(8);
    expect(read.sizeBytes).toBe(model.length);
  });

  it.each([
    ["a text file", new TextEncoder().encode("name: not a model\nvalue: 42\n")],
    ["an empty file", new Uint8Array()],
    ["random bytes", Uint8Array.from({ length: 300 }, (_, index) => (index * 97 + 13) % 256)],
    ["a PNG header", Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)],
  ])("rejects %s as INVALID_MODEL on one line naming the file", (_, bytes) => {
    const error = readError(bytes, "notes.onnx");
    expect(error.code).toBe("INVALID_MODEL");
    expect(error.message).toMatch(/^notes\.onnx /);
    expect(error.message).not.toContain("\n");
    expect(error.hint).toBeTruthy();
  });

  it("rejects a truncated model", () => {
    const error = readError(model.subarray(0, Math.floor(model.length / 2)), "cut.onnx");
    expect(error.code).toBe("INVALID_MODEL");
    expect(error.message).toMatch(/cut\.onnx is truncated or not an ONNX model/);
  });

  it("hashes the bytes with SHA-256", () => {
    expect(modelSha256(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(modelSha256(model)).toMatch(/^[0-9a-f]{64}$/);
  });
});
