// The library's `bench`: a thin async door, so `import "wattplan"` does not load onnxruntime until a bench runs.
import type { ModelProfile } from "../domain/profile.ts";
import type { BenchOptions } from "./bench-options.ts";

/**
 * Measures an ONNX model with onnxruntime-node for every precision × threads × batch size within the time budget,
 * and returns a validated ModelProfile. Loads onnxruntime on first use.
 */
export async function bench(modelPath: string, options?: BenchOptions): Promise<ModelProfile> {
  const benchmark = await import("./index.ts");
  return benchmark.bench(modelPath, options);
}
