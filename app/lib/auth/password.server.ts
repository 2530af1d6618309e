import { hashSync, verifySync } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id; these are the OWASP settings: m = 19 MiB, t = 2, p = 1.
// (Its `Algorithm` is a const enum with no runtime value, so the default is relied on and tested.)
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): string {
  return hashSync(password, options);
}

export function verifyPassword(hash: string, password: string): boolean {
  try {
    return verifySync(hash, password);
  } catch {
    return false;
  }
}
