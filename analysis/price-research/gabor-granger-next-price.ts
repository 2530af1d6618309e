import type { GaborGrangerAnswer } from "./types";

/**
 * The next Gabor–Granger price to ask (docs/method.md §8), or null when the respondent's
 * willingness is settled: start at the middle of the ladder (index floor((n − 1) / 2)); after a
 * yes ask the next higher price, after a no the next lower, until a yes sits next to a no, or a
 * yes at the top, or a no at the bottom. `ladder` ascending; answers in the order asked.
 */
export function gaborGrangerNextPrice(ladder: number[], answers: GaborGrangerAnswer[]): number | null {
  if (ladder.length === 0) return null;
  const last = answers.at(-1);
  if (last === undefined) return ladder[Math.floor((ladder.length - 1) / 2)] as number;
  const index = ladder.indexOf(last.price);
  if (index < 0) return null;
  const next = index + (last.buy ? 1 : -1);
  if (next < 0 || next >= ladder.length) return null;
  const asked = answers.find((a) => a.price === ladder[next]);
  return asked === undefined ? (ladder[next] as number) : null;
}
