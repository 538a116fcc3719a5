// The arithmetic under the charts: linear scales and "nice" ticks (steps of 1, 2 or 5 × 10^k), computed when the
// report is built so the page needs no script.

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** Maps [domainStart, domainEnd] onto [rangeStart, rangeEnd]; a zero-width domain maps to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [domainStart, domainEnd] = domain;
  const [rangeStart, rangeEnd] = range;
  const span = domainEnd - domainStart;
  const scale = ((value: number) => {
    if (span === 0) return (rangeStart + rangeEnd) / 2;
    return rangeStart + ((value - domainStart) / span) * (rangeEnd - rangeStart);
  }) as LinearScale;
  scale.domain = [domainStart, domainEnd];
  scale.range = [rangeStart, rangeEnd];
  return scale;
}

/** The step of about `count` intervals over [start, end], rounded to 1, 2 or 5 × 10^k. */
export function niceStep(start: number, end: number, count: number): number {
  const span = Math.abs(end - start);
  if (span === 0 || !Number.isFinite(span)) return 1;
  const rough = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return niceFraction * power;
}

/** Widens [start, end] outwards to whole steps so the first and last ticks sit on the axis ends. */
export function niceDomain(start: number, end: number, count: number): { domain: [number, number]; step: number } {
  let low = Math.min(start, end);
  let high = Math.max(start, end);
  // Spans below a millionth of the values are float noise (two candidates at the same price): treat them as one value.
  // Below 1e-12 everything is zero for a chart (and steps of 10^-300 underflow).
  if (high - low <= Math.max(Math.abs(low), Math.abs(high)) * 1e-6 || high - low < 1e-12) {
    low = high = (low + high) / 2;
    // One value: give it room on both sides (or 0..1 around zero) so the point sits inside the plot.
    const pad = Math.abs(low) < 1e-12 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  let step = niceStep(low, high, count);
  // A second pass: widening can change the span enough to want a coarser step.
  for (let pass = 0; pass < 2; pass++) {
    low = Math.floor(low / step + 1e-9) * step;
    high = Math.ceil(high / step - 1e-9) * step;
    step = niceStep(low, high, count);
  }
  low = Math.floor(low / step + 1e-9) * step;
  high = Math.ceil(high / step - 1e-9) * step;
  return { domain: [roundToStep(low, step), roundToStep(high, step)], step };
}

/** The tick values from start to end (inclusive) at `step`, free of floating-point dust (0.30000000000000004). */
export function ticks(start: number, end: number, step: number): number[] {
  if (!(step > 0) || !Number.isFinite(start) || !Number.isFinite(end)) return [];
  const first = Math.ceil(start / step - 1e-9);
  const last = Math.floor(end / step + 1e-9);
  const values: number[] = [];
  for (let index = first; index <= last && values.length <= 1000; index++) values.push(roundToStep(index * step, step));
  return values;
}

function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const rounded = Number(value.toFixed(Math.min(20, decimals)));
  return Object.is(rounded, -0) ? 0 : rounded;
}
