// The library's `bench`: a thin async door, so `import "wattplan"` does not load onnxruntime until a bench runs.
import type { ModelProfile } from "../domain/profile.ts";
import type { BenchOptions } from "./bench-options.ts";

export async function bench(modelPath: string, options?: BenchOptions): Promise<ModelProfile> {
  const benchmark = await import("./index.ts");
  return benchmark.bench(modelPath, options);
}
