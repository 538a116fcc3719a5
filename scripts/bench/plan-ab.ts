// `npm run bench:plan:ab [-- --base REV] [-- --runs N] [-- --processes N]`: planning time of this working tree (B)
// against a commit (A, default HEAD), side by side. Warm: both trees' planners are loaded in one process (A from a
// `git archive` of REV in a temporary folder) and their runs alternate A, B, B, A, … so that load from other processes
// on a shared machine falls on both alike. Cold: the first plan() of the example in fresh processes of each tree, in
// the same turns (./cold-plans.ts). Absolute times vary with the machine and its load; the ratio B/A is what to compare.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { coldLine, coldPlans, hostLine } from "./cold-plans.ts";
import { extractRevision, loadPlanner, median, scenarios, type Planner } from "./planner-tree.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const flag = (name: string, fallback: string) => {
  const position = process.argv.indexOf(`--${name}`);
  return position > 0 ? process.argv[position + 1] : fallback;
};
const base = flag("base", "HEAD");
const runs = Number(flag("runs", "21"));
if (!Number.isInteger(runs) || runs < 15) throw new Error("--runs expects a whole number of at least 15");
const processes = Number(flag("processes", "9"));
if (!Number.isInteger(processes) || processes < 5) throw new Error("--processes expects a whole number of at least 5");

const baseFolder = extractRevision(repositoryRoot, base);
try {
  const a = await loadPlanner(`A ${base}`, baseFolder);
  const b = await loadPlanner("B working tree", repositoryRoot);
  const lines = [await hostLine(), `A = ${base}, B = this working tree; ${runs} runs each per scenario, alternating A/B in one process (after 3 warm-up runs each)`];
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
  const [coldA, coldB] = coldPlans([{ label: `A ${base}`, root: baseFolder }, { label: "B working tree", root: repositoryRoot }], processes);
  const sameIds = coldA.ids.size === 1 && coldB.ids.size === 1 && [...coldA.ids][0] === [...coldB.ids][0];
  lines.push(
    `cold, example (carbon): the first plan() in ${processes} fresh processes per tree, in turns`,
    `  ${coldLine(coldA)}`,
    `  ${coldLine(coldB)}`,
    `  B/A first plan() wall ${(coldB.firstWallMs / coldA.firstWallMs).toFixed(3)}, CPU ${(coldB.firstCpuMs / coldA.firstCpuMs).toFixed(3)}; ` +
      `warm ${(coldB.warmWallMs / coldA.warmWallMs).toFixed(3)} (plan ids ${sameIds ? "equal" : "differ"})`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  rmSync(baseFolder, { recursive: true, force: true });
}
