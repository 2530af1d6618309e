import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * The respondent page's own scripts (issue 15), built by `npm run build` after Remix's build into
 * build/client/assets with hashed names (served immutable for a year): a tiny first-page script
 * (`app/respondent/first-page.ts`: the server-rendered first page saves through the JSON API) that
 * loads the questionnaire app (React + SurveyJS) as a separate chunk. The respondent page does
 * not hydrate Remix: it loads only this. The manifest tells the page which file is the entry.
 */
export const RESPONDENT_ENTRY = "app/respondent/first-page.ts";
/** The questionnaire app and the library's stylesheet: the entry script loads them by their addresses (no loader helper in it). */
export const RESPONDENT_APP = "app/respondent/survey-app.tsx";
export const RESPONDENT_SURVEY_STYLES = "app/respondent/survey.css";

export default defineConfig({
  plugins: [tsconfigPaths()],
  logLevel: "warn",
  build: {
    outDir: "build/client",
    emptyOutDir: false,
    target: "es2022",
    manifest: ".vite/respondent-manifest.json",
    modulePreload: false,
    chunkSizeWarningLimit: 1500,
    // The app entry keeps its export (`mount`): the entry script imports it by address.
    rollupOptions: { input: { respondent: RESPONDENT_ENTRY, "survey-app": RESPONDENT_APP, survey: RESPONDENT_SURVEY_STYLES }, preserveEntrySignatures: "exports-only" },
  },
});
