// Builds the bundled example model (a small ResNet-style image classifier) and benches it into the committed
// profile the planner's examples, golden tests and PR reports run on. Re-run it deliberately: `npm run example:model`.
//   --budget-seconds N   measurement time for all cells together (default 120)
import { writeFileAtomic } from "../src/io/atomic-write.ts";
import { bench, stderrProgress } from "../src/bench/index.ts";
import { formatBenchSummary } from "../src/bench/format-summary.ts";
import { buildCnn } from "../src/onnx/index.ts";

const modelPath = "examples/model.onnx";
const profilePath = "examples/profile.json";

// 224×224 RGB in, 1000 classes out, ~1.6 GFLOP per image with 1.7 MB of weights: heavy enough that the roofline
// is about compute, light enough to ship in the repository and bench in a couple of minutes on two cores.
const exampleModel = { imageSize: 224, stageChannels: [16, 32, 64, 128], blocksPerStage: 1, classes: 1000, seed: 2026 };

function budgetSeconds(): number {
  const index = process.argv.indexOf("--budget-seconds");
  const value = index >= 0 ? Number(process.argv[index + 1]) : 120;
  if (!Number.isFinite(value) || value <= 0) throw new Error("--budget-seconds takes a positive number");
  return value;
}

await writeFileAtomic(modelPath, buildCnn(exampleModel));
process.stderr.write(`wrote ${modelPath}\n`);
const profile = await bench(modelPath, {
  modelName: "example-image-classifier",
  batchSizes: [1, 4, 8, 16],
  threads: [1, 2],
  // fp16: its drift only (no CPU timing), for GPU FP16 candidates' accuracy check.
  precisions: ["fp32", "int8", "fp16"],
  budgetSeconds: budgetSeconds(),
  // Two passes, each cell keeping its quieter one: the example should not carry another process's burst of load.
  passes: 2,
  progress: stderrProgress(),
});
await writeFileAtomic(profilePath, `${JSON.stringify(profile, null, 2)}\n`);
process.stderr.write(`\n${formatBenchSummary(profile)}\nwrote ${profilePath}\n`);
