import { openDatabase, type Db } from "../../db/client";
import { seedDemo } from "../../db/seed-demo";
import { hashPassword } from "./password.server";
import { env } from "./env.server";

declare global {
  var __valuemapDb: Db | undefined;
}

function open(): Db {
  const db = openDatabase({ url: env.DATABASE_URL, synchronous: env.DB_SYNCHRONOUS });
  if (env.DEMO === "on") seedDemo(db, { passwordHash: hashPassword, now: Date.now() });
  return db;
}

/** The process-wide database handle: opened, migrated and (on an empty database) seeded at start. */
export const db: Db = (globalThis.__valuemapDb ??= open());
