// Plain-text tables for the terminal (the CLI, bench and what-if summaries).

/** Renders a header and rows as a table; passed to renderers that should not care how (tests give a simpler one). */
export type TableFormatter = (header: string[], rows: string[][]) => string;

/** Columns padded to the widest cell, a dashed rule under the header, trailing spaces trimmed. */
export const formatTable: TableFormatter = (header, rows) => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
};
