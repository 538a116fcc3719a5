// `import "wattplan"` must not load onnxruntime (a native library of tens of MB): only a bench call does.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

const loadedOnnxruntime = `
const { readFileSync } = await import("node:fs");
const maps = () => readFileSync("/proc/self/maps", "utf8");
const api = await import("./src/index.ts");
const before = /onnxruntime/.test(maps());
await api.bench("no-such-model.onnx").catch(() => undefined);
const after = /onnxruntime/.test(maps());
process.stdout.write(JSON.stringify({ before, after, bench: typeof api.bench }));
`;

describe.skipIf(!existsSync("/proc/self/maps"))("the library entry", () => {
  it("loads onnxruntime only when bench is called", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", loadedOnnxruntime], { encoding: "utf8", timeout: 30_000 });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ before: false, after: true, bench: "function" });
  });
});
