// `wattplan history --format md`: the same tables as the terminal's, as GitHub-flavoured Markdown.
import type { HistoryEvaluation } from "../../targets/evaluate-history.ts";
import { escapeCell, escapeText, markdownTable } from "../markdown/text.ts";
import { historyTables, type Table } from "./tables.ts";

export function renderHistoryMarkdown(history: HistoryEvaluation, directory: string): string {
  const tables = historyTables(history, directory);
  const sections = [`### wattplan targets: ${escapeText(history.specName)}`, `${escapeText(tables.title)}. ${escapeText(tables.judged)}`];
  if (tables.targets) sections.push("#### Targets", table(tables.targets), ...tables.targetNotes.map((note) => `⚠️ ${escapeText(note)}`));
  sections.push("#### Trend", table(tables.trend));
  if (tables.footnotes.length > 0) sections.push(tables.footnotes.map((note) => `<sub>${escapeText(note)}</sub>`).join("<br>\n"));
  return `${sections.join("\n\n")}\n`;
}

function table(content: Table): string {
  return markdownTable(content.header.map(escapeCell), content.rows.map((row) => row.map(escapeCell)), content.numeric);
}
