// `wattplan whatif SPEC.yaml --vary key=v1,v2 [--vary ...] [--json]`: plan every combination of the variations and
// compare each with the first. The table goes to stdout; --json (instead of it) and --out give the plans and diffs as data.
import { Command, Option } from "commander";
import { dirname, resolve } from "node:path";
import { WattplanError } from "../../errors.ts";
import { addOutputOptions, commandOutput, type CliContext, type OutputOptions } from "../output.ts";
import { formatTable } from "../../format/table.ts";

interface WhatIfCommandOptions extends OutputOptions {
  vary: string[];
  profile: string[];
  catalog?: string;
}

export function registerWhatIfCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  addOutputOptions(
    program
      .command("whatif")
      .description("plan every combination of spec variations and compare each with the first")
      .argument("<spec>", "workload spec (YAML)")
      .addOption(
        new Option("--vary <key=values>", "a spec key and the values to try: ',' separates values, ';' the items of a list value (repeat for more keys)")
          .argParser((value: string, previous: string[] = []) => [...previous, value])
          .makeOptionMandatory(),
      )
      .addOption(
        new Option("--profile <file>", "a saved ModelProfile (repeat for several)")
          .argParser((value: string, previous: string[] = []) => [...previous, value])
          .default([], "the spec's model.profile"),
      )
      .addOption(new Option("--catalog <dir>", "read the catalog from DIR instead of the bundled one").hideHelp()),
  )
    .addHelpText("after", "\nExample:\n  wattplan whatif spec.yaml --vary options.precisions='fp32,int8' --vary constraints.regions.allow='eu-*;europe-*,us-*'")
    .action(async (specPath: string, options: WhatIfCommandOptions) => {
      const [{ parseVary, whatIf, formatWhatIfTable }, { readSpecFile }, { readProfiles }, { loadCatalog }] = await Promise.all([
        import("../../whatif/index.ts"),
        import("../../load/plan-from-files.ts"),
        import("../../load/read-profiles.ts"),
        import("../../catalog/load.ts"),
      ]);
      const axes = options.vary.map(parseVary);
      const spec = await readSpecFile(specPath);
      const specDirectory = dirname(resolve(specPath));
      const profilePaths = options.profile.length > 0 ? options.profile.map((path) => resolve(path)) : specProfilePaths(spec.model.profile).map((path) => resolve(specDirectory, path));
      if (profilePaths.length === 0) {
        throw new WattplanError("INVALID_SPEC", "whatif needs a saved profile: give model.profile in the spec or --profile FILE", "bench once with: wattplan bench MODEL.onnx --out profile.json");
      }
      const profiles = await readProfiles(profilePaths);
      // A model.profile variation names other profiles (a distilled or pruned student): read them up front.
      const profilesByPath: Record<string, Awaited<ReturnType<typeof readProfiles>>> = {};
      for (const axis of axes.filter((candidate) => candidate.key === "model.profile")) {
        for (const value of axis.values) {
          for (const path of specProfilePaths(value as string | string[])) profilesByPath[path] ??= await readProfiles([resolve(specDirectory, path)]);
        }
      }
      const catalog = loadCatalog(options.catalog);
      const result = whatIf(spec, axes, { catalog, profiles, profilesByPath });
      if (!options.json) output.print(formatWhatIfTable(result, formatTable));
      await output.machine(options, result);
    });
}

function specProfilePaths(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
