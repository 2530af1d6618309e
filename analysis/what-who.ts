import type { WhatWhoInput, WhatWhoResult } from "./types";

const CELL_VALUES: readonly number[] = [0, 1, 3, 9];

/**
 * What/who matrix (method.md "The tools" (g)): rows = attributes, columns = the own firm's
 * functions, cells 9/3/1/0 (strong/related/weak/none).
 *
 * Gap per cell `cell * w_i * max(0, 1 - r_i)`; each function's priority = sum over attributes
 * of its gaps (the weighted shortfall it owns). Functions are ranked by priority, highest
 * first; equal priorities share a rank (1, 1, 3) and keep input order.
 *
 * Weights are rescaled to sum 100 over `attributes` (a no-op for a weight set that does); a
 * missing weight counts 0. A missing cell counts 0 (none); cells of attributes not in
 * `attributes` are ignored. The ratios `r_i` are profile ratios (already inverted for
 * lowerIsBetter).
 *
 * Unavailable: "no-attributes", "no-functions", "duplicate-function", "unknown-function" (a
 * cell names a function not in `functions`), "invalid-cell" (a cell not 0, 1, 3 or 9),
 * "invalid-ratio" (an attribute without a finite ratio >= 0), "not-finite",
 * "negative-weight", "no-weights" (weights sum to 0).
 */
export function whatWho(input: WhatWhoInput): WhatWhoResult {
  const { attributes, weights, ratios, functions, cells } = input;
  if (attributes.length === 0) return { ok: false, reason: "no-attributes" };
  if (functions.length === 0) return { ok: false, reason: "no-functions" };
  if (new Set(functions).size !== functions.length) return { ok: false, reason: "duplicate-function" };
  for (const row of Object.values(cells)) {
    for (const [fn, cell] of Object.entries(row)) {
      if (!functions.includes(fn)) return { ok: false, reason: "unknown-function" };
      if (!CELL_VALUES.includes(cell)) return { ok: false, reason: "invalid-cell" };
    }
  }
  const raw = attributes.map((a) => weights[a.id] ?? 0);
  if (!raw.every(Number.isFinite)) return { ok: false, reason: "not-finite" };
  if (raw.some((w) => w < 0)) return { ok: false, reason: "negative-weight" };
  const weightSum = raw.reduce((s, w) => s + w, 0);
  if (weightSum <= 0) return { ok: false, reason: "no-weights" };

  const rows: Array<{ id: string; weight: number; ratio: number; shortfall: number }> = [];
  for (const [index, attribute] of attributes.entries()) {
    const ratio = ratios[attribute.id];
    if (ratio === undefined || !Number.isFinite(ratio) || ratio < 0) return { ok: false, reason: "invalid-ratio" };
    rows.push({
      id: attribute.id,
      weight: (100 * (raw[index] ?? 0)) / weightSum,
      ratio,
      shortfall: Math.max(0, 1 - ratio),
    });
  }

  const gaps: Array<{ attributeId: string; functionId: string; cell: 0 | 1 | 3 | 9; gap: number }> = [];
  const priorities = new Map<string, number>(functions.map((fn) => [fn, 0]));
  for (const row of rows) {
    for (const fn of functions) {
      const cell = cells[row.id]?.[fn] ?? 0;
      const gap = cell * row.weight * row.shortfall;
      gaps.push({ attributeId: row.id, functionId: fn, cell, gap });
      priorities.set(fn, (priorities.get(fn) ?? 0) + gap);
    }
  }
  const ordered = functions
    .map((id, index) => ({ id, index, priority: priorities.get(id) ?? 0 }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  const ranked = ordered.map(({ id, priority }) => ({
    id,
    priority,
    rank: 1 + ordered.filter((o) => o.priority > priority).length,
  }));
  return { ok: true, attributes: rows, functions: ranked, cells: gaps };
}
