import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearScale, niceDomain, niceStep, ticks } from "../../../src/report/html/scale.ts";

describe("linearScale", () => {
  it("maps the domain ends onto the range ends, reversed ranges included (SVG y grows downwards)", () => {
    const y = linearScale([0, 50], [400, 100]);
    expect(y(0)).toBe(400);
    expect(y(50)).toBe(100);
    expect(y(25)).toBe(250);
  });

  it("puts every value of a zero-width domain in the middle of the range", () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe("nice ticks", () => {
  it("rounds steps to 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(0, 10, 5)).toBe(2);
    expect(niceStep(0, 1, 5)).toBe(0.2);
    expect(niceStep(553, 990, 6)).toBe(100);
    expect(niceStep(553, 990, 10)).toBe(50);
    expect(niceStep(0, 0.00007, 5)).toBeCloseTo(0.00001, 12);
  });

  it("widens a domain to whole steps and lists ticks without floating-point dust", () => {
    const { domain, step } = niceDomain(0.38, 1.02, 6);
    expect(step).toBe(0.1);
    expect(domain).toEqual([0.3, 1.1]);
    expect(ticks(domain[0], domain[1], step)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1]);
  });

  it("gives a single value room on both sides", () => {
    const { domain } = niceDomain(42, 42, 5);
    expect(domain[0]).toBeLessThan(42);
    expect(domain[1]).toBeGreaterThan(42);
  });

  it("always covers the input with evenly spaced ticks that start and end on the domain", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 1e-9, max: 1e7, noNaN: true }),
        fc.integer({ min: 2, max: 10 }),
        (start, span, count) => {
          const { domain, step } = niceDomain(start, start + span, count);
          expect(domain[0]).toBeLessThanOrEqual(start + step * 1e-6);
          expect(domain[1]).toBeGreaterThanOrEqual(start + span - step * 1e-6);
          const values = ticks(domain[0], domain[1], step);
          expect(values.length).toBeGreaterThanOrEqual(2);
          expect(values.length).toBeLessThanOrEqual(count * 3 + 2);
          expect(values[0]).toBeCloseTo(domain[0], 6);
          expect(values[values.length - 1]).toBeCloseTo(domain[1], 6);
          for (let index = 1; index < values.length; index++) expect(values[index] - values[index - 1]).toBeCloseTo(step, 6);
        },
      ),
    );
  });
});
