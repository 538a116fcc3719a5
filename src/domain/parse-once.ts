// How documents read once per run are validated: a spec, a profile, a plan.

/**
 * zod compiles a fast parser for an object schema the first time it parses one. A run validates each of these
 * documents once or twice, and building those parsers costs more than it saves (the example plan's check, cold:
 * 28 → 12 ms without them; no slower warm), so these parses skip them. Results and messages are the same.
 */
export const PARSE_ONCE = { jitless: true } as const;
