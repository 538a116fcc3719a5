// Reads a history folder: every record it can, and one warning naming each file it cannot (corrupt, another
// schema version, not a record). Nothing is rewritten or removed; a newer wattplan may still read what this skips.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { HISTORY_RECORD_KIND, HISTORY_RECORD_SCHEMA_VERSION, historyRecordSchema, type HistoryRecord } from "../domain/history.ts";
import { WattplanError } from "../errors.ts";
import { formatPath } from "../plan/spec/parse-spec.ts";
import { sortRecords } from "../targets/sort-records.ts";

export interface History {
  directory: string;
  /** Oldest first (by createdAt, then plan id). */
  records: HistoryRecord[];
  /** One line per skipped file, naming it. */
  warnings: string[];
}

export async function readHistory(directory: string): Promise<History> {
  const names = await recordFileNames(directory);
  const records: HistoryRecord[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const path = join(directory, name);
    const parsed = parseRecordText(await readFile(path, "utf8"));
    if ("record" in parsed) records.push(parsed.record);
    else warnings.push(`skipped ${path}: ${parsed.problem}`);
  }
  return { directory, records: sortRecords(records), warnings };
}

/** A record, or why the text is not one this wattplan reads. */
export function parseRecordText(text: string): { record: HistoryRecord } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: "not valid JSON (a corrupt or truncated record)" };
  }
  if (typeof data !== "object" || data === null || (data as { kind?: unknown }).kind !== HISTORY_RECORD_KIND) {
    return { problem: `not a wattplan history record (kind is not "${HISTORY_RECORD_KIND}")` };
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === "number" && version !== HISTORY_RECORD_SCHEMA_VERSION) {
    const age = version < HISTORY_RECORD_SCHEMA_VERSION ? "an older" : "a newer";
    return { problem: `written in ${age} record format (schemaVersion ${version}; this wattplan reads ${HISTORY_RECORD_SCHEMA_VERSION})` };
  }
  const result = historyRecordSchema.safeParse(data);
  if (result.success) return { record: result.data };
  const issue = result.error.issues[0];
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
  return { problem: `${formatPath(path)}: ${issue.code === "unrecognized_keys" ? "unknown field" : issue.message}` };
}

async function recordFileNames(directory: string): Promise<string[]> {
  try {
    const entries = await readdir(directory, { withFileTypes: true });
    // Dot-files are the atomic writer's temporaries (or editors'); README.md and the like are not records.
    return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".json") && !entry.name.startsWith(".")).map((entry) => entry.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WattplanError("FILE_NOT_FOUND", `no history at ${directory}`, undefined, { option: "recordDirectory" });
    if (code === "ENOTDIR") throw new WattplanError("INVALID_INPUT", `${directory} is a file, not a history folder`, undefined, { option: "recordDirectory" });
    throw error;
  }
}
