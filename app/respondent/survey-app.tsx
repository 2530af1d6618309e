/**
 * The questionnaire app (React + SurveyJS, ~360 KB gz): loaded by first-page.ts once the response
 * is started, it replaces the server-rendered page when the respondent leaves the first page (at
 * once for one who is further on, or who has not touched the plain form when it arrives).
 */
import { createRoot } from "react-dom/client";
import SurveyRunner, { type SurveyRunnerProps } from "~/components/SurveyRunner";

export function mount(element: HTMLElement, props: SurveyRunnerProps): void {
  createRoot(element).render(<SurveyRunner {...props} />);
}
