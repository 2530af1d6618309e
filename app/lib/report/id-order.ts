/**
 * Where `id` is, or would go, in a list kept in id order: its `length` and the id of its i-th
 * item (`idAt`). A binary search: the report's respondent store, its flags and its filter passes
 * all keep their respondents in id order.
 */
export function positionInIdOrder(length: number, idAt: (i: number) => number, id: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idAt(mid) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
