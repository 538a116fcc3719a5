// Rebuilds catalog/*.json and catalog/SOURCES.md from the shared reference data. Offline tool: nothing under
// src/ reads the reference folder. Output is deterministic (sorted records, fixed key order, no timestamps),
// so a rebuild from the same inputs is byte-for-byte identical to the committed catalog.
//
//   npm run build:catalog [-- --reference DIR] [-- --out DIR]
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Catalog, Region } from "../src/domain/catalog.ts";
import { validateCatalog } from "../src/catalog/load.ts";
import { catalogFileDigest, catalogFileTexts, catalogJsonText, catalogMetaFileName, catalogVersionOf } from "../src/catalog/files.ts";
import { writeFileAtomic } from "../src/io/atomic-write.ts";
import { mergeSources, sortCatalogRecords } from "./catalog/merge.ts";
import { buildNetworkPriceCatalog } from "./catalog/network-prices.ts";
import { buildRegionCatalog, readCo2jsVersion } from "./catalog/regions.ts";
import { renderSourcesMarkdown } from "./catalog/sources-markdown.ts";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface BuildOptions {
  referenceDirectory: string;
  outputDirectory: string;
}

type InstancePart = Pick<Catalog, "instanceTypes" | "offers" | "accelerators" | "priors" | "sources"> & { caveats?: string[]; sections?: string[] };

function parseArguments(argv: string[]): BuildOptions {
  const options: BuildOptions = {
    referenceDirectory: resolve(repositoryRoot, "..", "shared", "reference"),
    outputDirectory: join(repositoryRoot, "catalog"),
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = argv[index + 1];
    if ((argument === "--reference" || argument === "--out") && value) {
      if (argument === "--reference") options.referenceDirectory = resolve(value);
      else options.outputDirectory = resolve(value);
      index += 1;
    } else {
      throw new Error(`unknown argument ${argument}; usage: build-catalog [--reference DIR] [--out DIR]`);
    }
  }
  return options;
}

async function buildInstancePart(referenceDirectory: string, regions: Region[]): Promise<InstancePart> {
  const modulePath = join(repositoryRoot, "scripts", "catalog", "instances.ts");
  if (!existsSync(modulePath)) {
    process.stderr.write("build-catalog: WARNING scripts/catalog/instances.ts is missing: instance types, offers, accelerators and priors are EMPTY\n");
    return { instanceTypes: [], offers: [], accelerators: [], priors: [], sources: [] };
  }
  // Imported by URL so this script type-checks and runs whether or not that module exists yet.
  const module = (await import(pathToFileURL(modulePath).href)) as {
    buildInstanceCatalog: (referenceDirectory: string, regions: Region[]) => InstancePart;
  };
  return module.buildInstanceCatalog(referenceDirectory, regions);
}

export async function buildCatalog(options: BuildOptions): Promise<Catalog> {
  if (!existsSync(options.referenceDirectory)) {
    throw new Error(`reference data not found at ${options.referenceDirectory}; pass --reference DIR`);
  }
  const regionPart = buildRegionCatalog(options.referenceDirectory);
  const instancePart = await buildInstancePart(options.referenceDirectory, regionPart.regions);
  const networkPart = buildNetworkPriceCatalog();
  const records = sortCatalogRecords({
    sources: mergeSources([...regionPart.sources, ...instancePart.sources, ...networkPart.sources]),
    providers: regionPart.providers,
    regions: regionPart.regions,
    instanceTypes: instancePart.instanceTypes,
    offers: instancePart.offers,
    accelerators: instancePart.accelerators,
    priors: instancePart.priors,
    networkPrices: networkPart.networkPrices,
  });
  const files = catalogFileTexts(records);
  const fileDigests = Object.fromEntries(files.map((file) => [file.fileName, catalogFileDigest(file.text)]));
  // A version that changes exactly when the data changes, so a plan can say which catalog it used.
  const catalog = { meta: { version: catalogVersionOf(files.map((file) => fileDigests[file.fileName])), builtFrom: builtFrom() }, ...records } as Catalog;
  validateCatalog(catalog, "built catalog");
  await writeFileAtomic(join(options.outputDirectory, catalogMetaFileName), catalogJsonText({ ...catalog.meta, fileDigests }));
  for (const file of files) await writeFileAtomic(join(options.outputDirectory, file.fileName), file.text);
  await writeFileAtomic(join(options.outputDirectory, "SOURCES.md"), renderSourcesMarkdown(catalog, instancePart.caveats ?? [], instancePart.sections ?? []));
  return catalog;
}

function builtFrom(): string {
  return `wattplan shared reference data (see SOURCES.md) and @tgwf/co2 ${readCo2jsVersion()} grid-intensity data, by scripts/build-catalog.ts`;
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    const options = parseArguments(process.argv.slice(2));
    const catalog = await buildCatalog(options);
    process.stderr.write(
      `build-catalog: wrote ${options.outputDirectory}: ${catalog.regions.length} regions, ${catalog.instanceTypes.length} instance types, ` +
        `${catalog.offers.length} offers, ${catalog.accelerators.length} accelerators, ${catalog.priors.length} priors, ${catalog.sources.length} sources\n`,
    );
  } catch (error) {
    process.stderr.write(`build-catalog: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
