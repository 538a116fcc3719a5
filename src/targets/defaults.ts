// The gate's defaults, in a module of their own so the CLI can show them without loading the targets code.

/** Off the trajectory by more than this share of the target's reduction counts as off track (`--tolerance`). */
export const DEFAULT_TOLERANCE_PERCENT = 5;

/** The largest rise of a target's figure between the last two records that `wattplan check` lets pass (`--max-regression`). */
export const DEFAULT_MAX_REGRESSION_PERCENT = 10;
