// Greedy label placement for chart and map markers: each label tries a few spots around its anchor and takes the
// first that stays inside the bounds and clear of labels and markers already placed; a label with no free spot
// is dropped (the marker keeps its tooltip, and the same figure is in the tables).

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  /** Anchor point (the marker's centre). */
  x: number;
  y: number;
  /** Marker radius: labels keep clear of it. */
  radius: number;
  text: string;
  /** Placed before the others whatever their order (chosen, baseline). */
  priority?: number;
  /** Never dropped: when no spot is clear of markers and obstacles, it may cover them (never another label). */
  required?: boolean;
}

export interface PlacedLabel {
  request: LabelRequest;
  /** Text anchor point and alignment for an SVG <text>. */
  x: number;
  y: number;
  anchor: "start" | "middle" | "end";
  box: Box;
  /** A line back to the marker, for labels placed further out. */
  leader?: { x1: number; y1: number; x2: number; y2: number };
}

/** Average advance of a character of the report's sans-serif at 1 px, measured on Inter and Liberation Sans. */
const CHARACTER_WIDTH_EM = 0.56;

export function estimateTextWidth(text: string, fontSizePx: number): number {
  return text.length * fontSizePx * CHARACTER_WIDTH_EM;
}

export function boxesOverlap(first: Box, second: Box): boolean {
  return first.x < second.x + second.width && second.x < first.x + first.width && first.y < second.y + second.height && second.y < first.y + first.height;
}

function insideBounds(box: Box, bounds: Box): boolean {
  return box.x >= bounds.x && box.y >= bounds.y && box.x + box.width <= bounds.x + bounds.width && box.y + box.height <= bounds.y + bounds.height;
}

/** How far past the first ring of spots a label may move; it then gets a leader line back to its marker. */
const FAR_RING_EXTRA_PX = 16;

export function placeLabels(requests: readonly LabelRequest[], bounds: Box, fontSizePx: number, obstacles: readonly Box[] = []): PlacedLabel[] {
  const order = requests
    .map((request, index) => ({ request, index }))
    .sort((first, second) => (second.request.priority ?? 0) - (first.request.priority ?? 0) || first.index - second.index);
  const taken: Box[] = [...obstacles];
  const markers: Box[] = requests.map((request) => ({ x: request.x - request.radius, y: request.y - request.radius, width: request.radius * 2, height: request.radius * 2 }));
  const placed: PlacedLabel[] = [];
  for (const { request, index } of order) {
    const blockers = [...taken, ...markers.filter((_, markerIndex) => markerIndex !== index)];
    const spots = [0, FAR_RING_EXTRA_PX]
      .flatMap((extra) => spotsAround(request, fontSizePx, request.radius + 4 + extra).map((candidate) => ({ ...candidate, far: extra > 0 })))
      .filter((candidate) => insideBounds(candidate.box, bounds));
    const labelsOnly = placed.map((label) => label.box);
    const spot =
      spots.find((candidate) => !blockers.some((box) => boxesOverlap(box, candidate.box))) ??
      (request.required ? (spots.find((candidate) => !labelsOnly.some((box) => boxesOverlap(box, candidate.box))) ?? spots[0]) : undefined);
    if (!spot) continue;
    taken.push(spot.box);
    placed.push({ request, x: spot.x, y: spot.y, anchor: spot.anchor, box: spot.box, leader: spot.far ? leaderLine(request, spot.box) : undefined });
  }
  return placed;
}

/** Right, left, above, below, then the four diagonals, `gap` pixels from the anchor. */
function spotsAround(request: LabelRequest, fontSizePx: number, gap: number): Array<Omit<PlacedLabel, "request">> {
  const width = estimateTextWidth(request.text, fontSizePx);
  const height = fontSizePx * 1.2;
  const { x, y } = request;
  const baseline = fontSizePx * 0.35;
  return [
    { x: x + gap, y: y + baseline, anchor: "start", box: { x: x + gap, y: y - height / 2, width, height } },
    { x: x - gap, y: y + baseline, anchor: "end", box: { x: x - gap - width, y: y - height / 2, width, height } },
    { x, y: y - gap - fontSizePx * 0.25, anchor: "middle", box: { x: x - width / 2, y: y - gap - height, width, height } },
    { x, y: y + gap + fontSizePx * 0.9, anchor: "middle", box: { x: x - width / 2, y: y + gap, width, height } },
    { x: x + gap * 0.7, y: y - gap * 0.7, anchor: "start", box: { x: x + gap * 0.7, y: y - gap * 0.7 - height * 0.8, width, height } },
    { x: x - gap * 0.7, y: y - gap * 0.7, anchor: "end", box: { x: x - gap * 0.7 - width, y: y - gap * 0.7 - height * 0.8, width, height } },
    { x: x + gap * 0.7, y: y + gap * 0.7 + fontSizePx * 0.7, anchor: "start", box: { x: x + gap * 0.7, y: y + gap * 0.7 - height * 0.1, width, height } },
    { x: x - gap * 0.7, y: y + gap * 0.7 + fontSizePx * 0.7, anchor: "end", box: { x: x - gap * 0.7 - width, y: y + gap * 0.7 - height * 0.1, width, height } },
  ];
}

/** From the marker's edge to the nearest point of the label's box. */
function leaderLine(request: LabelRequest, box: Box): PlacedLabel["leader"] {
  const targetX = Math.min(Math.max(request.x, box.x), box.x + box.width);
  const targetY = Math.min(Math.max(request.y, box.y), box.y + box.height);
  const distance = Math.hypot(targetX - request.x, targetY - request.y) || 1;
  return {
    x1: request.x + ((targetX - request.x) / distance) * (request.radius + 1),
    y1: request.y + ((targetY - request.y) / distance) * (request.radius + 1),
    x2: targetX,
    y2: targetY,
  };
}
