// `npm run bench:startup [-- --runs N]`: how fast the shipped CLI (bin/wattplan.js → dist/) starts, as ratios to
// `node -e 0` measured in the same run. The commands run in turns (node, --help, plan, node, --help, plan, …) so that
// load from other processes on a shared machine falls on all of them alike; each figure is the median of its runs.
// Wall time is what a user waits; CPU time (user + system, from the process itself) is what other processes on a
// busy machine disturb least. Peak memory is each command's own maxRSS. A preload reports CPU time and maxRSS at exit.
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
writeFileSync(
  rssReporter,
  'process.on("exit", () => { const usage = process.resourceUsage(); process.stderr.write(`\\nwattplan-startup ${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}\\n`); });\n',
);
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

interface Run {
  wallMs: number;
  cpuMs: number;
  peakMb: number;
}

function runOnce(args: string[]): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", rssReporter, ...args], { cwd: repositoryRoot, encoding: "utf8" });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  const [, maxRssKb, cpuMs] = /wattplan-startup (\d+) ([\d.]+)/.exec(result.stderr) ?? [];
  return { wallMs, cpuMs: Number(cpuMs), peakMb: Number(maxRssKb) / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  for (const entry of cases) runOnce(entry.args); // warm the file cache
  const results = cases.map(() => [] as Run[]);
  for (let round = 0; round < runs; round++) cases.forEach((entry, index) => results[index].push(runOnce(entry.args)));
  const wallMs = results.map((list) => median(list.map((run) => run.wallMs)));
  const cpuMs = results.map((list) => median(list.map((run) => run.cpuMs)));
  const peakMb = results.map((list) => Math.max(...list.map((run) => run.peakMb)));
  console.log(`startup of the compiled CLI, median of ${runs} runs in turns (${process.platform} ${process.arch}, node ${process.version}; on a shared machine read the ratios, CPU time most)`);
  console.log("command                          wall ms  × node   CPU ms  × node  target  peak RSS MB");
  let missed = 0;
  cases.forEach((entry, index) => {
    const wallRatio = wallMs[index] / wallMs[0];
    const cpuRatio = cpuMs[index] / cpuMs[0];
    const target = entry.target ? `≤ ${entry.target.ratio}×` : "";
    const ok = (!entry.target || Math.min(wallRatio, cpuRatio) <= entry.target.ratio) && peakMb[index] <= MOST_RSS_MB;
    if (!ok) missed += 1;
    console.log(
      `${entry.label.padEnd(32)} ${wallMs[index].toFixed(0).padStart(7)}  ${wallRatio.toFixed(2).padStart(6)}  ${cpuMs[index].toFixed(0).padStart(7)}  ${cpuRatio.toFixed(2).padStart(6)}  ${target.padStart(6)}  ${peakMb[index].toFixed(0).padStart(11)}${ok ? "" : "  MISSED"}`,
    );
  });
  console.log(`peak RSS target: ≤ ${MOST_RSS_MB} MB for every command; ${missed === 0 ? "all targets met" : `${missed} target(s) missed`}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
