import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { catalogMetaSchema, type Catalog } from "../domain/catalog.ts";
import { WattplanError } from "../errors.ts";
import { packageRoot } from "../package-root.ts";
import { forgetPlannedRecords, joinInCatalogOrder, rememberPlannedRecords, type SplitKey, type SplitRecords } from "../domain/planned-records.ts";
import { crossCheckCatalog, type RecordPlace } from "./cross-check.ts";
import { catalogDataFileNames, catalogFileDigest, catalogListFiles, catalogMetaFileName, catalogMetaFileSchema, catalogVersionOf, type CatalogListFile } from "./files.ts";

/** The catalog committed with the package: <package>/catalog, so the working directory does not matter. */
export const defaultCatalogDirectory = join(packageRoot, "catalog");

const rebuildHint = "the catalog files are generated: rebuild them with `npm run build:catalog`, or restore them from git";

/** Catalogs already read in this process, by folder, with the size and time of each file when it was read. */
const loaded = new Map<string, { signature: string; catalog: Catalog }>();

/**
 * Reads and validates every catalog file. A broken file fails with one line naming the file, the record and
 * the field; cross-references (offers to types and regions, figures to sources) are checked too.
 *
 * Files whose text still hashes to the digest their build listed in meta.json are the bytes the build validated
 * (scripts/build-catalog.ts validates before it writes, and a test validates the shipped files in full): they are
 * parsed without validating the 12,000 records again, which was most of the start-up of `wattplan plan`. If any file
 * does not, a hand edit or another catalog, all are validated in full. Of a catalog as built, the types the planner
 * does not weigh and their offers (the unplanned files, read and hashed like the others) are parsed the first time
 * `instanceTypes` or `offers` is read: `plan` reads only the planned ones (`plannedRecords`), and parsing the rest
 * took half the time of loading the catalog. The same folder unchanged is read once per process; the catalog
 * returned is shared, so treat it as read-only.
 */
export function loadCatalog(directory: string = defaultCatalogDirectory): Catalog {
  const key = resolve(directory);
  const signature = fileSignature(key);
  const known = loaded.get(key);
  if (known && signature !== null && known.signature === signature) return known.catalog;
  const catalog = readCatalog(key);
  if (signature !== null) loaded.set(key, { signature, catalog });
  return catalog;
}

function readCatalog(directory: string): Catalog {
  const { fileDigests, ...meta } = parseFile(directory, catalogMetaFileName, (data) => {
    const result = catalogMetaFileSchema.safeParse(data);
    if (!result.success) throw invalid(directory, catalogMetaFileName, describeIssue(result.error, []));
    return result.data;
  });
  // Every file is read and hashed, the unplanned ones too (parsing is what costs): a hand edit anywhere is validated.
  // A catalog of a build from before the split (no digests) may have no unplanned files: its records are in the others.
  // Hashed as read: the bytes of UTF-8 text are what its string would encode to, without encoding 3 MB again.
  const contents = new Map(catalogDataFileNames.map((name) => [name, readBytes(directory, name, fileDigests === undefined && isUnplannedFileName(name))]));
  const asBuilt =
    fileDigests !== undefined &&
    catalogVersionOf(catalogDataFileNames.map((name) => fileDigests[name] ?? "")) === meta.version &&
    catalogDataFileNames.every((name) => catalogFileDigest(contents.get(name)!) === fileDigests[name]);
  const catalog = { meta } as Catalog;
  const parts = catalog as unknown as Record<string, unknown[]>;
  if (asBuilt) {
    for (const file of catalogListFiles) parts[file.key] = parseRecords(directory, file, file.fileName, contents.get(file.fileName)!, true);
    deferUnplanned(directory, catalog, new Map([...contents].filter(([name]) => isUnplannedFileName(name))));
    return catalog;
  }
  // Validated in full, each record's file and position kept for the cross-check's message.
  const places = new Map<unknown, RecordPlace>();
  const recordsOf = (file: CatalogListFile, fileName: string) => {
    const records = parseRecords(directory, file, fileName, contents.get(fileName)!, false);
    records.forEach((record, index) => places.set(record, { fileName, name: `${file.key}[${index}]` }));
    return records;
  };
  for (const file of catalogListFiles) {
    const records = recordsOf(file, file.fileName);
    parts[file.key] = file.unplannedFileName ? joinInCatalogOrder(file.key as SplitKey, records as never, recordsOf(file, file.unplannedFileName) as never) : records;
  }
  const problem = crossCheckCatalog(catalog, (key, index) => places.get(catalog[key][index])!);
  if (problem) throw invalid(directory, problem.fileName, problem.message);
  return catalog;
}

const isUnplannedFileName = (name: string) => catalogListFiles.some((file) => file.unplannedFileName === name);

/** One data file's records: parsed as written where its bytes are the build's, else validated. */
function parseRecords(directory: string, file: CatalogListFile, fileName: string, content: Buffer, trusted: boolean): unknown[] {
  return parseText(directory, fileName, content.toString("utf8"), (data) => {
    if (!Array.isArray(data)) throw invalid(directory, fileName, "expected a JSON array of records");
    const { format } = file;
    // A catalog written by an older wattplan hashes to its own digests too: its format is checked even so.
    const asWritten = trusted && (!format || data.every(format.hasShape));
    const elements = asWritten ? data : validateRecords(directory, fileName, file.key, format?.schema ?? file.schema, format?.label ?? file.label, data);
    return format ? format.toRecords(elements) : elements;
  });
}

/**
 * Makes `instanceTypes` and `offers` of a catalog as built parse their unplanned files (`contents`, read and hashed
 * already) when first read: the planned records and the rest joined in the build's order, as the full load gives
 * them; the bytes are then let go. A list assigned is kept as assigned (not to a frozen catalog); the planner then
 * splits what it holds (plannedRecords).
 */
function deferUnplanned(directory: string, catalog: Catalog, contents: Map<string, Buffer>): void {
  const splitFiles = catalogListFiles.filter((file): file is CatalogListFile & { key: SplitKey; unplannedFileName: string } => file.unplannedFileName !== undefined);
  const planned: SplitRecords = { instanceTypes: catalog.instanceTypes, offers: catalog.offers };
  const values: Partial<SplitRecords> = {};
  let whole: SplitRecords | undefined;
  const wholeRecords = (): SplitRecords => {
    if (!whole) {
      const joined = { ...planned };
      for (const file of splitFiles) {
        const rest = parseRecords(directory, file, file.unplannedFileName, contents.get(file.unplannedFileName)!, true);
        joined[file.key] = joinInCatalogOrder(file.key, planned[file.key] as never, rest as never) as never;
      }
      whole = joined;
      contents.clear();
    }
    return whole;
  };
  rememberPlannedRecords(catalog, planned, () => whole !== undefined);
  for (const file of splitFiles) {
    Object.defineProperty(catalog, file.key, {
      get: () => (file.key in values ? values[file.key] : wholeRecords()[file.key]),
      set: (value: never) => {
        // What a frozen object's data property would do in strict code: the lists are part of the catalog frozen.
        if (Object.isFrozen(catalog)) throw new TypeError(`Cannot assign to read only property '${file.key}' of a frozen catalog`);
        values[file.key] = value;
        forgetPlannedRecords(catalog);
      },
      enumerable: true,
      configurable: true,
    });
  }
}

/** Size and modification time of every catalog file, or null when one cannot be read (the read will say why). */
function fileSignature(directory: string): string | null {
  try {
    return [catalogMetaFileName, ...catalogDataFileNames]
      .map((name) => {
        const stats = statSync(join(directory, name), { throwIfNoEntry: !isUnplannedFileName(name) });
        // A catalog built before the unplanned files has none: that is part of what it is.
        return stats ? `${stats.size}:${stats.mtimeMs}` : "absent";
      })
      .join(",");
  } catch {
    return null;
  }
}

/** The same checks for an in-memory catalog (the build script validates before it writes). */
export function validateCatalog(catalog: unknown, where = "catalog"): Catalog {
  const parts = catalog as Record<string, unknown>;
  const metaResult = catalogMetaSchema.safeParse(parts.meta);
  if (!metaResult.success) throw invalid(where, catalogMetaFileName, describeIssue(metaResult.error, []));
  for (const file of catalogListFiles) {
    const data = parts[file.key];
    if (!Array.isArray(data)) throw invalid(where, file.fileName, "expected an array of records");
    validateRecords(where, file.fileName, file.key, file.schema, file.label, data);
  }
  const problem = crossCheckCatalog(parts as unknown as Catalog);
  if (problem) throw invalid(where, problem.fileName, problem.message);
  return parts as unknown as Catalog;
}

function parseFile<T>(directory: string, fileName: string, validate: (data: unknown) => T): T {
  return parseText(directory, fileName, readBytes(directory, fileName).toString("utf8"), validate);
}

/** A file's bytes; a missing file that may be missing reads as an empty list. */
function readBytes(directory: string, fileName: string, mayBeMissing = false): Buffer {
  const path = join(directory, fileName);
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && mayBeMissing) return Buffer.from("[]");
    if (code === "ENOENT") throw new WattplanError("FILE_NOT_FOUND", `catalog file not found: ${path}`, rebuildHint);
    throw new WattplanError("INVALID_CATALOG", `catalog file ${path} cannot be read: ${code ?? (error as Error).message}`, rebuildHint);
  }
}

function parseText<T>(directory: string, fileName: string, text: string, validate: (data: unknown) => T): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(directory, fileName, `not valid JSON: ${(error as Error).message}`);
  }
  return validate(data);
}

const arraySchemas = new WeakMap<z.ZodType, z.ZodType>();

function validateRecords(
  directory: string,
  fileName: string,
  key: string,
  schema: z.ZodType,
  label: (record: Record<string, unknown>) => string,
  records: unknown[],
): unknown[] {
  let arraySchema = arraySchemas.get(schema);
  if (!arraySchema) {
    arraySchema = z.array(schema);
    arraySchemas.set(schema, arraySchema);
  }
  const result = arraySchema.safeParse(records);
  if (result.success) return result.data as unknown[];
  const issue = result.error.issues[0];
  const index = typeof issue?.path[0] === "number" ? issue.path[0] : 0;
  const record = records[index];
  const name = record && typeof record === "object" ? ` ${label(record as Record<string, unknown>)}` : "";
  const recordError = new z.ZodError(issue ? [{ ...issue, path: issue.path.slice(1) }] : []);
  throw invalid(directory, fileName, `${key}[${index}]${name}: ${describeIssue(recordError, [])}`);
}

/** "intensity.lifecycle.value: expected number, received string" from zod's first issue. */
export function describeIssue(error: z.ZodError, prefix: (string | number)[]): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = formatPath([...prefix, ...issue.path.map((part) => (typeof part === "symbol" ? String(part) : part))]);
  const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
  return `${path || "(record)"}: ${issue.message}${keys}`;
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");
}

function invalid(directory: string, fileName: string, message: string): WattplanError {
  return new WattplanError("INVALID_CATALOG", `invalid catalog file ${join(directory, fileName)}: ${message}`, rebuildHint);
}
