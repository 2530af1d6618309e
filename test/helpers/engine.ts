/**
 * The engine the database and HTTP tests run against: SQLite unless the test project sets
 * VALUEMAP_TEST_ENGINE=postgres (vite.config.ts runs those tests once per engine; the
 * PostgreSQL project's global setup starts one server for the whole run).
 */
export type TestEngine = "sqlite" | "postgres";
export const TEST_ENGINE: TestEngine = process.env.VALUEMAP_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
