import fs from "node:fs";
import path from "node:path";

/** Where `npm run build` writes the manifest of the respondent page's scripts (vite.respondent.config.ts). */
const MANIFEST = "build/client/.vite/respondent-manifest.json";
const ENTRY = "app/respondent/first-page.ts";
let cached: string | null = null;

/**
 * The address of the respondent page's entry script: the hashed file of the last build (served
 * from /assets, allowed by the page CSP's script-src 'self'), or the source module under
 * `remix vite:dev`, whose Vite server compiles it.
 */
export function respondentScript(): string {
  if (import.meta.env.DEV) return `/${ENTRY}`;
  if (cached) return cached;
  const file = path.resolve(MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${MANIFEST} is missing: run \`npm run build\``);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { file: string }>;
  const entry = manifest[ENTRY];
  if (!entry) throw new Error(`${MANIFEST} has no entry for ${ENTRY}`);
  cached = `/${entry.file}`;
  return cached;
}
