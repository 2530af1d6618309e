import type { Translate } from "~/i18n";
import type { FirstPage } from "./page-data";

/**
 * The questionnaire's first page as a plain form, rendered by the server: usable at once on a
 * slow phone, before the questionnaire library arrives. app/respondent/first-page.ts saves its
 * answers through the respondent API as they are given and hands them to the library on "Next".
 * Each choice is a full-width row (the whole row is the target, at least 44 px high).
 */
export function FirstPageForm({ page, t }: { page: FirstPage; t: Translate }) {
  return (
    <form id="first-page" className="first-page" method="get" noValidate aria-labelledby="first-page-title" data-testid="first-page">
      <h2 id="first-page-title" className="page-title" tabIndex={-1}>
        {page.title ?? page.questions[0]?.title}
      </h2>
      {page.questions.map((q) => (
        <fieldset key={q.name} className="fp-question" data-name={q.name} aria-describedby={`fp-error-${q.name}`}>
          <legend className="fp-title">
            {q.title}
            {q.required ? <span aria-hidden="true"> *</span> : null}
          </legend>
          {q.description ? <p className="fp-description">{q.description}</p> : null}
          <div className="choices">
            {q.choices.map((c) => (
              <label key={c.value} className="choice-row">
                <input type={q.type === "checkbox" ? "checkbox" : "radio"} name={q.name} value={c.value} required={q.required && q.type === "radiogroup"} />
                <span>{c.text}</span>
              </label>
            ))}
          </div>
          <p className="fp-error" id={`fp-error-${q.name}`} role="alert" data-testid="first-page-error" />
        </fieldset>
      ))}
      <div className="fp-nav">
        {/* Enabled by first-page.ts once it handles "Next": a tap before the page's script runs
            would otherwise submit the plain form and reload the first page without its answers. */}
        <button type="submit" className="next-button" data-testid="first-page-next" disabled>
          {t("respondent.next")}
        </button>
      </div>
    </form>
  );
}
