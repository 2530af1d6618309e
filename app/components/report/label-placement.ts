/** An axis-aligned box: x, y is the top-left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A point to label: its marker (centre, radius) and the label's size. */
export interface LabelRequest {
  x: number;
  y: number;
  r: number;
  w: number;
  h: number;
}

export interface PlacedLabel extends Box {
  /** text-anchor for an SVG <text> whose x is the box's left (start) or right (end) edge */
  anchor: "start" | "end";
  /** true when no candidate was free of overlaps (the least-overlapping one was used) */
  overlaps: boolean;
  /** true when the label sits away from its point and needs a leader line */
  leader: boolean;
}

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function outside(box: Box, bounds: Box): number {
  const left = Math.max(0, bounds.x - box.x);
  const right = Math.max(0, box.x + box.w - (bounds.x + bounds.w));
  const top = Math.max(0, bounds.y - box.y);
  const bottom = Math.max(0, box.y + box.h - (bounds.y + bounds.h));
  return (left + right) * box.h + (top + bottom) * box.w;
}

/**
 * Collision-avoiding label placement for a scatter chart. Points are labelled in the given
 * order (put the most important first); each label tries candidate positions around its
 * marker (right, left, above, below, the diagonals, then the same further out) and takes the
 * first that stays inside `bounds` and overlaps no marker, no label placed before it and no
 * `obstacles`. When none is free, the candidate with the least overlap is used and flagged.
 */
export function placeLabels(requests: LabelRequest[], bounds: Box, obstacles: Box[] = []): PlacedLabel[] {
  const markers: Box[] = requests.map((p) => ({ x: p.x - p.r - 1, y: p.y - p.r - 1, w: 2 * p.r + 2, h: 2 * p.r + 2 }));
  const placed: Box[] = [];
  const gap = 4;
  return requests.map((p, index) => {
    const candidates: Array<{ box: Box; anchor: "start" | "end"; leader: boolean }> = [];
    for (const [step, leader] of [
      [0, false],
      [1, true],
      [2, true],
      [3, true],
    ] as const) {
      const d = p.r + gap + step * (p.h + 2);
      const boxes: Array<[number, number, "start" | "end"]> = [
        [p.x + d, p.y - p.h / 2, "start"],
        [p.x - d - p.w, p.y - p.h / 2, "end"],
        [p.x - p.w / 2, p.y - d - p.h, "start"],
        [p.x - p.w / 2, p.y + d, "start"],
        [p.x + d * 0.7, p.y - d * 0.7 - p.h, "start"],
        [p.x - d * 0.7 - p.w, p.y - d * 0.7 - p.h, "end"],
        [p.x + d * 0.7, p.y + d * 0.7, "start"],
        [p.x - d * 0.7 - p.w, p.y + d * 0.7, "end"],
      ];
      for (const [x, y, anchor] of boxes) candidates.push({ box: { x, y, w: p.w, h: p.h }, anchor, leader });
    }
    const others = [...markers.filter((_, i) => i !== index), ...placed, ...obstacles];
    let best = candidates[0]!;
    let bestCost = Infinity;
    for (const c of candidates) {
      const cost = others.reduce((s, o) => s + overlapArea(c.box, o), 0) + outside(c.box, bounds) * 4;
      if (cost === 0) {
        best = c;
        bestCost = 0;
        break;
      }
      if (cost < bestCost) {
        best = c;
        bestCost = cost;
      }
    }
    placed.push(best.box);
    return { ...best.box, anchor: best.anchor, overlaps: bestCost > 0, leader: best.leader };
  });
}
