// Builds examples/history: real plans of the bundled example at a few variations of its spec, recorded with
// `wattplan plan --record` and dated with `--now` to tell a year's story. The dates are illustrative (the records
// say so); the figures are what wattplan plans for each variation. Run it deliberately on an empty folder:
//   rm -rf examples/history/*.json && npm run example:history
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";

const historyDirectory = "examples/history";

/** What the team changed, when (illustrative), as spec keys set on examples/spec.yaml. */
const steps: Array<{ now: string; story: string; set: Record<string, unknown> }> = [
  { now: "2025-01-15", story: "the cheapest fleet in the US East regions", set: { objective: "cost", "constraints.regions": { allow: ["us-east-*"] } } },
  { now: "2025-03-01", story: "ranked on carbon, still in the US East regions", set: { "constraints.regions": { allow: ["us-east-*"] } } },
  { now: "2025-04-15", story: "ranked on carbon across all US regions", set: { "constraints.regions": { allow: ["us-*"] } } },
  { now: "2025-06-01", story: "ranked on carbon, every region (examples/spec.yaml as it is)", set: {} },
  { now: "2025-07-01", story: "regions ranked on operational grid figures instead of lifecycle ones: a data refresh", set: { "options.intensityBasis": "operational" } },
];

const exampleText = readFileSync("examples/spec.yaml", "utf8");
// Inside the repository, so each record carries the commit it was planned at.
const variants = mkdtempSync(".example-history-");
try {
  for (const [index, step] of steps.entries()) {
    const document = parseDocument(exampleText);
    for (const [key, value] of Object.entries(step.set)) document.setIn(key.split("."), value);
    const specPath = join(variants, `spec-${index + 1}.yaml`);
    writeFileSync(specPath, document.toString());
    process.stderr.write(`${step.now}: ${step.story}\n`);
    // The profile is the example's; the spec keeps `profile: ./profile.json` as written, so plan ids do not depend on this folder.
    execFileSync(process.execPath, ["bin/wattplan.cjs", "plan", specPath, "--profile", "examples/profile.json", "--record", historyDirectory, "--now", step.now], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
} finally {
  rmSync(variants, { recursive: true, force: true });
}
