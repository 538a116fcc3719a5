// `npm run bench:startup [-- --runs N]`: how fast the shipped CLI (bin/wattplan.js → dist/) starts, as ratios to
// `node -e 0` measured in the same run. The commands run in turns (node, --help, plan, node, --help, plan, …) so that
// load from other processes on a shared machine falls on all of them alike; each figure is the median of its runs.
// Peak memory is each command's own maxRSS, reported by a preload that prints it at exit.
// Targets (issue 11): --help at most 2× node -e 0, plan from a saved profile at most 4×, peak RSS at most 200 MB.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const position = process.argv.indexOf("--runs");
const runs = position > 0 ? Number(process.argv[position + 1]) : 11;
if (!Number.isInteger(runs) || runs < 5) throw new Error("--runs expects a whole number of at least 5");
if (!existsSync(join(repositoryRoot, "dist", "cli", "main.js"))) throw new Error("dist/ is not built: run npm run build first");

const scratch = mkdtempSync(join(tmpdir(), "wattplan-startup-"));
const rssReporter = join(scratch, "report-rss.mjs");
writeFileSync(rssReporter, 'process.on("exit", () => process.stderr.write(`\\nmaxRSS ${process.resourceUsage().maxRSS}\\n`));\n');
const bin = join(repositoryRoot, "bin", "wattplan.js");

interface Case {
  label: string;
  args: string[];
  target?: { ratio: number };
}

const cases: Case[] = [
  { label: "node -e 0", args: ["-e", "0"] },
  { label: "wattplan --help", args: [bin, "--help"], target: { ratio: 2 } },
  { label: "wattplan plan (saved profile)", args: [bin, "plan", "examples/spec.yaml", "--out", join(scratch, "plan.json")], target: { ratio: 4 } },
];
const MOST_RSS_MB = 200;

function runOnce(args: string[], preload: string[] = []): { ms: number; stderr: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...preload, ...args], { cwd: repositoryRoot, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return { ms, stderr: result.stderr };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  for (const entry of cases) runOnce(entry.args); // warm the file cache
  const timesMs = cases.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) cases.forEach((entry, index) => timesMs[index].push(runOnce(entry.args).ms));
  const peakMb = cases.map((entry) => {
    const { stderr } = runOnce(entry.args, ["--import", rssReporter]);
    return Number(/maxRSS (\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024;
  });
  const baselineMs = median(timesMs[0]);
  console.log(`startup of the compiled CLI, median of ${runs} runs in turns (machine: ${process.platform} ${process.arch}, node ${process.version}; a shared machine: read the ratios)`);
  console.log("command                          median ms  × node -e 0  target  peak RSS MB");
  let missed = 0;
  cases.forEach((entry, index) => {
    const ms = median(timesMs[index]);
    const ratio = ms / baselineMs;
    const target = entry.target ? `≤ ${entry.target.ratio}×` : "";
    const ok = (!entry.target || ratio <= entry.target.ratio) && peakMb[index] <= MOST_RSS_MB;
    if (!ok) missed += 1;
    console.log(`${entry.label.padEnd(32)} ${ms.toFixed(0).padStart(9)}  ${ratio.toFixed(2).padStart(11)}  ${target.padStart(6)}  ${peakMb[index].toFixed(0).padStart(11)}${ok ? "" : "  MISSED"}`);
  });
  console.log(`peak RSS target: ≤ ${MOST_RSS_MB} MB for every command; ${missed === 0 ? "all targets met" : `${missed} target(s) missed`}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
