/**
 * The `reset-link` command: `npm run reset-link -- <email>`. Prints a one-time password-reset
 * path for the account (valid one hour; earlier unused links of the account stop working), for
 * the operator of the server when no administrator can sign in. Exit 0 on success, 2 otherwise.
 */
import { appDb as db, closeDatabase } from "../platform/db.server";
import { resetLinkForEmail } from "./password-reset.server";

const USAGE = "usage: npm run reset-link -- <email>";
const email = process.argv[2];
if (!email || email.startsWith("-")) {
  console.error(email === "--help" || email === "-h" ? USAGE : `a reset link requires the account's email\n${USAGE}`);
  process.exit(email === "--help" || email === "-h" ? 0 : 2);
}
const link = await resetLinkForEmail(db, email);
// On PostgreSQL the pool's idle connections would keep the process alive for their idle timeout
// (30 s) after the work is done; SQLite closes at exit either way.
await closeDatabase();
if (!link) {
  console.error(`no account with the email ${email}`);
  process.exit(2);
}
console.log(`one-time reset link (valid until ${new Date(link.expiresAt).toISOString()}): <origin>${link.path}`);
