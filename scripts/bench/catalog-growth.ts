// `npm run bench:catalog-growth [-- --base REV] [-- --runs N]`: the committed catalog at REV (default HEAD) against the
// working tree's, side by side in one process, so the ratios hold on a shared, noisy machine: load time, plan time
// over the full grid, and whether the example plan's choice and baseline differ.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { catalogDataFileNames, catalogMetaFileName } from "../../src/catalog/files.ts";
import { defaultCatalogDirectory, loadCatalog } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import { modelProfileSchema } from "../../src/domain/profile.ts";
import type { WorkloadSpec } from "../../src/domain/spec.ts";
import { readSpecFile } from "../../src/load/plan-from-files.ts";
import { plan } from "../../src/plan/index.ts";
import { readFileSync } from "node:fs";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const flag = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const baseRevision = flag("--base", "HEAD");
const runs = Number(flag("--runs", "9"));

function checkoutCatalog(revision: string): string {
  const directory = mkdtempSync(join(tmpdir(), "wattplan-catalog-"));
  // A revision from before the unplanned files has none: src/catalog/load.ts reads its catalog whole (and validates it).
  const present = new Set(execFileSync("git", ["ls-tree", "--name-only", `${revision}:catalog`], { cwd: repositoryRoot, encoding: "utf8" }).split("\n"));
  for (const fileName of [catalogMetaFileName, ...catalogDataFileNames].filter((name) => present.has(name))) {
    const text = execFileSync("git", ["show", `${revision}:catalog/${fileName}`], { cwd: repositoryRoot, maxBuffer: 1 << 28, encoding: "utf8" });
    writeFileSync(join(directory, fileName), text);
  }
  return directory;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timed = (action: () => void) => {
  const started = performance.now();
  action();
  return performance.now() - started;
};

const baseDirectory = checkoutCatalog(baseRevision);
try {
  const directories = { base: baseDirectory, head: defaultCatalogDirectory };
  const loadMs = { base: [] as number[], head: [] as number[] };
  for (let run = 0; run < runs; run++) {
    for (const side of ["base", "head"] as const) loadMs[side].push(timed(() => loadCatalog(directories[side])));
  }
  const catalogs = { base: loadCatalog(baseDirectory), head: loadCatalog() };
  const spec = await readSpecFile(join(repositoryRoot, "examples", "spec.yaml"));
  const profileAt = (path: string) => modelProfileSchema.parse(JSON.parse(readFileSync(join(repositoryRoot, path), "utf8")));
  const grid: WorkloadSpec = { ...spec, constraints: {}, options: { ...spec.options, precisions: ["fp32", "int8"], batching: { ...spec.options.batching, maxBatch: 32 } } };
  const now = "2026-01-01T00:00:00.000Z";
  const planWith = (catalog: Catalog, workload: WorkloadSpec, profilePath: string) => plan(workload, { catalog, profiles: [profileAt(profilePath)], now });
  const planMs = { base: [] as number[], head: [] as number[] };
  for (let run = 0; run < runs; run++) {
    for (const side of ["base", "head"] as const) planMs[side].push(timed(() => planWith(catalogs[side], grid, "test/fixtures/profile.cnn.json")));
  }
  const describe = (catalog: Catalog) => {
    const result = planWith(catalog, spec, "examples/profile.json");
    const name = (candidate: typeof result.chosen) => `${candidate.provider} ${candidate.region} ${candidate.instanceType} ${candidate.precision}/b${candidate.batchSize}`;
    return `chosen ${name(result.chosen)}, baseline ${name(result.baseline)}; ${result.search.candidatesEnumerated} candidates`;
  };
  const line = (label: string, values: { base: number[]; head: number[] }) =>
    `${label}: base ${median(values.base).toFixed(1)} ms, head ${median(values.head).toFixed(1)} ms, head/base ${(median(values.head) / median(values.base)).toFixed(2)} (medians of ${runs}, alternating)`;
  const count = (catalog: Catalog) => `${catalog.instanceTypes.length} types, ${catalog.offers.length} offers`;
  process.stdout.write(
    [
      `catalog: base (${baseRevision}) ${count(catalogs.base)}; head (working tree) ${count(catalogs.head)}`,
      line("loadCatalog", loadMs),
      line("plan, full grid (2 precisions x 6 batch sizes, no constraints)", planMs),
      `example plan, base: ${describe(catalogs.base)}`,
      `example plan, head: ${describe(catalogs.head)}`,
    ].join("\n") + "\n",
  );
} finally {
  rmSync(baseDirectory, { recursive: true, force: true });
}
