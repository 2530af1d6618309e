import { hash, hashSync, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id; these are the OWASP settings: m = 19 MiB, t = 2, p = 1.
// (Its `Algorithm` is a const enum with no runtime value, so the default is relied on and tested.)
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * An argon2id hash, computed on libuv's thread pool: a request path never blocks the event loop
 * for the ~15-20 ms a hash takes (60 sign-ups in a row would otherwise stall every other request).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** The same, blocking: only for work before the server listens (seeding the demo). */
export function hashPasswordSync(password: string): string {
  return hashSync(password, options);
}

/** Whether `password` matches `hash` (false for a malformed hash), off the event loop. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
