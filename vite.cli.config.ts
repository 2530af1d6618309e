import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * The operator commands, compiled by `npm run build` into build/cli/<name>.js so that they run
 * with plain node on an install without dev tools (`npm ci --omit=dev` after a build):
 * dependencies stay external (resolved from node_modules at run time), our code is bundled.
 */
export const CLI_COMMANDS = {
  analyze: "app/lib/report/analyze-cli.server.ts",
  backup: "app/lib/platform/backup-cli.server.ts",
  "reset-link": "app/lib/auth/reset-link-cli.server.ts",
  "make-admin": "app/lib/auth/make-admin-cli.server.ts",
  "copy-to-postgres": "db/copy-to-postgres-cli.ts",
  customers: "app/lib/customers/customers-cli.server.ts",
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  logLevel: "warn",
  build: {
    ssr: true,
    outDir: "build/cli",
    emptyOutDir: true,
    target: "node20",
    rollupOptions: { input: CLI_COMMANDS, output: { format: "es", entryFileNames: "[name].js" } },
  },
});
