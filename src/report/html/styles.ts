// The report's one stylesheet, inlined in the page (the Content-Security-Policy allows exactly this text by its
// hash). Colours are custom properties so light and dark themes share every rule; system fonts only.

export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --page: #f4f5f7; --card: #ffffff; --ink: #141820; --ink-soft: #3a4250; --muted: #667085; --line: #e3e6eb; --grid: #eef0f3;
  --accent: #0f7b55; --accent-soft: #e3f4ec; --baseline: #c2410c; --base: #6d4bd1; --better: #0f7b55; --worse: #b42318;
  --point: #2f5fd0; --point-stroke: #ffffff; --alternative: #a3acb9; --land: #e2e5ea; --border-line: #f8f9fa; --warning: #fff6e0; --warning-line: #f0c36d;
  --font: "Inter", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif;
  --mono: ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --page: #0e1116; --card: #161a21; --ink: #e9ecf1; --ink-soft: #c5cbd4; --muted: #98a2b3; --line: #2a313c; --grid: #1f252e;
    --accent: #3ccf8e; --accent-soft: #13322a; --baseline: #fb8c4c; --base: #a78bfa; --better: #3ccf8e; --worse: #ff7b6b;
    --point: #7ea2ff; --point-stroke: #161a21; --alternative: #5b6574; --land: #2a313b; --border-line: #161a21; --warning: #2a2314; --warning-line: #8a6d2b;
  }
}
* { box-sizing: border-box; }
html { background: var(--page); }
body { margin: 0; font-family: var(--font); color: var(--ink); background: var(--page); font-size: 15px; line-height: 1.5; -webkit-font-smoothing: antialiased; font-feature-settings: "tnum" 1, "cv11" 1; }
main { max-width: 1200px; margin: 0 auto; padding: 40px 32px 56px; }
h1, h2, h3 { line-height: 1.2; margin: 0; letter-spacing: -0.01em; }
h1 { font-size: 30px; font-weight: 700; letter-spacing: -0.02em; }
h2 { font-size: 17px; font-weight: 650; }
h3 { font-size: 14px; font-weight: 650; }
p { margin: 0; }
code, .mono { font-family: var(--mono); font-size: 0.9em; }
.eyebrow { color: var(--muted); font-size: 13px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; margin-bottom: 10px; }
.eyebrow .brand { color: var(--accent); }
.hero { margin-bottom: 28px; }
.hero .lede { margin-top: 12px; font-size: 17px; color: var(--ink-soft); max-width: 92ch; }
.hero .lede strong { color: var(--ink); }
.headline-reference { color: var(--muted); font-weight: 600; }
.headline-delta.better { color: var(--better); }
.headline-delta.worse { color: var(--worse); }
.chips { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }
.chip { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; border: 1px solid var(--line); background: var(--card); color: var(--ink-soft); font-size: 12.5px; font-weight: 500; }
.chip::before { content: ""; width: 7px; height: 7px; border-radius: 50%; background: var(--muted); }
.chip.good::before { background: var(--better); }
.chip.caution::before { background: var(--baseline); }
.figures { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; margin-bottom: 24px; }
.figure { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; min-width: 0; }
.figure .label { color: var(--muted); font-size: 12.5px; font-weight: 600; }
.figure .value { font-size: 24px; font-weight: 700; letter-spacing: -0.02em; margin-top: 4px; white-space: nowrap; }
.figure .value .unit { font-size: 14px; font-weight: 600; color: var(--ink-soft); margin-left: 3px; letter-spacing: 0; }
.figure .note { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
.figure .delta { font-weight: 600; }
.delta.better { color: var(--better); }
.delta.worse { color: var(--worse); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 20px 22px 18px; min-width: 0; }
.card > header { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; margin-bottom: 12px; flex-wrap: wrap; }
.card > header p { color: var(--muted); font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 20px; margin-bottom: 20px; }
.stack { display: grid; gap: 20px; margin-bottom: 20px; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 8px; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; font-family: var(--font); }
.chart .grid { stroke: var(--grid); stroke-width: 1; }
.chart .tick, .chart .domain { stroke: var(--line); stroke-width: 1; }
.chart .domain { stroke: var(--muted); stroke-opacity: 0.5; }
.chart .tick-label { fill: var(--muted); font-size: 11px; }
.chart .axis-label { fill: var(--ink-soft); font-size: 12px; font-weight: 600; }
.chart .front-line { fill: none; stroke: var(--point); stroke-width: 1.5; stroke-dasharray: 4 3; opacity: 0.7; }
.chart .point-pareto { fill: var(--point); stroke: var(--point-stroke); stroke-width: 1.5; }
.chart .point-pareto.is-chosen { fill: var(--accent); }
.chart .point-alternative { fill: none; stroke: var(--alternative); stroke-width: 1.5; }
.chart .point-baseline { fill: var(--baseline); stroke: var(--point-stroke); stroke-width: 1.5; }
.chart .point-base { fill: var(--base); stroke: var(--point-stroke); stroke-width: 1.5; }
.chart .chosen-ring { fill: none; stroke: var(--accent); stroke-width: 2; }
.chart .off-scale-arrow { fill: none; stroke: var(--baseline); stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }
.chart .point-label { font-size: 12px; fill: var(--ink-soft); paint-order: stroke; stroke: var(--card); stroke-width: 3px; stroke-linejoin: round; }
.chart .label-chosen { fill: var(--accent); font-weight: 650; }
.chart .label-baseline { fill: var(--baseline); font-weight: 600; }
.chart .label-base { fill: var(--base); font-weight: 600; }
.chart .bar-label { font-size: 12.5px; font-weight: 600; fill: var(--ink); }
.chart .bar-sublabel { font-size: 11.5px; font-weight: 400; fill: var(--muted); }
.chart .bar-tag { fill: var(--accent); font-weight: 700; }
.chart .is-baseline .bar-tag { fill: var(--baseline); }
.chart .bar-separator { fill: var(--muted); font-weight: 400; }
.chart .bar-value { font-size: 12px; font-weight: 600; fill: var(--ink-soft); }
.chart .is-chosen .bar-value { fill: var(--accent); }
.chart .bar-break { fill: none; stroke: var(--card); stroke-width: 3.5; }
.chart .leader { stroke: var(--muted); stroke-width: 1; stroke-opacity: 0.7; }
.map .legend-swatch { fill: var(--muted); stroke: var(--card); stroke-width: 1.5; }
.chart .baseline-divider { stroke: var(--line); stroke-dasharray: 3 3; }
.map .land-fill { fill: var(--land); }
.map .borders { fill: none; stroke: var(--border-line); stroke-width: 0.6; }
.map .region-dot { stroke: var(--card); stroke-width: 1.5; }
.map .map-label { font-size: 13px; font-weight: 600; fill: var(--ink-soft); paint-order: stroke; stroke: var(--card); stroke-width: 3.5px; stroke-linejoin: round; }
.map .map-label.is-chosen { fill: var(--accent); }
.map .legend-caption { fill: var(--muted); font-size: 12.5px; }
.map .legend-key { fill: var(--ink-soft); font-size: 12.5px; }
.legend-list { display: flex; flex-wrap: wrap; gap: 14px; margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 12.5px; }
.legend-list svg { width: 14px; height: 14px; vertical-align: -2px; margin-right: 5px; overflow: visible; }
.legend-list .point-pareto { fill: var(--point); }
.legend-list .point-alternative { fill: none; stroke: var(--alternative); stroke-width: 1.5; }
.legend-list .point-baseline { fill: var(--baseline); }
.legend-list .point-base { fill: var(--base); }
.legend-list .chosen-ring { fill: none; stroke: var(--accent); stroke-width: 1.5; }
.legend-list .point-chosen { fill: var(--accent); }
table { width: 100%; border-collapse: collapse; font-size: 13.5px; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; white-space: nowrap; }
.table-scroll { overflow-x: auto; margin-top: 8px; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.is-chosen td { background: var(--accent-soft); }
tr.is-chosen td:first-child { box-shadow: inset 3px 0 0 var(--accent); }
tr.is-baseline td { color: var(--muted); }
.tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11px; font-weight: 700; letter-spacing: 0.02em; text-transform: uppercase; vertical-align: 1px; margin-left: 6px; }
.tag.chosen { color: var(--accent); background: var(--accent-soft); }
.tag.baseline { color: var(--baseline); border: 1px solid currentColor; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 7px 18px; margin: 0; font-size: 13.5px; }
dl.facts dt { color: var(--muted); }
dl.facts.two-column { grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); column-gap: 24px; }
dl.facts dd { margin: 0; }
.range { color: var(--muted); font-size: 12.5px; }
.warnings { background: var(--warning); border: 1px solid var(--warning-line); border-radius: 12px; padding: 14px 18px; margin-bottom: 20px; }
.warnings h2 { font-size: 14px; margin-bottom: 6px; }
.warnings ul { margin: 0; padding-left: 20px; font-size: 13.5px; }
details { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 12px 18px; margin-bottom: 12px; }
details summary { cursor: pointer; font-weight: 600; font-size: 14px; }
details[open] summary { margin-bottom: 10px; }
details ul { margin: 0; padding-left: 20px; font-size: 13.5px; }
details p { font-size: 13.5px; margin-bottom: 6px; }
details td:last-child { white-space: nowrap; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-size: 12.5px; margin-top: 8px; }
footer { color: var(--muted); font-size: 12.5px; margin-top: 28px; padding-top: 16px; border-top: 1px solid var(--line); }
@media (max-width: 900px) {
  main { padding: 24px 16px 40px; }
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .charts { grid-template-columns: 1fr; }
  dl.facts.two-column { grid-template-columns: max-content minmax(0, 1fr); }
  h1 { font-size: 24px; }
}
@media print {
  html, body { background: #ffffff; }
  .card, .figure, details { break-inside: avoid; }
}
`;
