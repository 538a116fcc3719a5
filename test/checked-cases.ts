// Property tests on random inputs may meet inputs with nothing to check (a random catalog with no feasible plan).
// They count the cases that did check something, and fail when too few did: a property cannot pass by skipping.
import { expect } from "vitest";

export interface CheckedCases {
  /** Call once per case that reached the property's assertions. */
  checked(): void;
  /** After fc.assert: at least `minimum` cases reached the assertions (fixed seeds make the count stable). */
  expectAtLeast(minimum: number): void;
}

export function checkedCases(): CheckedCases {
  let count = 0;
  return {
    checked() {
      count += 1;
    },
    expectAtLeast(minimum) {
      expect(count, `only ${count} case(s) reached the assertions; the property is close to vacuous`).toBeGreaterThanOrEqual(minimum);
    },
  };
}
