// What the plan benchmarks share: a tree's own planner with the example's inputs, loaded through that tree's own
// modules (this working tree, or another commit extracted by `extractRevision`), and the scenarios they time.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

type Spec = Record<string, unknown> & { options: Record<string, unknown> & { batching: Record<string, unknown> } };
type PlanFunction = (spec: unknown, options: { catalog: unknown; profiles: unknown[]; now: string }) => { id: string };

export interface Planner {
  label: string;
  plan: PlanFunction;
  catalog: unknown;
  spec: Spec;
  profiles: { grid: unknown; example: unknown };
}

/**
 * A tree's own planner, catalog, example spec and profiles, loaded through its own modules: its sources (through
 * tsx), or its compiled dist/ (`buildTree`), which the CLI runs. tsx compiles with esbuild's keepNames, which wraps
 * every function made at run time in a naming call: a cost the shipped code does not pay, so cold timings use dist/.
 */
export async function loadPlanner(label: string, root: string, modules: "source" | "compiled" = "source"): Promise<Planner> {
  const load = (path: string) => import(modules === "source" ? join(root, "src", `${path}.ts`) : join(root, "dist", `${path}.js`));
  const [{ loadCatalog }, { modelProfileSchema }, { readSpecFile }, { plan }] = await Promise.all([
    load("catalog/load"),
    load("domain/profile"),
    load("load/plan-from-files"),
    load("plan/index"),
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

export interface Scenario {
  name: string;
  run: (planner: Planner) => { id: string };
}

const now = "2026-01-01T00:00:00.000Z";
/** The example as `wattplan plan examples/spec.yaml` plans it from the saved profile: the start-up target's plan. */
export const exampleScenario: Scenario = {
  name: "example (carbon)",
  run: ({ plan, catalog, spec, profiles }) => plan(spec, { catalog, profiles: [profiles.example], now }),
};
export const scenarios: Scenario[] = [
  {
    name: "full grid (carbon)",
    run: ({ plan, catalog, spec, profiles }) =>
      plan({ ...spec, constraints: {}, options: { ...spec.options, precisions: ["fp32", "int8"], batching: { ...spec.options.batching, maxBatch: 32 } } }, { catalog, profiles: [profiles.grid], now }),
  },
  exampleScenario,
  // A weighted objective also prices every candidate at both ends of its range (for robustness).
  { name: "example (balanced)", run: ({ plan, catalog, spec, profiles }) => plan({ ...spec, objective: "balanced" }, { catalog, profiles: [profiles.example], now }) },
];

/** The commit's tree in a temporary folder (the caller removes it), with this tree's packages linked in. */
export function extractRevision(repositoryRoot: string, revision: string): string {
  const folder = mkdtempSync(join(tmpdir(), "wattplan-bench-"));
  const archive = execFileSync("git", ["archive", "--format=tar", revision], { cwd: repositoryRoot, maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", folder], { input: archive });
  symlinkSync(join(repositoryRoot, "node_modules"), join(folder, "node_modules"), "dir");
  return folder;
}

/** Compiles the tree's dist/ with this tree's compiler (incremental: quick when it is up to date). */
export function buildTree(repositoryRoot: string, root: string): void {
  execFileSync(process.execPath, [join(repositoryRoot, "node_modules", "typescript", "bin", "tsc"), "-b", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
