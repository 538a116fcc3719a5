// The diff's schema version on its own: a plan's summary (src/report/diff/compare.ts) stamps it on every run of
// `wattplan plan`, which then does not build the diff's zod schemas (./diff.ts) it never validates against.
export const DIFF_SCHEMA_VERSION = 1;
