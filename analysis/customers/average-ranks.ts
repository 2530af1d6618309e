/**
 * Ranks 1..n of `values` in ascending order, tied values getting the mean of the ranks they
 * share ("fractional ranking": 10, 20, 20, 30 -> 1, 2.5, 2.5, 4). Values are compared exactly;
 * callers round amounts first (`comparableAmount`).
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, index) => index).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number]) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) ranks[order[k] as number] = rank;
    start = end + 1;
  }
  return ranks;
}
