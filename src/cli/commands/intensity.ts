// `wattplan intensity REGION`: the current and coming grid intensity of a region from one source, with
// the source, signal, basis, fetch time and any fallback said out loud.
import { Command, Option } from "commander";
import type { IntensityBasis } from "../../domain/catalog.ts";
import type { IntensitySeries } from "../../domain/intensity.ts";
import { WattplanError } from "../../errors.ts";
import { addOutputOptions, commandOutput, type CliContext, type CommandOutput, type OutputOptions } from "../output.ts";
import { formatTable } from "../../format/table.ts";
import { formatSignificant } from "../../format/numbers.ts";

interface IntensityOptions extends OutputOptions {
  provider?: string;
  source: string;
  hours: string;
  basis: IntensityBasis;
  catalog?: string;
  cacheDir?: string;
  cache: boolean;
}

export function registerIntensityCommand(program: Command, context: CliContext): void {
  const output = commandOutput(context);
  addOutputOptions(
    program
      .command("intensity")
      .description("current and forecast grid carbon intensity of a region (catalog, Electricity Maps, WattTime, UK API or your own file)")
      .argument("<region>", "region code, e.g. eu-north-1, europe-west4, uksouth (or aws/eu-west-2)")
      .option("--provider <provider>", "aws, gcp or azure (when a region code is ambiguous)")
      .option("--source <source>", "catalog | electricitymaps | watttime | uk | file:PATH", "catalog")
      .option("--hours <hours>", "hours of forecast to show (1-72)", "24")
      .addOption(new Option("--basis <basis>", "basis to ask for (and of the catalog fallback)").choices(["lifecycle", "operational"]).default("lifecycle"))
      .option("--cache-dir <dir>", "where remote answers are cached", ".wattplan-cache")
      .option("--no-cache", "always fetch, never read or write the cache")
      .addOption(new Option("--catalog <dir>", "read the catalog from DIR instead of the bundled one").hideHelp()),
  ).addHelpText(
    "after",
    "\nKeys come from the environment only: ELECTRICITY_MAPS_API_KEY, WATTTIME_USERNAME + WATTTIME_PASSWORD (the UK API needs none).\nWhen a source fails, the catalog's annual figure is shown instead, with a warning saying why.",
  ).action(async (regionCode: string, options: IntensityOptions, command: Command) => {
    const hours = Number(options.hours);
    if (!Number.isInteger(hours) || hours < 1 || hours > 72) throw new WattplanError("INVALID_INPUT", `--hours must be a whole number from 1 to 72, got '${options.hours}'`);
    const { loadCatalog } = await import("../../catalog/load.ts");
    const { findRegion, parseProviderId } = await import("../../catalog/queries.ts");
    const { createIntensitySource } = await import("../../intensity/create-source.ts");
    const catalog = loadCatalog(options.catalog);
    const region = findRegion(catalog, regionCode, options.provider === undefined ? undefined : parseProviderId(options.provider));
    // A file's basis is whatever its author says; only an explicit --basis overrides "assumed".
    const basisGiven = command.getOptionValueSource("basis") !== "default";
    const isFile = options.source.trim().toLowerCase().startsWith("file:");
    const source = createIntensitySource(options.source, { basis: isFile && !basisGiven ? undefined : options.basis, cacheDirectory: options.cache ? options.cacheDir : false, env: context.env });
    const latest = await source.latest(region);
    const forecast = await source.forecast(region, hours);
    if (!options.json) printHuman(output, latest, forecast, new Date());
    else for (const warning of warningsOf(latest, forecast)) output.note(`warning: ${warning}`);
    await output.machine(options, { region: latest.region, latest, forecast });
  });
}

function printHuman(output: CommandOutput, latest: IntensitySeries, forecast: IntensitySeries, clock: Date): void {
  const print = output.print;
  const { region } = latest;
  const now = latest.points[0];
  const currentHour = Math.floor(clock.getTime() / 3_600_000) * 3_600_000;
  // A file (or a fallback) may have nothing for this hour: its last value is not "now", and the table says so here,
  // not in a warning after it.
  const latestLabel = !now || Date.parse(now.startsAt) === currentHour ? "now" : `latest value, for ${utcText(now.startsAt)} UTC (none for the current hour)`;
  print(`${region.provider}/${region.code} (${region.timeZone})`);
  print(`${latestLabel}: ${now ? `${formatSignificant(now.gCo2ePerKwh)} gCO2e/kWh` : "no value"}  [${describeMeta(latest)}]`);
  print(`  ${latest.metadata.description}`);
  print();
  const first = forecast.points[0];
  const upcoming = !first || Date.parse(first.startsAt) >= currentHour;
  print(`${upcoming ? "next" : `${utcText(first.startsAt)} UTC and the following`} ${forecast.points.length} h${upcoming ? "" : " (not the coming hours)"}  [${describeMeta(forecast)}]`);
  print(`  ${forecast.metadata.description}`);
  const values = forecast.points.map((point) => point.gCo2ePerKwh);
  const lowest = Math.min(...values);
  const highest = Math.max(...values);
  print(formatTable(
    ["local time", "UTC", "gCO2e/kWh", ""],
    forecast.points.map((point) => [localTime(point.startsAt, region.timeZone), point.startsAt.slice(0, 16).replace("T", " "), formatSignificant(point.gCo2ePerKwh), bar(point.gCo2ePerKwh, lowest, highest)]),
  ));
  for (const warning of warningsOf(latest, forecast)) output.note(`warning: ${warning}`);
}

function warningsOf(latest: IntensitySeries, forecast: IntensitySeries): string[] {
  return [...new Set([...latest.metadata.warnings, ...forecast.metadata.warnings])];
}

function describeMeta(series: IntensitySeries): string {
  const meta = series.metadata;
  const fallback = meta.source !== meta.requestedSource ? ` (fallback from ${meta.requestedSource})` : "";
  const when = meta.origin === "annual-figure" ? `data as of ${meta.fetchedAt}` : `fetched ${meta.fetchedAt}`;
  return `source ${meta.source}${fallback}, ${meta.signal} signal, ${meta.basis} basis, zone ${meta.zone ?? "-"}, ${meta.origin}, ${when}`;
}

function utcText(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

function bar(value: number, lowest: number, highest: number): string {
  if (highest <= lowest) return "";
  return "#".repeat(1 + Math.round(((value - lowest) / (highest - lowest)) * 19));
}
