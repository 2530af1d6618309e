import type { StudyDefinition } from "./study-definition";

type Part = "offer" | "attribute" | "profileQuestion";

/**
 * One difference between two study definitions, as codes and names (app/ words it). `study`
 * names a changed field of the study itself; `order` a list whose order changed.
 */
export type DefinitionChange =
  | { part: "study"; field: "title" | "titleZh" | "market" | "marketZh" | "languages" | "ratingLayout" }
  | { part: Part; change: "added" | "removed" | "changed"; code: string; name: string }
  | { part: "order"; list: "offers" | "attributes" | "profileQuestions" }
  | { part: "statedWeights"; change: "added" | "removed" | "changed" };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function listChanges<T extends { code: string }>(part: Part, before: readonly T[], after: readonly T[], name: (item: T) => string): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  const old = new Map(before.map((item) => [item.code, item]));
  const now = new Map(after.map((item) => [item.code, item]));
  for (const item of after) {
    const previous = old.get(item.code);
    if (!previous) out.push({ part, change: "added", code: item.code, name: name(item) });
    else if (!same(previous, item)) out.push({ part, change: "changed", code: item.code, name: name(item) });
  }
  for (const item of before) if (!now.has(item.code)) out.push({ part, change: "removed", code: item.code, name: name(item) });
  return out;
}

function reordered(before: ReadonlyArray<{ code: string }>, after: ReadonlyArray<{ code: string }>): boolean {
  const kept = new Set(after.map((x) => x.code));
  const earlier = before.map((x) => x.code).filter((c) => kept.has(c));
  const later = after.map((x) => x.code).filter((c) => earlier.includes(c));
  return !same(earlier, later);
}

/**
 * What changed from one definition (a published version's) to another (the study now): study
 * fields (the rating layout among them), offers, attributes and profile questions added, removed or changed (by code), lists
 * reordered, stated weights adopted, dropped or changed. Empty when publishing again would
 * freeze the same definition.
 */
export function definitionChanges(before: StudyDefinition, after: StudyDefinition): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  for (const field of ["title", "titleZh", "market", "marketZh", "languages"] as const) {
    if (!same(before[field], after[field])) out.push({ part: "study", field });
  }
  // Absent (definitions frozen before the choice existed) is one offer per page.
  if ((before.ratingLayout ?? "offer") !== (after.ratingLayout ?? "offer")) out.push({ part: "study", field: "ratingLayout" });
  out.push(...listChanges("offer", before.offers, after.offers, (o) => o.name));
  out.push(...listChanges("attribute", before.attributes, after.attributes, (a) => a.name));
  out.push(...listChanges("profileQuestion", before.profileQuestions, after.profileQuestions, (q) => q.text));
  for (const list of ["offers", "attributes", "profileQuestions"] as const) {
    if (reordered(before[list], after[list])) out.push({ part: "order", list });
  }
  const w0 = before.statedWeights ?? null;
  const w1 = after.statedWeights ?? null;
  if (w0 === null && w1 !== null) out.push({ part: "statedWeights", change: "added" });
  else if (w0 !== null && w1 === null) out.push({ part: "statedWeights", change: "removed" });
  else if (!same(w0, w1)) out.push({ part: "statedWeights", change: "changed" });
  return out;
}
