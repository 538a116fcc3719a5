// `wattplan plan SPEC.yaml`: choose the carbon-optimal deployment and write the Plan JSON. The summary goes to
// stderr; --json / --out give the plan itself.
import { Command, Option } from "commander";
import { WattplanError } from "../../errors.ts";
import { emitMachineOutput, formatTable, say, type OutputOptions } from "../output.ts";
import { addOutputOptions } from "../program.ts";

interface PlanCommandOptions extends OutputOptions {
  profile?: string[];
  intensitySource: string;
  catalog?: string;
}

/** Only the catalog's yearly figures for now; live sources (Electricity Maps, WattTime) come with the intensity command. */
const INTENSITY_SOURCES = ["catalog"];

export function registerPlanCommand(program: Command): void {
  addOutputOptions(
    program
      .command("plan")
      .description("plan the least-carbon (or cost) deployment of a model for a workload spec, and compare it with a baseline")
      .argument("<spec>", "workload spec (YAML)")
      .addOption(
        new Option("--profile <file>", "a saved ModelProfile (repeat for several); default: the spec's model.profile, else bench model.path")
          .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
      )
      .option("--intensity-source <source>", "where grid intensity comes from (only 'catalog' for now)", "catalog")
      .addOption(new Option("--catalog <dir>", "read the catalog from DIR instead of the bundled one").hideHelp()),
  ).action(async (specPath: string, options: PlanCommandOptions) => {
    if (!INTENSITY_SOURCES.includes(options.intensitySource)) {
      throw new WattplanError(
        "INVALID_INPUT",
        `unknown intensity source '${options.intensitySource}': only 'catalog' (yearly averages shipped with wattplan) is available so far`,
        "drop --intensity-source, or pass --intensity-source catalog",
      );
    }
    const { planFromFiles } = await import("../../load/plan-from-files.ts");
    const { formatPlanSummary } = await import("../../plan/format-summary.ts");
    const plan = await planFromFiles(specPath, {
      profilePaths: options.profile,
      catalogDirectory: options.catalog,
      intensity: { source: options.intensitySource },
      onBench: (modelPath) => say(`no profile given: benchmarking ${modelPath} first (save it with wattplan bench --out to skip this)`),
    });
    say(formatPlanSummary(plan, formatTable));
    await emitMachineOutput(options, plan);
    if (options.out) say(`\nplan written to ${options.out}`);
    else if (!options.json) say("\nadd --out plan.json to save the plan (or --json to print it)");
  });
}
