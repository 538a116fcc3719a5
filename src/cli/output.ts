import { Option, type Command } from "commander";
import { writeFileAtomic } from "../io/atomic-write.ts";

export interface OutputOptions {
  json?: boolean;
  out?: string;
}

/** `--json` and `--out FILE` behave the same on every command that produces data. */
export function addOutputOptions(command: Command): Command {
  return command
    .addOption(new Option("--json", "print the machine-readable result on stdout"))
    .addOption(new Option("--out <file>", "write the machine-readable result to FILE (atomically)"));
}

/**
 * Machine output goes to stdout (--json) and/or a file (--out, atomically); human text goes to stderr,
 * so `wattplan ... --json | jq` always receives clean JSON.
 */
export async function emitMachineOutput(options: OutputOptions, data: unknown): Promise<void> {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  if (options.out) await writeFileAtomic(options.out, text);
  if (options.json) process.stdout.write(text);
}

export function say(line = ""): void {
  process.stderr.write(`${line}\n`);
}
