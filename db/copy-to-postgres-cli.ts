import { copyToPostgres, CopyError, describeError, formatReport } from "./copy-to-postgres";

/**
 * npm run db:copy-to-postgres -- <sqlite-file> <postgres-url>
 * Progress and the per-table counts go to stdout; a failure is one line on stderr and exit code 1
 * (2 for wrong arguments). docs/postgres.md.
 */
const USAGE = "usage: npm run db:copy-to-postgres -- <sqlite-file> <postgres-url>  (e.g. data/valuemap.db postgres://valuemap@127.0.0.1:5432/valuemap)";

const args = process.argv.slice(2);
if (args.length !== 2 || args.some((a) => a === "-h" || a === "--help")) {
  console.error(USAGE);
  process.exit(2);
}
const [sqliteFile, postgresUrl] = args as [string, string];

try {
  const report = await copyToPostgres({ sqliteFile, postgresUrl, log: (line) => console.log(line) });
  console.log(formatReport(report));
  console.log(`copied ${report.rows} rows in ${report.tables.length} tables in ${(report.ms / 1000).toFixed(1)} s; counts and checksums match`);
} catch (error) {
  if (error instanceof CopyError && error.report) console.log(formatReport(error.report));
  console.error(`copy-to-postgres: ${describeError(error)}`);
  process.exitCode = 1;
}
