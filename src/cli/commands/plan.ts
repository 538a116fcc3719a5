// `wattplan plan SPEC.yaml`: choose the carbon-optimal deployment and write the Plan JSON. The summary goes to
// stdout (--json prints the plan there instead); --out writes the plan to a file; progress and hints go to stderr.
import { Command, Option } from "commander";
import { addOutputOptions, commandOutput, type CliContext, type OutputOptions } from "../output.ts";
import { inputOption, parseInputFlags, parseShapeFlags, shapeOption, type ModelInputFlags } from "../model-input-options.ts";
import { formatTable } from "../../format/table.ts";
import { parseDateOption } from "../history-options.ts";

interface PlanCommandOptions extends OutputOptions, ModelInputFlags {
  profile?: string[];
  intensitySource: string;
  catalog?: string;
  /** --record: true for the default folder, or the folder given. */
  record?: string | true;
  now?: string;
}

const INTENSITY_SOURCE_HELP =
  "where hourly grid intensity comes from: catalog (yearly figures, a flat profile; the default), electricitymaps " +
  "(ELECTRICITY_MAPS_API_KEY), watttime (WATTTIME_USERNAME/WATTTIME_PASSWORD), uk (no key), or file:PATH " +
  "(one hourly series, CSV startsAt,gCo2ePerKwh or JSON, applied to whichever region the plan chooses: restrict the " +
  "spec's countries/regions to the grid it describes). Regions are ranked on the catalog; the series is fetched for " +
  "the chosen region: batch work gets the cleanest hours of its window, live traffic a traffic-weighted figure";

export function registerPlanCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  addOutputOptions(
    program
      .command("plan")
      .description("plan the least-carbon (or cost) deployment of a model for a workload spec, and compare it with a baseline")
      .argument("<spec>", "workload spec (YAML)")
      .addOption(
        new Option("--profile <file>", "a saved ModelProfile (repeat for several); default: the spec's model.profile, else bench model.path")
          .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
      )
      .addOption(shapeOption().default(undefined, "the spec's model.shapes"))
      .addOption(inputOption().default(undefined, "the spec's model.inputs"))
      .option("--intensity-source <source>", INTENSITY_SOURCE_HELP, "catalog")
      .addOption(new Option("--catalog <dir>", "read the catalog from DIR instead of the bundled one").hideHelp())
      .option("--record [dir]", "keep a small record of this plan in DIR for `wattplan history` and `wattplan check` (default .wattplan/history)")
      .addOption(new Option("--now <date>", "date the plan (and its record) DATE instead of now: for illustration or reproducible plans; records say so").argParser(parseDateOption)),
  ).action(async (specPath: string, options: PlanCommandOptions) => {
    const { parseIntensitySourceSpec } = await import("../../intensity/source-names.ts");
    parseIntensitySourceSpec(options.intensitySource);
    const modelInputs = { shapes: parseShapeFlags(options.shape ?? []), inputValues: parseInputFlags(options.input ?? []) };
    const { planFromFiles } = await import("../../load/plan-from-files.ts");
    const { formatPlanSummary } = await import("../../report/format-summary.ts");
    const plan = await planFromFiles(specPath, {
      profilePaths: options.profile,
      catalogDirectory: options.catalog,
      intensitySource: options.intensitySource,
      now: options.now,
      modelInputs,
      intensitySourceOptions: { env: context.env },
      onBench: (modelPath) => output.note(`no profile given: benchmarking ${modelPath} first (save it with wattplan bench --out to skip this)`),
    });
    if (!options.json) output.print(formatPlanSummary(plan, formatTable));
    await output.machine(options, plan);
    if (options.record) {
      const [{ recordPlan }, { DEFAULT_HISTORY_DIRECTORY }] = await Promise.all([import("../../history/record-plan.ts"), import("../../history/write-record.ts")]);
      const directory = options.record === true ? DEFAULT_HISTORY_DIRECTORY : options.record;
      const record = await recordPlan(plan, specPath, directory, options.now === undefined ? "clock" : "given");
      output.note(record.written ? `recorded in ${record.path}` : `already recorded in ${record.path} (left as it was)`);
    }
    if (options.out) output.note(`plan written to ${options.out}`);
    else if (!options.json) output.note("add --out plan.json to save the plan (or --json to print it)");
  });
}
