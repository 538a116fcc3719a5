import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Benchmarks and onnxruntime sessions are CPU-heavy; on a 2-core machine parallel files only fight.
    fileParallelism: false,
    // One module registry for all files: zod schemas, the catalog and onnxruntime are loaded once, not once per file
    // (this halves the suite's CPU time). A test that changes process-wide state (the working directory, Pulumi's
    // runtime mocks, the environment) sets it up itself and restores it; none may rely on a fresh module.
    isolate: false,
  },
});
