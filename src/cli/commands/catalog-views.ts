// What the `wattplan catalog` subcommands print, loaded only when one runs (the catalog and its schemas are not
// needed for --help). Tables go to stdout, warnings to stderr, --json to stdout instead of the tables.
import type { Catalog, InstanceType, IntensityBasis, Offer, ProviderId, Region } from "../../domain/catalog.ts";
import { catalogInfo } from "../../catalog/info.ts";
import { loadCatalog } from "../../catalog/load.ts";
import { effectivePue, findInstanceType, findRegion, offersForType, parseProviderId, regionIntensity } from "../../catalog/queries.ts";
import { suggestNames } from "../../text/suggest-names.ts";
import { catalogSummary } from "../../catalog/summary.ts";
import { UnknownNameError } from "../../errors.ts";
import type { CommandOutput, OutputOptions } from "../output.ts";
import { clip } from "../../format/clip.ts";
import { formatPlain, formatPue, formatUsdPerHour } from "../../format/numbers.ts";
import { formatTable } from "../../format/table.ts";

export interface CatalogOptions extends OutputOptions {
  catalog?: string;
  provider?: string;
}

export async function showRegions(output: CommandOutput, options: CatalogOptions & { sort: "intensity" | "name"; basis: IntensityBasis }): Promise<void> {
  const print = output.print;
  const data = loadCatalog(options.catalog);
  const regions = filterRegions(data, options.provider, options.sort, options.basis);
  if (!options.json) print(formatTable(["provider", "region", "name", "country", "time zone", `gCO2e/kWh (${options.basis})`, "source", "CFE %", "PUE"], regions.map((region) => regionRow(data, region, options.basis))));
  await output.machine(options, regions);
}

export async function showInstances(output: CommandOutput, options: CatalogOptions & { accelerator?: string; region?: string }): Promise<void> {
  const print = output.print;
  const data = loadCatalog(options.catalog);
  const provider = options.provider === undefined ? undefined : parseProviderId(options.provider);
  const region = options.region === undefined ? undefined : findRegion(data, options.region, provider);
  const rows = [...data.instanceTypes]
    .sort((a, b) => compareText(a.provider, b.provider) || compareText(a.family, b.family) || a.vcpus - b.vcpus || compareText(a.instanceType, b.instanceType))
    .filter((type) => (provider === undefined || type.provider === provider) && (region === undefined || type.provider === region.provider))
    .filter(acceleratorFilter(data, options.accelerator))
    .map((type) => ({ type, offers: offersForType(data, type).filter((offer) => region === undefined || offer.region === region.code) }))
    .filter((row) => row.offers.length > 0 || region === undefined);
  if (!options.json) {
    print(formatTable(["provider", "instance type", "vCPUs", "memory GB", "arch", "accelerator", "CPU", "W/vCPU min-max", "embodied kgCO2e", region ? `per hour in ${region.code}` : "cheapest per hour (region)"], rows.map((row) => instanceRow(row.type, row.offers, region !== undefined))));
    print(`${rows.length} instance types`);
  }
  await output.machine(options, rows.map((row) => ({ ...row.type, offers: row.offers })));
}

export async function showType(output: CommandOutput, name: string, options: CatalogOptions): Promise<void> {
  const print = output.print;
  const data = loadCatalog(options.catalog);
  const type = findInstanceType(data, name, options.provider === undefined ? undefined : parseProviderId(options.provider));
  const offers = [...offersForType(data, type)].sort((a, b) => a.usdPerHour.onDemand - b.usdPerHour.onDemand || (a.region < b.region ? -1 : 1));
  const accelerator = type.accelerator ? data.accelerators.find((spec) => spec.model === type.accelerator?.model) ?? null : null;
  if (!options.json) showInstanceType(data, type, offers, print);
  await output.machine(options, { ...type, acceleratorSpec: accelerator, offers });
}

export async function showInfo(output: CommandOutput, options: CatalogOptions): Promise<void> {
  const print = output.print;
  const info = catalogInfo(loadCatalog(options.catalog), new Date());
  if (!options.json) {
    print(`catalog ${info.version} (${Object.entries(info.counts).map(([key, count]) => `${count} ${key}`).join(", ")})`);
    print(formatTable(["source", "licence", "data as of", "figures", "oldest", "newest", "stale"], info.sources.map((source) => [source.id, clip(source.licence, 40), source.retrieved, String(source.figures), source.oldestAsOf ?? "-", source.newestAsOf ?? "-", String(source.staleFigures)])));
    for (const warning of info.warnings) output.note(`warning: ${warning}`);
    if (info.warnings.length === 0) print(`no figures older than ${info.staleAfterMonths} months`);
  }
  await output.machine(options, info);
}

export async function showSummary(output: CommandOutput, options: CatalogOptions & { basis: IntensityBasis }): Promise<void> {
  const print = output.print;
  const summary = catalogSummary(loadCatalog(options.catalog), 5, options.basis);
  if (!options.json) {
    print(`Cleanest regions per provider (grid intensity, ${options.basis} basis; catalog ${summary.catalogVersion})`);
    print(formatTable(["provider", "region", "name", "gCO2e/kWh", "year", "zone", "PUE"], summary.cleanestRegions.map((row) => [row.provider, row.region, row.name, formatPlain(row.gCo2ePerKwh, 2), String(row.year), row.zone, formatPue(row.pue)])));
    print();
    print("Cheapest and cleanest region for a few instance types (on-demand, Linux)");
    print(formatTable(["provider", "instance type", "regions", "cheapest", "per hour", "gCO2e/kWh", "cleanest", "per hour", "gCO2e/kWh"], summary.instanceTypes.map((row) => [row.provider, row.instanceType, String(row.offeredInRegions), row.cheapest.region, formatUsdPerHour(row.cheapest.usdPerHour), formatPlain(row.cheapest.gCo2ePerKwh, 2), row.cleanest.region, formatUsdPerHour(row.cleanest.usdPerHour), formatPlain(row.cleanest.gCo2ePerKwh, 2)])));
    if (summary.instanceTypes.length === 0) print("(no instance types in the catalog yet)");
    print();
    print("More: wattplan catalog regions --sort intensity | wattplan catalog instances --provider gcp --accelerator L4 | wattplan catalog info");
  }
  await output.machine(options, summary);
}

function filterRegions(catalog: Catalog, providerText: string | undefined, sort: "intensity" | "name", basis: IntensityBasis): Region[] {
  const provider: ProviderId | undefined = providerText === undefined ? undefined : parseProviderId(providerText);
  const regions = catalog.regions.filter((region) => provider === undefined || region.provider === provider);
  if (sort === "name") return regions;
  // Regions without a figure on the chosen basis go last rather than vanish.
  const value = (region: Region) => regionIntensity(region, basis)?.value ?? Number.POSITIVE_INFINITY;
  return [...regions].sort((a, b) => value(a) - value(b) || (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.code < b.code ? -1 : 1));
}

function regionRow(catalog: Catalog, region: Region, basis: IntensityBasis): string[] {
  const intensity = regionIntensity(region, basis);
  const pue = effectivePue(catalog, region);
  return [
    region.provider,
    region.code,
    clip(region.name, 32),
    region.country,
    region.timeZone,
    intensity ? `${formatPlain(intensity.value, 2)} (${intensity.year}, ${intensity.zone})` : "-",
    intensity?.source ?? "-",
    region.carbonFreeEnergyPercent ? formatPlain(region.carbonFreeEnergyPercent.value, 2) : "-",
    `${formatPue(pue.value)}${region.pue ? "" : " fleet"}`,
  ];
}

/** Accelerator filter: "none" keeps CPU-only types; a model matches its full name or its family ("H100" = "H100 SXM"). */
function acceleratorFilter(catalog: Catalog, wanted: string | undefined): (type: InstanceType) => boolean {
  if (wanted === undefined) return () => true;
  const target = wanted.toLowerCase();
  if (target === "none") return (type) => type.accelerator === null;
  const family = (model: string) => model.split(/\s+/)[0];
  const matches = (model: string) => model.toLowerCase() === target || family(model).toLowerCase() === target;
  const models = [...catalog.accelerators.map((spec) => spec.model), ...catalog.instanceTypes.flatMap((type) => (type.accelerator ? [type.accelerator.model] : []))];
  const known = new Set([...models, ...models.map(family)]);
  if (![...known].some(matches)) throw new UnknownNameError("accelerator", wanted, suggestNames(wanted, [...known, "none"]));
  return (type) => type.accelerator !== null && matches(type.accelerator.model);
}

function instanceRow(type: InstanceType, offers: Offer[], inOneRegion: boolean): string[] {
  const cheapest = [...offers].sort((a, b) => a.usdPerHour.onDemand - b.usdPerHour.onDemand)[0];
  const accelerator = type.accelerator ? `${type.accelerator.count} x ${type.accelerator.model} ${type.accelerator.memoryGb} GB` : "-";
  const price = cheapest ? (inOneRegion ? formatUsdPerHour(cheapest.usdPerHour.onDemand) : `${formatUsdPerHour(cheapest.usdPerHour.onDemand)} (${cheapest.region})`) : "-";
  return [
    type.provider,
    type.instanceType,
    String(type.vcpus),
    formatPlain(type.memoryGb, 2),
    type.architecture,
    accelerator,
    type.cpu.microarchitecture,
    `${formatPlain(type.power.cpuMinWattsPerVcpu.value, 2)}-${formatPlain(type.power.cpuMaxWattsPerVcpu.value, 2)}`,
    formatPlain(type.embodied.kgCo2e.value, 2),
    price,
  ];
}

function showInstanceType(catalog: Catalog, type: InstanceType, offers: Offer[], print: (text?: string) => void): void {
  const figure = (label: string, value: { value: number; source: string; asOf: string; estimated?: boolean } | undefined, unit: string) =>
    value ? [label, `${formatPlain(value.value, 2)} ${unit}`, `${value.source}, ${value.asOf}${value.estimated ? ", estimated" : ""}`] : [label, "-", ""];
  print(`${type.provider} ${type.instanceType} (${type.family})`);
  print(
    formatTable(
      ["", "value", "source"],
      [
        ["vCPUs / memory", `${type.vcpus} / ${formatPlain(type.memoryGb, 2)} GB`, ""],
        ["CPU", `${type.cpu.model} (${type.cpu.microarchitecture}, ${type.architecture})`, type.cpu.source],
        ["accelerator", type.accelerator ? `${type.accelerator.count} x ${type.accelerator.model}, ${type.accelerator.memoryGb} GB` : "none", ""],
        figure("CPU W/vCPU idle", type.power.cpuMinWattsPerVcpu, "W"),
        figure("CPU W/vCPU max", type.power.cpuMaxWattsPerVcpu, "W"),
        figure("memory W/GB", type.power.memoryWattsPerGb, "W"),
        figure("accelerator idle", type.power.acceleratorIdleWatts, "W"),
        figure("accelerator max", type.power.acceleratorMaxWatts, "W"),
        figure("embodied (this share)", type.embodied.kgCo2e, "kgCO2e"),
        figure("host lifespan", type.embodied.lifespanHours, "h"),
        figure("CPU peak FP32", type.peak.cpuFp32Gflops, "GFLOPS"),
        figure("CPU peak INT8", type.peak.cpuInt8Gops, "GOPS"),
        figure("memory bandwidth", type.peak.memoryBandwidthGbPerSecond, "GB/s"),
      ],
    ),
  );
  print();
  const regions = new Map(catalog.regions.map((region) => [`${region.provider}/${region.code}`, region]));
  print(`offered in ${offers.length} regions (cheapest first):`);
  print(
    formatTable(
      ["region", "on-demand per hour", "spot", "1y", "3y", "gCO2e/kWh (lifecycle)", "source, as of"],
      offers.map((offer) => {
        const intensity = regions.get(`${offer.provider}/${offer.region}`)?.intensity.lifecycle;
        const optional = (value: number | undefined) => (value === undefined ? "-" : formatUsdPerHour(value));
        return [offer.region, formatUsdPerHour(offer.usdPerHour.onDemand), optional(offer.usdPerHour.spot), optional(offer.usdPerHour.reserved1y), optional(offer.usdPerHour.reserved3y), intensity ? `${formatPlain(intensity.value, 2)} (${intensity.year})` : "-", `${offer.source}, ${offer.asOf}`];
      }),
    ),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
