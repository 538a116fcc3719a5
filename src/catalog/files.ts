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

/** The catalog is one JSON file per record kind; the order here is the order they are read and written. */
export const catalogMetaFileName = "meta.json";
export const catalogMetaFileSchema = catalogMetaSchema;

export const catalogListFiles: CatalogListFile[] = [
  { fileName: "sources.json", key: "sources", schema: sourceSchema, label: (record) => text(record.id) },
  { fileName: "providers.json", key: "providers", schema: providerSchema, label: (record) => text(record.id) },
  { fileName: "regions.json", key: "regions", schema: regionSchema, label: (record) => `${text(record.provider)}/${text(record.code)}` },
  {
    fileName: "instance-types.json",
    key: "instanceTypes",
    schema: instanceTypeSchema,
    label: (record) => `${text(record.provider)}/${text(record.instanceType)}`,
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

/**
 * The catalog's version: a hash of its files' text (as strings, or the UTF-8 bytes read from disk: the same hash),
 * in the order above. It changes exactly when the data changes, so a plan can say which catalog it used; and a
 * catalog whose files still hash to the version its build wrote is the one that build validated, byte for byte.
 */
export function catalogContentVersion(fileContents: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const content of fileContents) hash.update(content);
  return `sha256-${hash.digest("hex").slice(0, 16)}`;
}
