// The history page's rules on top of the report's stylesheet (same custom properties, so both themes follow).
export const HISTORY_CSS = `
.chart .trajectory { fill: none; stroke: var(--accent); stroke-width: 1.6; stroke-dasharray: 6 4; }
.chart .tolerance-band { fill: var(--accent-soft); stroke: none; }
.chart .now-line { stroke: var(--ink-soft); stroke-width: 1; stroke-dasharray: 2 3; }
.chart .now-label { fill: var(--muted); font-size: 11.5px; }
.chart .history-line { stroke: var(--point); stroke-width: 2; }
.chart .history-line.is-refresh { stroke: var(--baseline); stroke-dasharray: 3 3; }
.chart .history-point { fill: var(--point); stroke: var(--point-stroke); stroke-width: 1.5; }
.chart .history-point.is-refresh { fill: var(--card); stroke: var(--baseline); stroke-width: 2; }
.chart .history-point.is-current { stroke: var(--accent); stroke-width: 2.5; }
.chart .target-point { fill: var(--accent); stroke: var(--point-stroke); stroke-width: 1.5; }
.chart .label-target { fill: var(--accent); font-weight: 650; }
.legend-list .trajectory { fill: none; stroke: var(--accent); stroke-width: 2; stroke-dasharray: 4 3; }
.legend-list .tolerance-band { fill: var(--accent-soft); }
.legend-list .history-point { fill: var(--point); }
.legend-list .history-point.is-refresh { fill: none; stroke: var(--baseline); stroke-width: 2; }
.legend-list .target-point { fill: var(--accent); }
tr.is-refresh td:last-child { color: var(--baseline); }
table[data-role="trend"] td:first-child { white-space: nowrap; }
.card .legend-list { margin: 10px 0 14px; }
`;
