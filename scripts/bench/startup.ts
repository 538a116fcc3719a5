// `npm run bench:startup [-- --runs N] [-- --base REV]`: how fast the shipped CLI (bin/wattplan.cjs → dist/) starts, as
// ratios to `node -e 0` measured in the same run (the bundle dist/cli/wattplan.cjs with its code cache: src/cli/bundle.ts).
// The commands run in turns (node, --help, plan, node, --help, plan, …) so that load from other processes on a shared
// machine falls on all of them alike; each figure is the median of its runs. With --base, the CLI of commit REV (a
// `git archive` of it, built in a temporary folder) runs `plan` in the same turns, for a before/after ratio measured
// side by side.
// Wall time is what a user waits; CPU time (user + system, from the process itself) is what other processes on a
// busy machine disturb least. Peak memory is each command's own maxRSS. A preload reports CPU time and maxRSS at exit,
// and (on Linux) how long the main thread waited for a core while it could run: on a 2-core machine node's own compiler
// and GC threads take turns with it, which wall time shows and CPU time does not.
// Every run gets an empty WATTPLAN_HOME, so a code cache that the user's own runs left there (src/cli/bundle.ts) plays
// no part: the CLI starts from the build's cache, as on a fresh install.
// Targets (issue 11): --help at most 2× node -e 0, plan from a saved profile at most 4×, peak RSS at most 200 MB.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { probeHost } from "../../src/bench/host-probe.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const flag = (name: string) => {
  const position = process.argv.indexOf(`--${name}`);
  return position > 0 ? process.argv[position + 1] : undefined;
};
const runs = Number(flag("runs") ?? 11);
if (!Number.isInteger(runs) || runs < 5) throw new Error("--runs expects a whole number of at least 5");
const base = flag("base");
if (!existsSync(join(repositoryRoot, "dist", "cli", "wattplan.cjs"))) throw new Error("dist/ is not built: run npm run build first");

const scratch = mkdtempSync(join(tmpdir(), "wattplan-startup-"));
// Preloaded with --require, not --import: an ES module preload would start node's ES module loader in every case,
// which the CLI (CommonJS from bin/wattplan.cjs on) and node -e 0 do not.
const rssReporter = join(scratch, "report-rss.cjs");
writeFileSync(
  rssReporter,
  [
    'const { readFileSync } = require("node:fs");',
    "// The main thread's time on a run queue, ns (the second field of its schedstat); -1 where the kernel does not say.",
    'const waitedNs = () => { try { return Number(readFileSync("/proc/thread-self/schedstat", "latin1").split(" ")[1]); } catch { return -1; } };',
    'process.on("exit", () => { const usage = process.resourceUsage(); const waited = waitedNs(); process.stderr.write(`\\nwattplan-startup ${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000} ${waited < 0 ? -1 : waited / 1e6}\\n`); });',
    "",
  ].join("\n"),
);
const home = join(scratch, "home");
mkdirSync(home);
const bin = binOf(repositoryRoot);

/** REV's tree in a temporary folder, its CLI built there with this tree's compiler and packages. */
function builtBase(revision: string): string {
  const folder = join(scratch, "base");
  mkdirSync(folder);
  const archive = execFileSync("git", ["archive", "--format=tar", revision], { cwd: repositoryRoot, maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", folder], { input: archive });
  symlinkSync(join(repositoryRoot, "node_modules"), join(folder, "node_modules"), "dir");
  execFileSync(process.execPath, [join(repositoryRoot, "node_modules", "typescript", "bin", "tsc"), "-b", "tsconfig.build.json"], { cwd: folder, stdio: "inherit" });
  // A revision that ships the CLI as a bundle builds it (and its code cache) as its own `npm run build` does.
  if (existsSync(join(folder, "scripts", "build-cli-bundle.ts"))) {
    execFileSync(process.execPath, [join(repositoryRoot, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/build-cli-bundle.ts"], { cwd: folder, stdio: "inherit" });
  }
  return folder;
}

interface Case {
  label: string;
  args: string[];
  /** The folder it runs in (default: this tree). */
  cwd?: string;
  target?: { ratio: number };
}

const planArgs = (cliBin: string) => [cliBin, "plan", "examples/spec.yaml", "--out", join(scratch, "plan.json")];
const cases: Case[] = [
  { label: "node -e 0", args: ["-e", "0"] },
  { label: "wattplan --help", args: [bin, "--help"], target: { ratio: 2 } },
  { label: "wattplan plan (saved profile)", args: planArgs(bin), target: { ratio: 4 } },
];
const PLAN = 2;
const MOST_RSS_MB = 200;

interface Run {
  wallMs: number;
  cpuMs: number;
  peakMb: number;
  /** How long the main thread waited for a core; NaN where unknown. */
  waitedMs: number;
}

function runOnce({ args, cwd = repositoryRoot }: Case): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--require", rssReporter, ...args], { cwd, encoding: "utf8", env: { ...process.env, WATTPLAN_HOME: home } });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  const [, maxRssKb, cpuMs, waitedMs] = /wattplan-startup (\d+) ([\d.]+) (-?[\d.]+)/.exec(result.stderr) ?? [];
  return { wallMs, cpuMs: Number(cpuMs), peakMb: Number(maxRssKb) / 1024, waitedMs: Number(waitedMs) < 0 ? Number.NaN : Number(waitedMs) };
}

/** Whether the CLI bundle starts from its code cache here (src/cli/bundle.ts), as plain node loads it. */
function codeCacheUse(): string {
  const script = 'import { loadBundle, useCliV8Flags } from "./dist/cli/bundle.js"; useCliV8Flags(); process.stdout.write(loadBundle().codeCache);';
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repositoryRoot, encoding: "utf8" });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  if (base) {
    const baseFolder = builtBase(base);
    cases.push({ label: `plan at ${base}`.slice(0, 32), args: planArgs(binOf(baseFolder)), cwd: baseFolder });
  }
  for (const entry of cases) runOnce(entry); // warm the file cache
  const results = cases.map(() => [] as Run[]);
  for (let round = 0; round < runs; round++) cases.forEach((entry, index) => results[index].push(runOnce(entry)));
  const wallMs = results.map((list) => median(list.map((run) => run.wallMs)));
  const cpuMs = results.map((list) => median(list.map((run) => run.cpuMs)));
  const peakMb = results.map((list) => Math.max(...list.map((run) => run.peakMb)));
  const waitedMs = results.map((list) => median(list.map((run) => run.waitedMs)));
  const host = await probeHost();
  console.log(`startup of the compiled CLI, median of ${runs} runs in turns; on a shared machine read the ratios, CPU time most`);
  console.log(`host: ${host.cpuModel}, ${host.logicalCores} logical cores, ${host.platform} ${host.architecture}, ISA ${host.isaFlags.join(" ") || "(none listed)"}, node ${process.version}`);
  console.log(`code cache of dist/cli/wattplan.cjs: ${codeCacheUse()}`);
  console.log("command                          wall ms  × node   CPU ms  × node  target  peak RSS MB  waited ms");
  let missed = 0;
  cases.forEach((entry, index) => {
    const wallRatio = wallMs[index] / wallMs[0];
    const cpuRatio = cpuMs[index] / cpuMs[0];
    const target = entry.target ? `≤ ${entry.target.ratio}×` : "";
    const ok = (!entry.target || Math.min(wallRatio, cpuRatio) <= entry.target.ratio) && peakMb[index] <= MOST_RSS_MB;
    if (!ok) missed += 1;
    console.log(
      `${entry.label.padEnd(32)} ${wallMs[index].toFixed(0).padStart(7)}  ${wallRatio.toFixed(2).padStart(6)}  ${cpuMs[index].toFixed(0).padStart(7)}  ${cpuRatio.toFixed(2).padStart(6)}  ${target.padStart(6)}  ${peakMb[index].toFixed(0).padStart(11)}  ${Number.isNaN(waitedMs[index]) ? "-".padStart(9) : waitedMs[index].toFixed(0).padStart(9)}${ok ? "" : "  MISSED"}`,
    );
  });
  console.log(`peak RSS target: ≤ ${MOST_RSS_MB} MB for every command; ${missed === 0 ? "all targets met" : `${missed} target(s) missed`}`);
  console.log("waited ms: the main thread's time ready to run but without a core (its own compiler and GC threads, other processes)");
  if (base) {
    const basePlan = cases.length - 1;
    console.log(`plan, this tree / ${base}: wall ×${(wallMs[PLAN] / wallMs[basePlan]).toFixed(2)}, CPU ×${(cpuMs[PLAN] / cpuMs[basePlan]).toFixed(2)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** A tree's executable: bin/wattplan.cjs, or bin/wattplan.js in trees from before the CommonJS start. */
function binOf(folder: string): string {
  const commonJs = join(folder, "bin", "wattplan.cjs");
  return existsSync(commonJs) ? commonJs : join(folder, "bin", "wattplan.js");
}
