export interface SuggestionGroup {
  /** The most frequent spelling (the first seen on a tie). */
  text: string;
  count: number;
  /** Mean of the points given with it (null when none were given). */
  meanPoints: number | null;
}

/**
 * Groups free-text attribute suggestions case-insensitively (after trimming and collapsing
 * white space), most frequent first (ties alphabetically); empty texts are left out.
 */
export function groupSuggestions(suggestions: Array<{ text: string; weight: number | null }>): SuggestionGroup[] {
  const groups = new Map<string, { spellings: Map<string, number>; count: number; points: number[] }>();
  for (const s of suggestions) {
    const clean = s.text.trim().replace(/\s+/g, " ");
    if (!clean) continue;
    const key = clean.toLocaleLowerCase("en");
    const group = groups.get(key) ?? groups.set(key, { spellings: new Map(), count: 0, points: [] }).get(key)!;
    group.count += 1;
    group.spellings.set(clean, (group.spellings.get(clean) ?? 0) + 1);
    if (s.weight !== null && Number.isFinite(s.weight)) group.points.push(s.weight);
  }
  return [...groups.values()]
    .map((g) => {
      let text = "";
      let best = 0;
      for (const [spelling, n] of g.spellings) if (n > best) [text, best] = [spelling, n];
      return { text, count: g.count, meanPoints: g.points.length ? g.points.reduce((a, b) => a + b, 0) / g.points.length : null };
    })
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}
