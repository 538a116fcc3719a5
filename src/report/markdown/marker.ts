/** Every wattplan report starts with this, so a later run finds and updates its own comment. */
export const REPORT_MARKER = "<!-- wattplan-report -->";

const PLAN_MARKER_PATTERN = /<!-- wattplan-plan: ([A-Za-z0-9._-]+) -->/;

/** Names the plan too, so two specs in one repository keep separate comments. */
export function planMarker(planName: string): string {
  return `<!-- wattplan-plan: ${planName} -->`;
}

export function reportMarkers(planName: string): string {
  return `${REPORT_MARKER}\n${planMarker(planName)}`;
}

/** The plan name a report was rendered for, or null when the text is not a wattplan report. */
export function planNameOfReport(text: string): string | null {
  if (!text.trimStart().startsWith(REPORT_MARKER)) return null;
  return PLAN_MARKER_PATTERN.exec(text)?.[1] ?? null;
}
