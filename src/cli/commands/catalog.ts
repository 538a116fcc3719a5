// `wattplan catalog regions|instances|show|info|summary`: browse the bundled catalog. The subcommands' work is in
// ./catalog-views.ts, loaded when one runs.
import { Command, Option } from "commander";
import { addOutputOptions, commandOutput, type CliContext } from "../output.ts";

const basisOption = () => new Option("--basis <basis>", "grid-intensity basis to show and sort on").choices(["lifecycle", "operational"]).default("lifecycle");
const views = () => import("./catalog-views.ts");

export function registerCatalogCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  const catalog = program.command("catalog").description("browse the bundled catalog: regions, instance types, prices, sources");
  const withCommon = (command: Command) =>
    addOutputOptions(command).addOption(new Option("--catalog <dir>", "read the catalog from DIR instead of the bundled one").hideHelp());

  withCommon(
    catalog
      .command("regions")
      .description("regions with location, time zone, grid intensity (basis, year, source), carbon-free energy % and PUE")
      .option("--provider <provider>", "aws, gcp or azure")
      .addOption(new Option("--sort <key>", "order of the rows").choices(["intensity", "name"]).default("name"))
      .addOption(basisOption()),
  ).action(async (options) => (await views()).showRegions(output, options));

  withCommon(
    catalog
      .command("instances")
      .description("instance types with hardware, power, embodied carbon and price")
      .option("--provider <provider>", "aws, gcp or azure")
      .option("--accelerator <model>", "only types with this accelerator (e.g. L4, A10G, T4), or 'none' for CPU-only")
      .option("--region <region>", "only types offered in this region (prices shown for it)"),
  ).action(async (options) => (await views()).showInstances(output, options));

  withCommon(
    catalog
      .command("show")
      .description("one instance type in full: hardware, power, embodied, peak capability, prices per region, sources")
      .argument("<type>", "the provider's machine type, e.g. g5.xlarge, n2-standard-8, Standard_D8s_v5")
      .option("--provider <provider>", "aws, gcp or azure (only needed when a name is ambiguous)"),
  ).action(async (name: string, options) => (await views()).showType(output, name, options));

  withCommon(catalog.command("info").description("catalog version, data dates per source, and warnings about figures older than 18 months")).action(async (options) =>
    (await views()).showInfo(output, options),
  );

  withCommon(catalog.command("summary").description("the cleanest regions per provider and where a few instance types are cheapest").addOption(basisOption())).action(async (options) =>
    (await views()).showSummary(output, options),
  );
}
