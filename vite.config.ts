/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    // Remix's plugin must stay off under vitest (stack.md).
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
  ],
  server: { port: 3000 },
  build: { target: "es2022" },
  test: {
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    // Every test runs on SQLite; the database, HTTP, durability and fuzz tests run again on
    // PostgreSQL (one real server for the run, started by the global setup; each test file makes
    // its own databases). Left out of the second run: pure code that touches no database, and
    // tests of one engine by nature (SQLite pragmas, migrations and backup; the PostgreSQL
    // migration and copy tests, which start their own server in the first run).
    projects: [
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"], exclude: ["test/postgres/**"] } },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["test/db/**/*.test.ts", "test/services/**/*.test.ts", "test/app/**/*.test.ts", "test/durability/**/*.test.ts", "test/fuzz/**/*.test.ts", "test/postgres/**/*.test.ts"],
          exclude: [
            "test/db/client.test.ts",
            "test/db/migration-keeps-data.test.ts",
            "test/db/schema-parity.test.ts",
            "test/db/engine-neutral.test.ts",
            "test/db/postgres-migrations.test.ts",
            "test/db/copy-to-postgres.test.ts",
            "test/app/backup.test.ts",
            "test/app/analyze-cli.test.ts",
            "test/app/versioned-cache.test.ts",
            "test/app/report-helpers.test.ts",
            "test/app/export-writers.test.ts",
            "test/app/operator-commands.test.ts",
            "test/app/stale-build.test.ts",
            "test/app/i18n-pages.test.ts",
          ],
          env: { VALUEMAP_TEST_ENGINE: "postgres" },
          globalSetup: ["test/helpers/postgres-global-setup.ts"],
        },
      },
    ],
  },
});
