import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "data/**", "test-results/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Every query is async (db/client.ts): a promise nobody awaits is a write that may not have
    // happened yet, or a transaction whose errors nobody sees.
    files: ["app/**/*.ts", "app/**/*.tsx", "db/**/*.ts", "bench/**/*.ts", "test/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["**/*.mjs", "app/server.js", "app/png-render.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly" } },
  },
  {
    // analysis/ and surveys/ stay pure: no database, no HTTP, no app code (house-style.md).
    files: ["analysis/**/*.ts", "surveys/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["node:*", "../db/*", "../app/*", "~/*", "better-sqlite3", "drizzle-orm*", "@remix-run/*"] },
      ],
    },
  },
  {
    // Inside app/, only *.server.ts files touch db/ or node:* (Remix's .server guard stops at app/).
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/**/*.server.ts", "app/**/*.server.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "**/db/*", "**/db/**", "better-sqlite3", "drizzle-orm*"] }],
    },
  },
  {
    // Components run in the browser: no server module (not even for types: the view models live
    // in client-safe files such as app/lib/report/report-view.ts) and no dictionary (pages get
    // their messages from their loaders; app/i18n/messages.server.ts).
    files: ["app/components/**/*.ts", "app/components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "node:*",
            "**/db/*",
            "**/db/**",
            "better-sqlite3",
            "drizzle-orm*",
            "**/*.server",
            "**/*.server.ts",
            "~/i18n/en",
            "~/i18n/zh-CN",
            "~/i18n/*.en",
            "~/i18n/*.zh-CN",
          ],
        },
      ],
    },
  },
);
