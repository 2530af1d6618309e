import { expect } from "vitest";

/**
 * Deep equality with numbers equal to 1e-9 (relative past 1; NaN equals only NaN): the property
 * tests' comparison of a report or analysis computed two ways (statistics vs respondents,
 * incremental vs full, narrow vs packed read). `path` names the place of a difference.
 */
export function expectClose(actual: unknown, expected: unknown, path = "report"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return;
    if (!(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) expect.fail(`${path}: ${actual} != ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== "object" || actual === null || typeof actual !== "object") {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(Array.isArray(actual), path).toBe(Array.isArray(expected));
  expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
  for (const key of Object.keys(expected)) expectClose((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
}
