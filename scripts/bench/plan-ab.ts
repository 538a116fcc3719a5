// `npm run bench:plan:ab [-- --base REV] [-- --runs N]`: planning time of this working tree (B) against a commit (A,
// default HEAD), side by side in one process. Both trees' planners are loaded (A from a `git archive` of REV in a
// temporary folder) and their runs alternate A, B, B, A, … so that load from other processes on a shared machine
// falls on both alike. Absolute times vary with the machine and its load; the ratio B/A is what to compare.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const flag = (name: string, fallback: string) => {
  const position = process.argv.indexOf(`--${name}`);
  return position > 0 ? process.argv[position + 1] : fallback;
};
const base = flag("base", "HEAD");
const runs = Number(flag("runs", "21"));
if (!Number.isInteger(runs) || runs < 15) throw new Error("--runs expects a whole number of at least 15");

type Spec = Record<string, unknown> & { options: Record<string, unknown> & { batching: Record<string, unknown> } };
type PlanFunction = (spec: unknown, options: { catalog: unknown; profiles: unknown[]; now: string }) => { id: string };

interface Planner {
  label: string;
  plan: PlanFunction;
  catalog: unknown;
  spec: Spec;
  profiles: { grid: unknown; example: unknown };
}

/** A tree's own planner, catalog, example spec and profiles, loaded through its own modules. */
async function loadPlanner(label: string, root: string): Promise<Planner> {
  const load = (path: string) => import(join(root, path));
  const [{ loadCatalog }, { modelProfileSchema }, { readSpecFile }, { plan }] = await Promise.all([
    load("src/catalog/load.ts"),
    load("src/domain/profile.ts"),
    load("src/load/plan-from-files.ts"),
    load("src/plan/index.ts"),
  ]);
  const profile = (path: string) => modelProfileSchema.parse(JSON.parse(readFileSync(join(root, path), "utf8")));
  return {
    label,
    plan,
    catalog: loadCatalog(join(root, "catalog")),
    spec: await readSpecFile(join(root, "examples", "spec.yaml")),
    // As in bench:plan: the test fixture profile measures 2 precisions × 6 batch sizes (1–32), the full grid.
    profiles: { grid: profile("test/fixtures/profile.cnn.json"), example: profile("examples/profile.json") },
  };
}

interface Scenario {
  name: string;
  run: (planner: Planner) => { id: string };
}

const now = "2026-01-01T00:00:00.000Z";
const scenarios: Scenario[] = [
  {
    name: "full grid (carbon)",
    run: ({ plan, catalog, spec, profiles }) =>
      plan({ ...spec, constraints: {}, options: { ...spec.options, precisions: ["fp32", "int8"], batching: { ...spec.options.batching, maxBatch: 32 } } }, { catalog, profiles: [profiles.grid], now }),
  },
  { name: "example (carbon)", run: ({ plan, catalog, spec, profiles }) => plan(spec, { catalog, profiles: [profiles.example], now }) },
  // A weighted objective also prices every candidate at both ends of its range (for robustness).
  { name: "example (balanced)", run: ({ plan, catalog, spec, profiles }) => plan({ ...spec, objective: "balanced" }, { catalog, profiles: [profiles.example], now }) },
];

function extract(revision: string): string {
  const folder = mkdtempSync(join(tmpdir(), "wattplan-bench-"));
  const archive = execFileSync("git", ["archive", "--format=tar", revision], { cwd: repositoryRoot, maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", folder], { input: archive });
  symlinkSync(join(repositoryRoot, "node_modules"), join(folder, "node_modules"), "dir");
  return folder;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const baseFolder = extract(base);
try {
  const a = await loadPlanner(`A ${base}`, baseFolder);
  const b = await loadPlanner("B working tree", repositoryRoot);
  const lines = [`A = ${base}, B = this working tree; ${runs} runs each per scenario, alternating A/B in one process (after 3 warm-up runs each)`];
  for (const scenario of scenarios) {
    for (let warmUp = 0; warmUp < 3; warmUp++) for (const planner of [a, b]) scenario.run(planner);
    const timings = new Map<Planner, number[]>([[a, []], [b, []]]);
    const ids = new Map<Planner, string>();
    for (let run = 0; run < runs; run++) {
      for (const planner of run % 2 === 0 ? [a, b] : [b, a]) {
        const started = performance.now();
        ids.set(planner, scenario.run(planner).id);
        timings.get(planner)!.push(performance.now() - started);
      }
    }
    const medianA = median(timings.get(a)!);
    const medianB = median(timings.get(b)!);
    lines.push(
      `${scenario.name}: A median ${medianA.toFixed(1)} ms, B median ${medianB.toFixed(1)} ms, B/A ${(medianB / medianA).toFixed(3)}` +
        ` (plan ids ${ids.get(a) === ids.get(b) ? "equal" : "differ"})`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  rmSync(baseFolder, { recursive: true, force: true });
}
