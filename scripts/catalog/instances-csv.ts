import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCsv, type CsvRow } from "./csv.ts";

export type ReferenceRow = CsvRow;

/** Reads one reference CSV (header row, UTF-8, optional BOM) into records of trimmed strings. */
export const readReferenceCsv = readCsv;

export function readReferenceJson(referenceDirectory: string, relativePath: string): unknown {
  const path = join(referenceDirectory, relativePath);
  return JSON.parse(readFileSync(path, "utf8"));
}

/** A numeric cell or undefined when blank. Accepts the comma decimal separator of the Teads/CCF files. */
export function optionalNumber(row: ReferenceRow, column: string): number | undefined {
  const cell = row[column];
  if (cell === undefined || cell === "" || cell === "N/A") return undefined;
  const value = Number(cell.replace(",", "."));
  if (!Number.isFinite(value)) throw new Error(`column ${column} is not a number: '${cell}'`);
  return value;
}

export function requiredNumber(row: ReferenceRow, column: string, where: string): number {
  const value = optionalNumber(row, column);
  if (value === undefined) throw new Error(`${where}: column ${column} is blank`);
  return value;
}

/** Rounds away floating-point noise so rebuilt JSON stays byte-identical and readable. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
