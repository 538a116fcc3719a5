// The arithmetic of a target: where it starts, where it must end, the straight line between, and how far a figure
// is from that line. Pure: times are milliseconds since the epoch, values are in the metric's unit.
import { reductionPercentOf, type TargetSpec } from "../domain/target.ts";

export interface Trajectory {
  startMs: number;
  startValue: number;
  targetValue: number;
  /** When the target is due; null for a ceiling (atMost without a date) that holds from the start. */
  byMs: number | null;
}

export interface Judgement {
  /** The trajectory's value at the time judged. */
  expected: number;
  /** current − expected: positive is behind (above the line), negative ahead. */
  gap: number;
  /** How far above the line still counts as on track. */
  tolerance: number;
  onTrack: boolean;
  /** The gap as a share of the reduction the target asks for, in percent; null when it asks for none. */
  gapPercentOfReduction: number | null;
}

/** "YYYY-MM-DD" is midnight UTC; a full ISO date-time is taken as written. */
export function timeOf(date: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : date);
}

export function targetValueOf(target: TargetSpec, startValue: number): number {
  if (target.atMost !== undefined) return target.atMost;
  return startValue * (1 - reductionPercentOf(target.reduceBy!) / 100);
}

/**
 * The value the trajectory asks for at `atMs`: the straight line from the start to the target, the target itself
 * once due, and never above the start's own ceiling: a ceiling the start already meets (atMost above the start
 * figure) asks for the ceiling throughout, not for a line rising towards it.
 */
export function expectedAt(trajectory: Trajectory, atMs: number): number {
  const { startMs, startValue, targetValue, byMs } = trajectory;
  if (byMs === null || byMs <= startMs || atMs >= byMs) return targetValue;
  const fraction = Math.min(1, Math.max(0, (atMs - startMs) / (byMs - startMs)));
  return Math.max(targetValue, startValue + (targetValue - startValue) * fraction);
}

/** The slack: `tolerancePercent` of the reduction the target asks for (none when it asks for none). */
export function toleranceOf(trajectory: Trajectory, tolerancePercent: number): number {
  return (tolerancePercent / 100) * reductionOf(trajectory);
}

/** On track when the current figure is at most the trajectory's value plus the tolerance (the boundary counts as on track). */
export function judge(trajectory: Trajectory, currentValue: number, atMs: number, tolerancePercent: number): Judgement {
  const expected = expectedAt(trajectory, atMs);
  const gap = currentValue - expected;
  const tolerance = toleranceOf(trajectory, tolerancePercent);
  const reduction = reductionOf(trajectory);
  // Compared as current ≤ expected + tolerance rather than gap ≤ tolerance: (a + b) − a can exceed b by a rounding
  // step, which would put a figure exactly on the boundary off track.
  return { expected, gap, tolerance, onTrack: currentValue <= expected + tolerance, gapPercentOfReduction: reduction > 0 ? (gap / reduction) * 100 : null };
}

function reductionOf(trajectory: Trajectory): number {
  return Math.max(0, trajectory.startValue - trajectory.targetValue);
}
