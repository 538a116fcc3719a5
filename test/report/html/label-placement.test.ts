import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxesOverlap, placeLabels, type LabelRequest } from "../../../src/report/html/label-placement.ts";

const bounds = { x: 0, y: 0, width: 400, height: 300 };

describe("placeLabels", () => {
  it("puts a lone label to the right of its marker", () => {
    const [label] = placeLabels([{ x: 100, y: 100, radius: 6, text: "eu-north-1" }], bounds, 12);
    expect(label.anchor).toBe("start");
    expect(label.x).toBeGreaterThan(106);
  });

  it("moves a label inside the bounds when the right side is out", () => {
    const [label] = placeLabels([{ x: 395, y: 100, radius: 6, text: "eu-north-1" }], bounds, 12);
    expect(label.anchor).toBe("end");
  });

  it("keeps a required label even where every spot is blocked by obstacles", () => {
    const obstacles = [{ x: 0, y: 0, width: 400, height: 300 }];
    expect(placeLabels([{ x: 200, y: 150, radius: 6, text: "chosen", required: true }], bounds, 12, obstacles)).toHaveLength(1);
    expect(placeLabels([{ x: 200, y: 150, radius: 6, text: "other" }], bounds, 12, obstacles)).toHaveLength(0);
  });

  it("never overlaps two placed labels, and keeps them inside the bounds", () => {
    const request = fc.record({
      x: fc.double({ min: 0, max: 400, noNaN: true }),
      y: fc.double({ min: 0, max: 300, noNaN: true }),
      radius: fc.constantFrom(4, 6, 12),
      text: fc.string({ minLength: 1, maxLength: 24 }),
      priority: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 20 }), (requests: LabelRequest[]) => {
        const placed = placeLabels(requests, bounds, 12);
        for (const label of placed) {
          expect(label.box.x).toBeGreaterThanOrEqual(bounds.x);
          expect(label.box.x + label.box.width).toBeLessThanOrEqual(bounds.width + 1e-9);
        }
        for (let first = 0; first < placed.length; first++)
          for (let second = first + 1; second < placed.length; second++) expect(boxesOverlap(placed[first].box, placed[second].box)).toBe(false);
      }),
    );
  });
});
