import { createHash } from "node:crypto";
import { z } from "zod";
import {
  acceleratorSpecSchema,
  catalogMetaSchema,
  efficiencyPriorSchema,
  instanceTypeSchema,
  networkPriceSchema,
  offerSchema,
  providerSchema,
  type Offer,
  regionSchema,
  type Catalog,
} from "../domain/catalog.ts";
import { sourceSchema } from "../domain/figure.ts";
import { splitByPlanning, type SplitRecords } from "../domain/planned-records.ts";
import { expandOfferGroups, groupOffers, isOfferGroupShaped, offerGroupLabel, offerGroupSchema, offerGroupsText, type OfferGroup } from "./offers-file.ts";

type RecordLabel = (record: Record<string, unknown>) => string;

export interface CatalogListFile {
  fileName: string;
  key: Exclude<keyof Catalog, "meta">;
  schema: z.ZodType;
  /** How an error names a record, so "regions[12] aws/eu-north-1" can be found by eye. */
  label: RecordLabel;
  /** Where the file stores its records in a shape of its own (offers.json: grouped by type); absent for a plain list. */
  format?: CatalogFileFormat;
  /**
   * The file that holds this kind's records of the instance types the planner does not weigh (those with a
   * planningExclusion, and their offers), in the same format. They are listed to estimate existing stacks and to
   * answer a baseline that names one; `plan` on the bundled catalog never reads them (src/catalog/load.ts).
   */
  unplannedFileName?: string;
}

/** A file's own shape: the schema and name of each element written, and the way to and from the records. */
export interface CatalogFileFormat {
  schema: z.ZodType;
  label: RecordLabel;
  /**
   * Whether an element has the shape `toRecords` reads: checked even on a catalog taken as built, whose own hash
   * vouches for its bytes but not for their format (a catalog written by an older wattplan hashes to its version too).
   */
  hasShape: (element: unknown) => boolean;
  toRecords: (elements: unknown[]) => unknown[];
  fromRecords: (records: unknown[]) => unknown[];
  text: (elements: unknown[]) => string;
}

const text = (value: unknown) => (typeof value === "string" ? value : "?");

export const catalogMetaFileName = "meta.json";
/** meta.json: the catalog's meta, and each data file's digest (absent in catalogs of older builds, which are validated in full). */
export const catalogMetaFileSchema = catalogMetaSchema.extend({ fileDigests: z.record(z.string(), z.string()).optional() });

/**
 * The catalog is one JSON file per record kind (two for instance types and offers: see unplannedFileName); the order
 * here is the order they are read and written.
 */
export const catalogListFiles: CatalogListFile[] = [
  { fileName: "sources.json", key: "sources", schema: sourceSchema, label: (record) => text(record.id) },
  { fileName: "providers.json", key: "providers", schema: providerSchema, label: (record) => text(record.id) },
  { fileName: "regions.json", key: "regions", schema: regionSchema, label: (record) => `${text(record.provider)}/${text(record.code)}` },
  {
    fileName: "instance-types.json",
    key: "instanceTypes",
    schema: instanceTypeSchema,
    label: (record) => `${text(record.provider)}/${text(record.instanceType)}`,
    unplannedFileName: "instance-types-unplanned.json",
  },
  {
    fileName: "offers.json",
    key: "offers",
    schema: offerSchema,
    label: (record) => `${text(record.provider)}/${text(record.instanceType)} in ${text(record.region)}`,
    format: {
      schema: offerGroupSchema,
      label: offerGroupLabel,
      hasShape: isOfferGroupShaped,
      toRecords: (groups) => expandOfferGroups(groups as OfferGroup[]),
      fromRecords: (offers) => groupOffers(offers as Offer[]),
      text: (groups) => offerGroupsText(groups as OfferGroup[]),
    },
    unplannedFileName: "offers-unplanned.json",
  },
  { fileName: "accelerators.json", key: "accelerators", schema: acceleratorSpecSchema, label: (record) => text(record.model) },
  { fileName: "priors.json", key: "priors", schema: efficiencyPriorSchema, label: (record) => text(record.id) },
  {
    fileName: "network-prices.json",
    key: "networkPrices",
    schema: networkPriceSchema,
    label: (record) => `${text(record.provider)}/${text(record.item)} in ${record.region === null ? "every region" : text(record.region)}`,
  },
];

/** A catalog JSON file's text: pretty-printed, as the build writes meta.json and every plain list. */
export const catalogJsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The text a catalog file holds for these records (what the build writes, and what the version hashes). */
export function catalogFileText(file: CatalogListFile, records: readonly unknown[]): string {
  return file.format ? file.format.text(file.format.fromRecords([...records])) : catalogJsonText(records);
}

/** Every data file of a catalog (all but meta.json), in the order the version hashes them. */
export const catalogDataFileNames: readonly string[] = catalogListFiles.flatMap((file) => (file.unplannedFileName ? [file.fileName, file.unplannedFileName] : [file.fileName]));

/** Each data file with the records a build writes in it (its kind's file format), in catalogDataFileNames order. */
export function catalogFileRecords(records: Omit<Catalog, "meta">): { file: CatalogListFile; fileName: string; records: readonly unknown[] }[] {
  const { planned, unplanned } = splitByPlanning(records);
  return catalogListFiles.flatMap((file) => {
    if (!file.unplannedFileName) return [{ file, fileName: file.fileName, records: records[file.key] }];
    const key = file.key as keyof SplitRecords;
    return [
      { file, fileName: file.fileName, records: planned[key] },
      { file, fileName: file.unplannedFileName, records: unplanned[key] },
    ];
  });
}

/** Each data file's name and the text a build writes in it for these records, in catalogDataFileNames order. */
export function catalogFileTexts(records: Omit<Catalog, "meta">): { fileName: string; text: string }[] {
  return catalogFileRecords(records).map(({ file, fileName, records: written }) => ({ fileName, text: catalogFileText(file, written) }));
}

/** A data file's digest (sha256 of its text, or of the UTF-8 bytes read from disk: the same hash), as meta.json lists it. */
export function catalogFileDigest(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * The catalog's version: a hash of its data files' digests, in catalogDataFileNames order. It changes exactly when the
 * data changes, so a plan can say which catalog it used. Being made from the digests, it can be checked against
 * meta.json's list without reading every file; and a file whose bytes hash to its listed digest is the file that the
 * build validated, byte for byte.
 */
export function catalogVersionOf(fileDigests: readonly string[]): string {
  return `sha256-${createHash("sha256").update(fileDigests.join("\n")).digest("hex").slice(0, 16)}`;
}

/** The version of a catalog whose data files hold these contents, in catalogDataFileNames order. */
export function catalogContentVersion(fileContents: readonly (string | Uint8Array)[]): string {
  return catalogVersionOf(fileContents.map(catalogFileDigest));
}
