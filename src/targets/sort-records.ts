import type { HistoryRecord } from "../domain/history.ts";

/** Oldest first, by creation time, then plan id (so equal times order the same everywhere). */
export function sortRecords(records: readonly HistoryRecord[]): HistoryRecord[] {
  return [...records].sort((first, second) => Date.parse(first.createdAt) - Date.parse(second.createdAt) || first.planId.localeCompare(second.planId));
}
