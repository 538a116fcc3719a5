// How long loading the whole catalog takes. Target: well under 100 ms.
//   npm run bench:catalog [-- --runs N]
// Four figures: the first load in this process (reading, parsing, the code still cold); a load of the shipped files
// as built (digests checked, records not validated again: what every `wattplan` command does), each run from a fresh
// copy so that the per-process cache of src/catalog/load.ts does not answer, once for the planned part alone (what
// `plan` reads) and once whole (its unplanned files read too, as `catalog instances` or `estimate` do); and a load that
// validates every record of the files and cross-checks them (a copy whose meta.json names another version: what a
// hand-edited catalog costs).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { defaultCatalogDirectory, loadCatalog } from "../../src/catalog/load.ts";

const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 20;
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs expects a positive integer");

const firstStart = performance.now();
const catalog = loadCatalog();
void catalog.instanceTypes;
const firstLoadMs = performance.now() - firstStart;

const scratch = mkdtempSync(join(tmpdir(), "wattplan-bench-catalog-"));
const plannedMs: number[] = [];
const asBuiltMs: number[] = [];
const validationMs: number[] = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const copy = join(scratch, String(run));
    cpSync(defaultCatalogDirectory, copy, { recursive: true });
    const start = performance.now();
    const loaded = loadCatalog(copy);
    plannedMs.push(performance.now() - start);
    void loaded.instanceTypes;
    asBuiltMs.push(performance.now() - start);
    const edited = join(scratch, `${run}-edited`);
    cpSync(defaultCatalogDirectory, edited, { recursive: true });
    const metaPath = join(edited, "meta.json");
    writeFileSync(metaPath, readFileSync(metaPath, "utf8").replace(/"version": "[^"]+"/, '"version": "sha256-edited"'));
    const validationStart = performance.now();
    void loadCatalog(edited).instanceTypes;
    validationMs.push(performance.now() - validationStart);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};
const records = [catalog.regions, catalog.instanceTypes, catalog.offers, catalog.accelerators, catalog.priors, catalog.sources].reduce((sum, list) => sum + list.length, 0);
process.stdout.write(
  `loadCatalog of ${records} records: first load ${firstLoadMs.toFixed(1)} ms; as built (fresh copy) median: the planned part ${median(plannedMs).toFixed(1)} ms, ` +
    `whole ${median(asBuiltMs).toFixed(1)} ms; ` +
    `validated in full median ${median(validationMs).toFixed(1)} ms (${runs} runs each)\n`,
);
