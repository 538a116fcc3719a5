// Markdown building blocks: escaping of plan-supplied text and GFM tables.

/** Text from a plan (warnings, names, reasons) rendered literally: no HTML, no line breaks, no stray table pipes. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ");
}

/** Escaped text that may also sit in a table cell. */
export function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, "\\|");
}

/** A GFM table; `alignRight` marks numeric columns. Cells are taken as already-escaped Markdown. */
export function markdownTable(header: string[], rows: string[][], alignRight: boolean[] = []): string {
  const separator = header.map((_, column) => (alignRight[column] ? "---:" : "---"));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(separator), ...rows.map(line)].join("\n");
}

export function inlineCode(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
