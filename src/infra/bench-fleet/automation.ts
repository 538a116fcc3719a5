// The thin adapter between `bench --on` and Pulumi's Automation API: one stack per bench machine, its inline program
// in this process, state in the backend given (a local folder by default) encrypted with the run's passphrase. The
// Automation API drives the Pulumi CLI: it must be installed (it is never downloaded from here).
import { access, constants, mkdir, rm } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";
import { LocalWorkspace, PulumiCommand, StackNotFoundError, type InlineProgramArgs, type LocalWorkspaceOptions, type PulumiFn } from "@pulumi/pulumi/automation/index.js";
import { WattplanError } from "../../errors.ts";
import type { BenchMachineSpec } from "./machine-spec.ts";
import { benchMachineProgram } from "./program.ts";
import type { ResultsLocation } from "./results-layout.ts";

export const BENCH_PROJECT = "wattplan-bench";

export interface AutomationSettings {
  /** Pulumi state backend: "file:///…", "s3://…", "gs://…", "azblob://…" or Pulumi Cloud's URL. */
  backendUrl: string;
  /** Encrypts the stacks' secrets (PULUMI_CONFIG_PASSPHRASE). */
  passphrase: string;
  /** Each stack gets a workspace folder (its Pulumi.yaml) below this one. */
  workRoot: string;
  /** The Pulumi CLI executable (default: `pulumi` found on PATH). */
  pulumiExecutable?: string;
  /** Pulumi's output per stack, for the log. */
  onOutput?: (stackName: string, text: string) => void;
}

export class BenchStacks {
  private command: Promise<PulumiCommand> | null = null;

  constructor(private readonly settings: AutomationSettings) {}

  /** Creates (or selects) the machine's stack and deploys it; resolves with where its results land. */
  async provision(spec: BenchMachineSpec, signal: AbortSignal): Promise<ResultsLocation> {
    const stack = await LocalWorkspace.createOrSelectStack(this.programArgs(spec.stackName, benchMachineProgram(spec)), await this.options(spec.stackName));
    try {
      const result = await stack.up({ color: "never", signal, onOutput: (text) => this.settings.onOutput?.(spec.stackName, text) });
      const results = result.outputs.results?.value as ResultsLocation | undefined;
      if (!results) throw new Error("the stack has no results output");
      return results;
    } catch (error) {
      throw new Error(reasonOf(error));
    }
  }

  /** Destroys the stack's resources and removes the stack; a stack that does not exist is already gone. */
  async destroy(stackName: string): Promise<void> {
    const options = await this.options(stackName);
    let stack;
    try {
      stack = await LocalWorkspace.selectStack(this.programArgs(stackName, async () => ({})), options);
    } catch (error) {
      if (error instanceof StackNotFoundError) return;
      throw new Error(reasonOf(error));
    }
    try {
      await stack.destroy({ color: "never", onOutput: (text) => this.settings.onOutput?.(stackName, text) });
      await stack.workspace.removeStack(stackName);
    } catch (error) {
      throw new Error(reasonOf(error));
    }
    await rm(join(this.settings.workRoot, stackName), { recursive: true, force: true });
  }

  /** Every stack of the project in the backend (names as the backend lists them). */
  async listStacks(): Promise<string[]> {
    const workspace = await LocalWorkspace.create({ ...(await this.options("list")), program: async () => ({}) });
    try {
      return (await workspace.listStacks()).map((summary) => summary.name);
    } catch (error) {
      throw new Error(reasonOf(error));
    }
  }

  private programArgs(stackName: string, program: PulumiFn): InlineProgramArgs {
    return { stackName, projectName: BENCH_PROJECT, program };
  }

  private async options(folder: string): Promise<LocalWorkspaceOptions> {
    const workDir = join(this.settings.workRoot, folder);
    await mkdir(workDir, { recursive: true });
    return {
      workDir,
      pulumiCommand: await this.pulumiCommand(),
      projectSettings: { name: BENCH_PROJECT, runtime: "nodejs", backend: { url: this.settings.backendUrl }, description: "wattplan's benchmark fleet: one short-lived stack per bench machine" },
      envVars: { PULUMI_BACKEND_URL: this.settings.backendUrl, PULUMI_CONFIG_PASSPHRASE: this.settings.passphrase, PULUMI_SKIP_UPDATE_CHECK: "true" },
    };
  }

  /** The installed CLI, named explicitly: the Automation API would otherwise offer to download one. */
  private pulumiCommand(): Promise<PulumiCommand> {
    this.command ??= (async () => {
      const executable = this.settings.pulumiExecutable ?? (await findOnPath("pulumi"));
      if (!executable) {
        throw new WattplanError("INVALID_INPUT", "the Pulumi CLI is not installed (no pulumi on PATH): benchmarking on cloud machines drives it", "install it (https://www.pulumi.com/docs/install/) and try again");
      }
      // PulumiCommand.get looks for <root>/bin/pulumi.
      return PulumiCommand.get({ root: dirname(dirname(executable)) });
    })();
    return this.command;
  }
}

async function findOnPath(name: string): Promise<string | null> {
  for (const directory of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(directory, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return null;
}

/**
 * Pulumi's failure in one line: the first diagnostic that says what went wrong ("creating EC2 Instance:
 * InsufficientInstanceCapacity: …", "Quota 'GPUS_ALL_REGIONS' exceeded"), not the CLI's "update failed" summary.
 */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const diagnostics = lines
    .filter((line) => /\berror: /.test(line))
    .map((line) => line.slice(line.indexOf("error: ") + "error: ".length).trim())
    .filter((line) => !/^(update failed|preview failed|destroy failed)$/i.test(line) && !/^an unhandled error occurred/i.test(line));
  // Without a diagnostic, the first line of what the CLI said, without the Automation API's "code:/stderr:" labels.
  const said = lines.map((line) => line.replace(/^(code|stdout|stderr|err\?):\s*/, "")).filter((line) => line !== "" && !/^-?\d+$/.test(line));
  return (diagnostics[0] ?? said[0] ?? "Pulumi failed").slice(0, 400);
}
