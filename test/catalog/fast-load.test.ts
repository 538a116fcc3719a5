// The bundled catalog loads without validating its records again, because its files hash to the version its build
// validated and wrote. That shortcut is only sound while the shipped files pass the full validation under the current
// schemas and the shortcut returns exactly what validation would: both are checked here.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogContentVersion, catalogDataFileNames, catalogFileDigest, catalogListFiles, catalogMetaFileName, type CatalogListFile } from "../../src/catalog/files.ts";
import { loadCatalog, validateCatalog } from "../../src/catalog/load.ts";
import { catalogSchema } from "../../src/domain/catalog.ts";
import { joinInCatalogOrder, type SplitKey } from "../../src/domain/planned-records.ts";
import { catalogDirectory } from "./helpers.ts";

const fileText = (name: string) => readFileSync(join(catalogDirectory, name), "utf8");

describe("the bundled catalog", () => {
  it("hashes to the digests and the version in its meta.json (it is the catalog its build validated)", () => {
    const meta = JSON.parse(fileText(catalogMetaFileName)) as { version: string; fileDigests: Record<string, string> };
    expect(Object.keys(meta.fileDigests)).toEqual(catalogDataFileNames);
    for (const fileName of catalogDataFileNames) expect(catalogFileDigest(fileText(fileName)), fileName).toBe(meta.fileDigests[fileName]);
    expect(catalogContentVersion(catalogDataFileNames.map(fileText))).toBe(meta.version);
  });

  it("passes the full validation under the current schemas, and loads as exactly what validation returns", () => {
    // A file in a shape of its own (offers.json's groups) is validated in that shape, then expanded to its records.
    // Instance types and offers are in two files each, the planned types' records and the rest, joined in the build's order.
    const recordsIn = (file: CatalogListFile, fileName: string) => {
      const data = JSON.parse(fileText(fileName)) as unknown[];
      return file.format ? file.format.toRecords(z.array(file.format.schema).parse(data)) : data;
    };
    const records = (file: CatalogListFile) =>
      file.unplannedFileName ? joinInCatalogOrder(file.key as SplitKey, recordsIn(file, file.fileName) as never, recordsIn(file, file.unplannedFileName) as never) : recordsIn(file, file.fileName);
    const { fileDigests, ...meta } = JSON.parse(fileText(catalogMetaFileName));
    expect(fileDigests).toBeDefined();
    const raw = { meta, ...Object.fromEntries(catalogListFiles.map((file) => [file.key, records(file)])) };
    expect(() => validateCatalog(structuredClone(raw), "bundled catalog")).not.toThrow();
    expect(loadCatalog()).toEqual(catalogSchema.parse(raw));
  });

  it("is read once per process while its files stay the same, and again when one changes", () => {
    const directory = mkdtempSync(join(tmpdir(), "wattplan-catalog-cache-"));
    cpSync(catalogDirectory, directory, { recursive: true });
    const first = loadCatalog(directory);
    expect(loadCatalog(directory)).toBe(first);
    const regions = JSON.parse(readFileSync(join(directory, "regions.json"), "utf8"));
    regions[0].name = `${regions[0].name} (edited)`;
    writeFileSync(join(directory, "regions.json"), JSON.stringify(regions));
    const edited = loadCatalog(directory);
    expect(edited).not.toBe(first);
    expect(edited.regions[0].name).toMatch(/\(edited\)$/);
  });
});
