// `npm run bench:plan`: how long planning takes over the full catalog (3 clouds, all regions, 2 precisions,
// 6 batch sizes) once the catalog is loaded, the first plan() of a fresh process (cold, ./cold-plans.ts), how long the
// CLI takes from a saved profile, and peak memory.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import { modelProfileSchema, type ModelProfile } from "../../src/domain/profile.ts";
import type { WorkloadSpec } from "../../src/domain/spec.ts";
import { readSpecFile } from "../../src/load/plan-from-files.ts";
import { plan } from "../../src/plan/index.ts";
import { coldLine, coldPlans, hostLine } from "./cold-plans.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const cliRuns = Number(process.env.BENCH_CLI_RUNS ?? 5);
const coldProcesses = Number(process.env.BENCH_COLD_PROCESSES ?? 7);
const specPath = join(repositoryRoot, "examples", "spec.yaml");
const exampleProfilePath = join(repositoryRoot, "examples", "profile.json");
// The test fixture profile measures 2 precisions × 6 batch sizes (1–32): the full grid the target is set for.
const gridProfilePath = join(repositoryRoot, "test", "fixtures", "profile.cnn.json");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const milliseconds = (value: number) => `${value.toFixed(1)} ms`;
const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const readProfile = (path: string) => modelProfileSchema.parse(JSON.parse(readFileSync(path, "utf8")));

function timePlans(label: string, spec: WorkloadSpec, catalog: Catalog, profile: ModelProfile): string {
  const full: WorkloadSpec = { ...spec, constraints: {}, options: { ...spec.options, precisions: ["fp32", "int8"], batching: { ...spec.options.batching, maxBatch: 32 } } };
  let result = plan(full, { catalog, profiles: [profile], now: "2026-01-01T00:00:00.000Z" });
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = plan(full, { catalog, profiles: [profile], now: "2026-01-01T00:00:00.000Z" });
    timings.push(performance.now() - started);
  }
  const batches = [...new Set(profile.measurements.map((measurement) => measurement.batchSize))].sort((a, b) => a - b);
  return (
    `${label}: ${profile.model.name} (${(profile.model.cost.flopsPerInference / 1e9).toFixed(2)} GFLOP), batch sizes ${batches.join(", ")}; ` +
    `${result.search.candidatesEnumerated.toLocaleString("en-US")} candidates, ${result.search.candidatesFeasible.toLocaleString("en-US")} feasible\n` +
    `  plan: median ${milliseconds(median(timings))} (min ${milliseconds(Math.min(...timings))}, max ${milliseconds(Math.max(...timings))}, ${runs} runs; target ≤ 200 ms)`
  );
}

const loadStarted = performance.now();
const catalog = loadCatalog();
const catalogLoadMs = performance.now() - loadStarted;
const spec = await readSpecFile(specPath);
const lines = [
  await hostLine(),
  `catalog: ${catalog.instanceTypes.length} instance types, ${catalog.regions.length} regions, ${catalog.offers.length} offers (loaded in ${milliseconds(catalogLoadMs)}, not counted below)`,
  timePlans("full grid", spec, catalog, readProfile(gridProfilePath)),
  timePlans("example", spec, catalog, readProfile(exampleProfilePath)),
];

const [cold] = coldPlans([{ label: "cold, examples/spec.yaml as wattplan plan reads it", root: repositoryRoot }], coldProcesses);
lines.push(`${coldLine(cold)} (${coldProcesses} fresh processes, modules and catalog loaded before the timing)`);

const cliTimings: number[] = [];
for (let run = 0; run < cliRuns; run++) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [join(repositoryRoot, "bin", "wattplan.cjs"), "plan", specPath, "--profile", exampleProfilePath, "--json"], {
    cwd: repositoryRoot,
    encoding: "utf8",
  });
  cliTimings.push(performance.now() - started);
  if (child.status !== 0) throw new Error(`the CLI failed (exit ${child.status}): ${child.stderr.split("\n")[0]}`);
}
lines.push(`CLI (wattplan plan examples/spec.yaml --profile examples/profile.json --json): median ${milliseconds(median(cliTimings))} wall, min ${milliseconds(Math.min(...cliTimings))} (${cliRuns} runs, node start-up included: the compiled CLI; target ≤ 1 s)`);
const usage = process.resourceUsage();
lines.push(`peak memory (this process, all of the above in-process): max RSS ${megabytes(usage.maxRSS * 1024)}; heap used at the end ${megabytes(process.memoryUsage().heapUsed)}`);
process.stdout.write(`${lines.join("\n")}\n`);
