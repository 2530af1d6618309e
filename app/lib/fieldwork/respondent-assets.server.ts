import fs from "node:fs";
import path from "node:path";

/** Where `npm run build` writes the manifest of the respondent page's scripts (vite.respondent.config.ts). */
const MANIFEST = "build/client/.vite/respondent-manifest.json";
const ENTRY = "app/respondent/first-page.ts";
const APP = "app/respondent/survey-app.tsx";
const SURVEY_STYLES = "app/respondent/survey.css";
export interface RespondentAssets {
  script: string;
  app: string;
  surveyStyles: string;
}
let cached: RespondentAssets | null = null;

/**
 * The addresses of the respondent page's entry script, of the questionnaire app it loads and of the
 * library's stylesheet: the hashed
 * files of the last build (served from /assets, allowed by the page CSP's 'self'), or the source
 * modules under `remix vite:dev`, whose Vite server compiles them.
 */
export function respondentAssets(): RespondentAssets {
  if (import.meta.env.DEV) return { script: `/${ENTRY}`, app: `/${APP}`, surveyStyles: `/${SURVEY_STYLES}` };
  if (cached) return cached;
  const file = path.resolve(MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${MANIFEST} is missing: run \`npm run build\``);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { file: string }>;
  const entry = manifest[ENTRY];
  const app = manifest[APP];
  const styles = manifest[SURVEY_STYLES];
  if (!entry || !app || !styles) throw new Error(`${MANIFEST} lacks ${ENTRY}, ${APP} or ${SURVEY_STYLES}`);
  cached = { script: `/${entry.file}`, app: `/${app.file}`, surveyStyles: `/${styles.file}` };
  return cached;
}
