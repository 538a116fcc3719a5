// Runs the wattplan CLI for the tests: in-process through runCli (what main.ts wraps), or as a real process where
// the process itself is under test (exit codes set by main.ts, the bin entry, EPIPE).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli as runCliInProcess } from "../../src/cli/run-cli.ts";
import { assertBuilt } from "../compiled.ts";

export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/wattplan.cjs", import.meta.url));

/**
 * The user folder of the processes (bench --on's state, the CLI's own code cache when the build's does not fit this
 * Node.js): a temporary one unless a test names its own, so that no test writes to the real ~/.wattplan.
 */
let processHome: string | undefined;
function testHome(): string {
  if (!processHome) {
    const home = (processHome = mkdtempSync(join(tmpdir(), "wattplan-home-")));
    process.on("exit", () => rmSync(home, { recursive: true, force: true }));
  }
  return processHome;
}

export interface CliRun {
  /** The exit code: 0 ok, 1 user error, 2 internal error. */
  code: number;
  stdout: string;
  stderr: string;
  /** Both streams in the order they were written, as a terminal shows them (in-process runs only). */
  terminal?: string;
}

export interface CliOptions {
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Added to (or, with undefined, removed from) this process's environment. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * One CLI run in this process, with its own stdout, stderr and environment. The working directory is the process's,
 * so runs are queued one after another and each changes into its folder for its duration.
 */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const run = queue.then(async () => {
    let stdout = "";
    let stderr = "";
    let terminal = "";
    const previousDirectory = process.cwd();
    process.chdir(options.cwd ?? repositoryRoot);
    try {
      const code = await runCliInProcess(args, {
        stdout: { write: (text: string) => ((stdout += text), (terminal += text)) },
        stderr: { write: (text: string) => ((stderr += text), (terminal += text)) },
        env: environment(options.env),
      });
      return { code, stdout, stderr, terminal };
    } finally {
      process.chdir(previousDirectory);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** The real executable (node bin/wattplan.cjs, the compiled CLI), for what only a process shows. */
export function runCliProcess(args: string[], options: CliOptions = {}): Promise<CliRun> {
  assertBuilt();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd ?? repositoryRoot, env: environment(options.env), timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function environment(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, WATTPLAN_HOME: testHome(), ...overrides };
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete env[name];
  return env;
}
