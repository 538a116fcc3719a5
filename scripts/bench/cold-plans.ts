// The first plan() of a fresh process, the part of `wattplan plan`'s start-up that is the planner's own, in each
// tree's compiled dist/ (built first) as the CLI runs it: each tree's child (./first-plan.ts) runs in turns with the others (A, B, B, A, …) so that load from other processes on a shared
// machine falls on all alike; each figure is the median over the processes. A warm (second) call is timed in the same
// processes for comparison. CPU time counts every thread of the process (the garbage collector's helpers included).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { probeHost } from "../../src/bench/host-probe.ts";
import { buildTree, median } from "./planner-tree.ts";

const child = join(dirname(fileURLToPath(import.meta.url)), "first-plan.ts");
const repositoryRoot = join(dirname(child), "..", "..");

export interface Tree {
  label: string;
  root: string;
}

interface Call {
  wallMs: number;
  cpuMs: number;
  id: string;
}

export interface ColdFigures {
  tree: Tree;
  firstWallMs: number;
  /** The quickest process: on a shared machine, the one least disturbed. */
  firstWallMinMs: number;
  firstCpuMs: number;
  warmWallMs: number;
  ids: Set<string>;
}

function firstPlanIn(tree: Tree): { first: Call; second: Call } {
  const result = spawnSync(process.execPath, ["--import", "tsx", child, tree.root], { cwd: tree.root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the first-plan child of ${tree.label} exited ${result.status}: ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}

/** `processes` fresh processes per tree, in turns. */
export function coldPlans(trees: Tree[], processes: number): ColdFigures[] {
  for (const tree of trees) buildTree(repositoryRoot, tree.root);
  const calls = new Map<Tree, Array<{ first: Call; second: Call }>>(trees.map((tree) => [tree, []]));
  for (let round = 0; round < processes; round++) {
    for (const tree of round % 2 === 0 ? trees : [...trees].reverse()) calls.get(tree)!.push(firstPlanIn(tree));
  }
  return trees.map((tree) => {
    const runs = calls.get(tree)!;
    return {
      tree,
      firstWallMs: median(runs.map((run) => run.first.wallMs)),
      firstWallMinMs: Math.min(...runs.map((run) => run.first.wallMs)),
      firstCpuMs: median(runs.map((run) => run.first.cpuMs)),
      warmWallMs: median(runs.map((run) => run.second.wallMs)),
      ids: new Set(runs.flatMap((run) => [run.first.id, run.second.id])),
    };
  });
}

/** One line naming what the figures were measured on: timings move with the CPU and its instruction set. */
export async function hostLine(): Promise<string> {
  const host = await probeHost();
  return `host: ${host.cpuModel}, ${host.logicalCores} logical cores, ${host.architecture} (${host.isaFlags.join(" ") || "no notable ISA flags"}), node ${process.version}`;
}

export function coldLine(figures: ColdFigures): string {
  return (
    `${figures.tree.label}: first plan() median ${figures.firstWallMs.toFixed(1)} ms wall (min ${figures.firstWallMinMs.toFixed(1)}), ${figures.firstCpuMs.toFixed(1)} ms CPU; ` +
    `second (warm) ${figures.warmWallMs.toFixed(1)} ms`
  );
}
