// Runs an operator command compiled by `npm run build` (build/cli/<name>.js, see
// vite.cli.config.ts) with plain node: `npm run backup -- <file>` and the others need no dev tools.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [name, ...args] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = path.join(root, "build/cli", `${name}.js`);
if (!name || !fs.existsSync(file)) {
  console.error(`build/cli/${name ?? "<command>"}.js is missing: run \`npm run build\` first`);
  process.exit(2);
}
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
