import { and, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { attributes } from "../schema";

export type AttributeFields = {
  code: string;
  kind: "quality" | "price";
  name: string;
  nameZh: string | null;
  description: string;
  descriptionZh: string | null;
  groupName: string | null;
  direction: "higher" | "lower";
};

export function addAttribute(db: Db, args: { studyId: number; fields: AttributeFields }) {
  const last = db.select({ sort: max(attributes.sort) }).from(attributes).where(eq(attributes.studyId, args.studyId)).get();
  return db
    .insert(attributes)
    .values({ ...args.fields, studyId: args.studyId, sort: (last?.sort ?? 0) + 1 })
    .returning()
    .get();
}

export function updateAttribute(
  db: Db,
  args: { studyId: number; attributeId: number; fields: Omit<AttributeFields, "code" | "kind"> },
): boolean {
  return (
    db
      .update(attributes)
      .set(args.fields)
      .where(and(eq(attributes.id, args.attributeId), eq(attributes.studyId, args.studyId)))
      .run().changes === 1
  );
}

export function deleteAttribute(db: Db, args: { studyId: number; attributeId: number }): boolean {
  return (
    db.delete(attributes).where(and(eq(attributes.id, args.attributeId), eq(attributes.studyId, args.studyId))).run()
      .changes === 1
  );
}
