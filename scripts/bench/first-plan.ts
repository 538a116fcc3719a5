// Child process of the cold-plan benchmark (./cold-plans.ts): loads the compiled planner (dist/) of the tree at
// argv[2] and the example's inputs, then times the first plan() of this fresh process (what `wattplan plan` pays once its modules and
// catalog are loaded: lazy compilation, cold inline caches, a young heap) and a second, warm one. One JSON line out.
import { loadPlanner, exampleScenario } from "./planner-tree.ts";

const root = process.argv[2];
if (!root) throw new Error("usage: first-plan.ts TREE_ROOT");
const planner = await loadPlanner(root, root, "compiled");

function timed(): { wallMs: number; cpuMs: number; id: string } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { id } = exampleScenario.run(planner);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, id };
}

const first = timed();
const second = timed();
process.stdout.write(`${JSON.stringify({ first, second })}\n`);
