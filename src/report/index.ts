// The report side of wattplan: diffs, summaries and renderers over saved plans (none recomputes an estimate).
export { compare, compareWithBaseline } from "./diff/compare.ts";
export { renderMarkdown, GITHUB_COMMENT_LIMIT, type MarkdownOptions } from "./markdown/index.ts";
export { summarizePlan } from "./summary.ts";
export { readPlanFile, parsePlanText } from "./read-plan.ts";
export { REPORT_MARKER, planMarker } from "./markdown/marker.ts";
