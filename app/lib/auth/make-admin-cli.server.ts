/**
 * The `make-admin` command: `npm run make-admin -- <email>`. Makes an existing account an
 * administrator of the installation (the operator's choice; ADMIN_EMAILS is the other way).
 * Exit 0 on success; 2 with a message for an unknown email or the demo account.
 */
import { makeAdmin } from "./admins.server";
import { appDb as db, closeDatabase } from "../platform/db.server";

const USAGE = "usage: npm run make-admin -- <email>";
const email = process.argv[2];
if (!email || email.startsWith("-")) {
  console.error(email === "--help" || email === "-h" ? USAGE : `make-admin requires the account's email\n${USAGE}`);
  process.exit(email === "--help" || email === "-h" ? 0 : 2);
}
const result = await makeAdmin(db, email);
await closeDatabase();
if (!result.ok) {
  console.error(
    result.error === "demo"
      ? "the demo account never administers (its password is public)"
      : `no account with the email ${email}: sign up first (or list it in ADMIN_EMAILS, which applies when it signs up)`,
  );
  process.exit(2);
}
console.log(result.already ? `${email} already administers` : `${email} now administers this installation`);
