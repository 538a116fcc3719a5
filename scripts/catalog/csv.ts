import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

export type CsvRow = Record<string, string>;

/** Reads a CSV with a header row into records of trimmed strings; a missing file names itself. */
export function readCsv(referenceDirectory: string, relativePath: string): CsvRow[] {
  const path = join(referenceDirectory, relativePath);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`reference file missing: ${relativePath} (looked in ${referenceDirectory}): ${(error as Error).message}`);
  }
  return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as CsvRow[];
}

/** A numeric cell, or undefined for a blank one; a non-number is a data error worth stopping for. */
export function numberCell(row: CsvRow, column: string, where: string): number | undefined {
  const cell = row[column];
  if (cell === undefined || cell.trim() === "") return undefined;
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new Error(`${where}: column ${column} is not a number: '${cell}'`);
  return value;
}
