import { and, eq, max } from "drizzle-orm";
import type { CostGroupCode } from "../../surveys/study-definition";
import type { Db } from "../client";

export type AttributeFields = {
  code: string;
  kind: "quality" | "price";
  name: string;
  nameZh: string | null;
  description: string;
  descriptionZh: string | null;
  groupName: string | null;
  /** A price attribute's Kotler cost group; absent: "money" (the column's default). */
  costGroup?: CostGroupCode;
};

export type { CostGroupCode };

export function addAttribute(db: Db, args: { studyId: number; fields: AttributeFields }) {
  return db.transaction(async (tx) => {
    const { attributes } = tx.t;
    const [last] = await tx.q.select({ sort: max(attributes.sort) }).from(attributes).where(eq(attributes.studyId, args.studyId));
    const [row] = await tx.q
      .insert(attributes)
      .values({ ...args.fields, studyId: args.studyId, sort: (last?.sort ?? 0) + 1 })
      .returning();
    return row!;
  });
}

export async function updateAttribute(
  db: Db,
  args: { studyId: number; attributeId: number; fields: Omit<AttributeFields, "code" | "kind"> & { code?: string } },
): Promise<boolean> {
  const { attributes } = db.t;
  const rows = await db.q
    .update(attributes)
    .set(args.fields)
    .where(and(eq(attributes.id, args.attributeId), eq(attributes.studyId, args.studyId)))
    .returning({ id: attributes.id });
  return rows.length === 1;
}

export async function deleteAttribute(db: Db, args: { studyId: number; attributeId: number }): Promise<boolean> {
  const { attributes } = db.t;
  const rows = await db.q
    .delete(attributes)
    .where(and(eq(attributes.id, args.attributeId), eq(attributes.studyId, args.studyId)))
    .returning({ id: attributes.id });
  return rows.length === 1;
}
