// The benchmark side of wattplan. Importing this loads onnxruntime; the library entry reaches it lazily.
export { bench, validateProfile, type BenchOptions } from "./run-bench.ts";
export { stderrProgress, silentProgress, type ProgressReporter } from "./progress.ts";
export { monotonicClock, type Clock } from "./clock.ts";
export { formatBenchSummary } from "./format-summary.ts";
