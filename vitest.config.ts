import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Benchmarks and onnxruntime sessions are CPU-heavy; on a 2-core machine parallel files only fight.
    fileParallelism: false,
  },
});
