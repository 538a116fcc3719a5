// How long loading (reading, parsing and validating) the whole catalog takes. Target: well under 100 ms.
//   npm run bench:catalog [-- --runs N]
import { performance } from "node:perf_hooks";
import { loadCatalog } from "../../src/catalog/load.ts";

const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 20;
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs expects a positive integer");

const firstStart = performance.now();
const catalog = loadCatalog();
const firstLoadMs = performance.now() - firstStart;

const timesMs: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const start = performance.now();
  loadCatalog();
  timesMs.push(performance.now() - start);
}
timesMs.sort((a, b) => a - b);
const median = timesMs.length % 2 ? timesMs[(timesMs.length - 1) / 2] : (timesMs[timesMs.length / 2 - 1] + timesMs[timesMs.length / 2]) / 2;

const records = [catalog.regions, catalog.instanceTypes, catalog.offers, catalog.accelerators, catalog.priors, catalog.sources].reduce((sum, list) => sum + list.length, 0);
process.stdout.write(
  `loadCatalog: median ${median.toFixed(1)} ms over ${runs} runs (min ${timesMs[0].toFixed(1)}, max ${timesMs.at(-1)?.toFixed(1)}; first load ${firstLoadMs.toFixed(1)} ms) for ${records} records\n`,
);
