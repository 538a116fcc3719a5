// `wattplan plan --record [DIR]`: one file per plan in the history folder, written atomically and never over
// another record.
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { HistoryRecord } from "../domain/history.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { recordFileName } from "./record-from-plan.ts";

/** Where `--record` writes when no folder is given, relative to the working directory. */
export const DEFAULT_HISTORY_DIRECTORY = ".wattplan/history";

export interface WrittenRecord {
  path: string;
  /** False when a record of this plan at this instant was already there (it is left as it was). */
  written: boolean;
}

export async function writeRecord(directory: string, record: HistoryRecord): Promise<WrittenRecord> {
  const path = join(directory, recordFileName(record));
  // The name holds the plan id and the instant: an existing file is this same record, so it stays untouched.
  if (await exists(path)) return { path, written: false };
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return { path, written: true };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
