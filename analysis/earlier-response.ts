import type { QualityInput } from "./data-quality";

/** Whether `row` is the original over `seen` under one duplicate key: completed earlier, or at the same instant with the smaller id. */
export function earlierResponse(row: Pick<QualityInput, "id" | "completedAt">, seen: Pick<QualityInput, "id" | "completedAt">): boolean {
  return row.completedAt < seen.completedAt || (row.completedAt === seen.completedAt && row.id < seen.id);
}
