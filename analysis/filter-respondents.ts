/** Which respondents to keep: each given criterion must match (one value or any of a list). */
export interface RespondentFilter {
  segment?: string | string[];
  wave?: string | string[];
}

function matches(value: string | undefined, wanted: string | string[] | undefined): boolean {
  if (wanted === undefined) return true;
  if (value === undefined) return false;
  return Array.isArray(wanted) ? wanted.includes(value) : value === wanted;
}

/**
 * Segment and wave filter (method.md "Beyond Gale": segments and waves filter all tools).
 * Keeps the respondents whose `segment` and `wave` match the filter; a criterion left out
 * keeps everyone, a respondent without the attribute never matches a given criterion.
 * Order is kept. An empty result is returned as an empty list; the tools then report why
 * they cannot compute (e.g. `aggregateWeights` falls back, profiles give "offer-not-rated").
 */
export function filterRespondents<T extends { segment?: string; wave?: string }>(
  respondents: T[],
  filter: RespondentFilter,
): T[] {
  return respondents.filter((r) => matches(r.segment, filter.segment) && matches(r.wave, filter.wave));
}
