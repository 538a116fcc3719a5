// Where a command's words go. The human result (tables, summaries) goes to stdout, so `wattplan catalog instances |
// grep L4` works; diagnostics, progress and confirmations go to stderr; --json puts only the machine result on
// stdout. Every known secret is masked in all of it, whatever a remote server echoed back.
import { Option, type Command } from "commander";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { redactSecrets } from "../intensity/redact.ts";

/** The slice of a stream the CLI writes to (process.stdout, or a buffer when run in-process). */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** What one run of the CLI may touch besides files: its two streams and its environment. */
export interface CliContext {
  stdout: TextStream;
  stderr: TextStream;
  env: Record<string, string | undefined>;
}

export interface OutputOptions {
  json?: boolean;
  out?: string;
}

/**
 * The environment variables that hold credentials: their values never reach a stream or a file we write. Besides
 * wattplan's own, those of the clouds, Pulumi and their SDKs, which `bench --on` runs with (a cloud's error text can
 * quote what it was given).
 */
export const SECRET_ENVIRONMENT_VARIABLES = [
  "ELECTRICITY_MAPS_API_KEY",
  "WATTTIME_PASSWORD",
  "GITHUB_TOKEN",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PASSWORD",
  "AZURE_STORAGE_KEY",
  "AZURE_STORAGE_SAS_TOKEN",
  "ARM_CLIENT_SECRET",
  "ARM_CLIENT_CERTIFICATE_PASSWORD",
  "ARM_ACCESS_KEY",
  "GOOGLE_CREDENTIALS",
  "GOOGLE_OAUTH_ACCESS_TOKEN",
  "CLOUDSDK_AUTH_ACCESS_TOKEN",
  "PULUMI_ACCESS_TOKEN",
  "PULUMI_CONFIG_PASSPHRASE",
] as const;

/** The secret values in `env`: each variable's value, and the private key inside a service account's JSON. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const values = SECRET_ENVIRONMENT_VARIABLES.flatMap((name) => {
    const value = env[name]?.trim();
    return value ? [value] : [];
  });
  return [...values, ...values.flatMap(privateKeysIn)];
}

/** GOOGLE_CREDENTIALS may hold a service account key file's JSON: its private key can be quoted on its own. */
function privateKeysIn(value: string): string[] {
  if (!value.startsWith("{")) return [];
  try {
    const parsed = JSON.parse(value) as { private_key?: unknown; private_key_id?: unknown };
    return [parsed.private_key, parsed.private_key_id].filter((key): key is string => typeof key === "string" && key !== "");
  } catch {
    return [];
  }
}

export interface CommandOutput {
  /** One line (or block) of the human result, on stdout. */
  print(text?: string): void;
  /** Text of the result exactly as given (a rendered report), on stdout. */
  write(text: string): void;
  /** A diagnostic, progress line, hint or confirmation, on stderr. */
  note(text?: string): void;
  /** A file the user asked for (--out), written atomically. */
  writeFile(path: string, text: string): Promise<void>;
  /** --json on stdout and/or --out FILE. */
  machine(options: OutputOptions, data: unknown): Promise<void>;
  /** Masks every known secret in `text`. */
  redact(text: string): string;
}

export function commandOutput(context: CliContext): CommandOutput {
  const secrets = secretValues(context.env);
  const redact = (text: string) => redactSecrets(text, secrets);
  const output: CommandOutput = {
    print: (text = "") => context.stdout.write(`${redact(text)}\n`),
    write: (text) => context.stdout.write(redact(text)),
    note: (text = "") => context.stderr.write(`${redact(text)}\n`),
    writeFile: (path, text) => writeFileAtomic(path, redact(text)),
    async machine(options, data) {
      const text = `${JSON.stringify(data, null, 2)}\n`;
      if (options.out) await output.writeFile(options.out, text);
      if (options.json) output.write(text);
    },
    redact,
  };
  return output;
}

/** `--json` and `--out FILE` behave the same on every command that produces data. */
export function addOutputOptions(command: Command): Command {
  return command
    .addOption(new Option("--json", "print the machine-readable result on stdout (instead of the human one)"))
    .addOption(new Option("--out <file>", "write the machine-readable result to FILE (atomically)"));
}
