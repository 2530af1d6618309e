/**
 * The fieldwork window rule, the one home of it: a window (epoch ms, either end open when null)
 * is `scheduled` before it opens, `closed` from its closing instant on, else `open`. The respondent
 * API admits new responses only when it is open; the design and fieldwork pages show the state.
 * Pure (the caller passes `now`), safe in the browser.
 */
export type FieldworkWindowState = "open" | "scheduled" | "closed";

export function fieldworkWindowState(window: { opensAt: number | null; closesAt: number | null }, now: number): FieldworkWindowState {
  if (window.opensAt !== null && now < window.opensAt) return "scheduled";
  if (window.closesAt !== null && now >= window.closesAt) return "closed";
  return "open";
}

/** Whether the fieldwork window admits new responses now. */
export function fieldworkOpen(window: { opensAt: number | null; closesAt: number | null }, now: number): boolean {
  return fieldworkWindowState(window, now) === "open";
}
