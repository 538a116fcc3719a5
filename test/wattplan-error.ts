// The WattplanError an action throws, for tests that check what a user is told (its message, code, hint, detail).
import { isWattplanError, type WattplanError } from "../src/errors.ts";

export function wattplanErrorOf(action: () => unknown): WattplanError {
  try {
    action();
  } catch (error) {
    if (isWattplanError(error)) return error;
    throw error;
  }
  throw new Error("expected a WattplanError");
}

/** The WattplanError a promise rejects with (an action that should refuse, such as emit). */
export async function wattplanRejectionOf(promise: Promise<unknown>): Promise<WattplanError> {
  try {
    await promise;
  } catch (error) {
    if (isWattplanError(error)) return error;
    throw error;
  }
  throw new Error("expected a WattplanError");
}
