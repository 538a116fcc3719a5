// The library speaks in spec keys and option names; only src/cli/ names the CLI's flags (it maps error details to
// hints, src/cli/hints.ts). A library string naming a flag is wrong for every caller that is not the CLI.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";
import { sourceFiles } from "./import-graph.ts";
import { stringLiterals } from "./string-literals.ts";

const sourceRoot = fileURLToPath(new URL("../../src/", import.meta.url));

/** Strings outside src/cli/ allowed to contain one of wattplan's flags, each with why. */
const allowed: { file: string; flag: string; reason: string }[] = [
  { file: "bench/energy/nvidia-smi.ts", flag: "--format", reason: "nvidia-smi's own option, in its argument list" },
  { file: "infra/host-setup.ts", flag: "--batch", reason: "gpg's own option, in the instance boot script" },
  { file: "infra/host-setup.ts", flag: "--now", reason: "systemctl's own option, in the instance boot script" },
  { file: "infra/host-setup.ts", flag: "--yes", reason: "gpg's own option, in the instance boot script" },
  { file: "infra/bench-fleet/boot-script.ts", flag: "--region", reason: "the AWS CLI's own option, in the bench machine's boot script" },
  { file: "infra/bench-fleet/boot-script.ts", flag: "--out", reason: "the bench machine runs wattplan's own CLI, and where the profile goes on that machine is the script's business" },
  { file: "bench-fleet/package-wattplan.ts", flag: "--json", reason: "npm's own option (`npm pack --json`)" },
  { file: "pulumi-state/read-stack-document.ts", flag: "--json", reason: "pulumi's own option (`pulumi preview --json`), telling the user which document to give" },
  { file: "stack-estimate/estimate-stack.ts", flag: "--json", reason: "pulumi's own option (`pulumi preview --json --show-sames`)" },
  { file: "report/html/styles.ts", flag: "--base", reason: "a CSS custom property of the HTML report's stylesheet" },
  { file: "infra/read-config.ts", flag: "--stack", reason: "Pulumi prints this error during `pulumi up`, where no wattplan CLI can add a hint" },
  { file: "infra/read-config.ts", flag: "--candidate", reason: "Pulumi prints this error during `pulumi up`, where no wattplan CLI can add a hint" },
  { file: "infra/azure-fleet.ts", flag: "--config", reason: "Pulumi prints this error during `pulumi up`, where no wattplan CLI can add a hint" },
  { file: "infra/artifact-file.ts", flag: "--stack", reason: "Pulumi prints this error during `pulumi up`, where no wattplan CLI can add a hint" },
  { file: "infra/aws-network.ts", flag: "--candidate", reason: "Pulumi prints this error during `pulumi up`, where no wattplan CLI can add a hint" },
  { file: "infra/gcp-fleet.ts", flag: "--config", reason: "Pulumi prints this error during `pulumi up`, where no wattplan CLI can add a hint" },
  {
    file: "plan/plan-notes.ts",
    flag: "--instance-type",
    reason: "a warning stored in the Plan JSON and read in PR comments and HTML reports; structured warnings are a schema change of their own",
  },
  {
    file: "plan/time-shifted-batch.ts",
    flag: "--intensity-source",
    reason: "a warning stored in the Plan JSON and read in PR comments and HTML reports; structured warnings are a schema change of their own",
  },
];

function cliFlags(): string[] {
  const flags = new Set<string>();
  const visit = (command: Command) => {
    for (const option of command.options) if (option.long) flags.add(option.long);
    command.commands.forEach(visit);
  };
  visit(buildProgram());
  return [...flags].sort();
}

function flagMentions(): { file: string; line: number; flag: string; text: string }[] {
  const patterns = cliFlags().map((flag) => ({ flag, pattern: new RegExp(`(?<![\\w-])${flag}(?![\\w-])`) }));
  return sourceFiles(sourceRoot)
    .map((path) => relative(sourceRoot, path).split("\\").join("/"))
    .filter((file) => !file.startsWith("cli/"))
    .flatMap((file) =>
      stringLiterals(`${sourceRoot}${file}`).flatMap(({ text, line }) =>
        patterns.filter(({ pattern }) => pattern.test(text)).map(({ flag }) => ({ file, line, flag, text: text.slice(0, 100) })),
      ),
    );
}

const mentions = flagMentions();

describe("CLI flags", () => {
  it("are read from the CLI itself", () => {
    expect(cliFlags()).toEqual(expect.arrayContaining(["--shape", "--input", "--candidate", "--force", "--vary", "--json", "--out"]));
  });

  it("are named by no string of the library outside src/cli/, apart from the listed exceptions", () => {
    const found = mentions.filter((mention) => !allowed.some((entry) => entry.file === mention.file && entry.flag === mention.flag));
    expect(found.map((mention) => `src/${mention.file}:${mention.line} names ${mention.flag}: ${mention.text}`)).toEqual([]);
  });

  it("lists only exceptions that still occur", () => {
    const stale = allowed.filter((entry) => !mentions.some((mention) => mention.file === entry.file && mention.flag === entry.flag));
    expect(stale).toEqual([]);
  });
});
