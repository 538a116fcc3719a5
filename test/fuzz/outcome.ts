// What the fuzz suites accept as the end of any input: a result, or a WattplanError whose message is one line (no
// stack, no newline). Anything else (a TypeError, a RangeError, a hang) is a bug the suite reports with its input.
import { isWattplanError } from "../../src/errors.ts";

export type Outcome = { kind: "ok" } | { kind: "refused"; message: string };

/** Runs `action`; returns how it ended, or throws (failing the property) when it ended any other way. */
export function userOutcome(action: () => unknown): Outcome {
  try {
    action();
    return { kind: "ok" };
  } catch (error) {
    return refusal(error);
  }
}

export async function userOutcomeAsync(action: () => Promise<unknown>): Promise<Outcome> {
  try {
    await action();
    return { kind: "ok" };
  } catch (error) {
    return refusal(error);
  }
}

function refusal(error: unknown): Outcome {
  if (!isWattplanError(error)) throw error;
  if (/[\r\n]/.test(error.message)) throw new Error(`a user error spans lines: ${JSON.stringify(error.message)}`);
  if (error.hint && /[\r\n]/.test(error.hint)) throw new Error(`a hint spans lines: ${JSON.stringify(error.hint)}`);
  return { kind: "refused", message: error.message };
}

/** The seed every fuzz suite uses, so a failure replays exactly (WATTPLAN_FUZZ_SEED explores others by hand). */
export const FUZZ_SEED = Number(process.env.WATTPLAN_FUZZ_SEED ?? 20251207);
