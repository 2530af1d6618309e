import { SHARED_POSTGRES_ENV, startPostgres, type PostgresServer } from "./postgres";

/**
 * Global setup of the PostgreSQL test project: one real PostgreSQL server (Debian's package,
 * a fresh cluster in a temporary directory on a free port) for every test file of the run.
 * Its URL goes to the test workers through the environment (they are started after this), and
 * each test file makes its own databases on it (testPostgres). Missing server binaries fail the
 * run with a clear message: the PostgreSQL tests are never skipped silently.
 */
let server: PostgresServer | undefined;

export async function setup(): Promise<void> {
  server = await startPostgres();
  process.env[SHARED_POSTGRES_ENV] = server.url;
}

export function teardown(): void {
  server?.stop();
}
