/**
 * The `backup` command: `npm run backup -- <file>`. Copies the live database (DATABASE_URL) into
 * a new file with SQLite's online backup API while the server keeps running, then checks the copy
 * with `PRAGMA integrity_check`. Exit code 0 and one line on success; 2 and a message otherwise.
 */
import { backupDatabase } from "../../../db/backup";
import { isPostgresUrl } from "../../../db/postgres";
import { env } from "./env.server";

const USAGE = "usage: npm run backup -- <file>";

const file = process.argv[2];
if (!file || file.startsWith("-")) {
  console.error(file === "--help" || file === "-h" ? USAGE : `a backup requires a file name\n${USAGE}`);
  process.exit(file === "--help" || file === "-h" ? 0 : 2);
}
if (isPostgresUrl(env.DATABASE_URL)) {
  console.error("DATABASE_URL names a PostgreSQL database: back it up with PostgreSQL's own tools (pg_dump, or your provider's snapshots); this command copies a SQLite file");
  process.exit(2);
}
try {
  const result = await backupDatabase(env.DATABASE_URL, file);
  console.log(`backup written to ${result.file} (${result.pages} pages, integrity_check ${result.integrity})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
