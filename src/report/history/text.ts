// `wattplan history` in the terminal: compact tables.
import type { HistoryEvaluation } from "../../targets/evaluate-history.ts";
import type { TableFormatter } from "../../format/table.ts";
import { historyTables } from "./tables.ts";

export function renderHistoryText(history: HistoryEvaluation, directory: string, formatTable: TableFormatter): string {
  const tables = historyTables(history, directory);
  const lines = [tables.title, tables.judged, ""];
  if (tables.targets) lines.push("Targets", formatTable(tables.targets.header, tables.targets.rows), ...tables.targetNotes.map((note) => `note: ${note}`), "");
  lines.push("Trend", formatTable(tables.trend.header, tables.trend.rows));
  if (tables.footnotes.length > 0) lines.push("", ...tables.footnotes);
  return `${lines.join("\n")}\n`;
}
