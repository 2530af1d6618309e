import { defineConfig } from "drizzle-kit";

/** PostgreSQL migrations (`npm run db:generate:pg`), kept in step with the SQLite ones. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
});
