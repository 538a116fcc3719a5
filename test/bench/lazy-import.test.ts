// `import "wattplan"` must not load onnxruntime (a native library of tens of MB): only a bench call does. The
// loaded native libraries are read from Node's own diagnostic report (process.report), not from /proc.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const loadedOnnxruntime = `
const loaded = () => process.report.getReport().sharedObjects.some((path) => /onnxruntime/.test(path));
const api = await import("./src/index.ts");
const before = loaded();
await api.bench("no-such-model.onnx").catch(() => undefined);
const after = loaded();
process.stdout.write(JSON.stringify({ before, after, bench: typeof api.bench }));
`;

describe("the library entry", () => {
  it("loads onnxruntime only when bench is called", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", loadedOnnxruntime], { encoding: "utf8", timeout: 30_000 });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ before: false, after: true, bench: "function" });
  });
});
