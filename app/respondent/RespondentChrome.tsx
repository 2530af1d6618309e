import type { Locale, Translate } from "~/i18n";

export type SaveDisplay = "idle" | "saved" | "saving" | "offline";

/**
 * The respondent page's opaque status bar (progress "Page 3 of 7" with a thin bar, saving state,
 * language switch) and the study header, the same markup whether the server renders the first
 * page or the questionnaire app runs (app/respondent/survey-app.tsx), so nothing moves when the
 * app takes over. The header shows the title and the market only on the first page.
 */
export function RespondentChrome(props: {
  t: Translate;
  locale: Locale;
  languages: readonly Locale[];
  progress: { page: number; pages: number } | null;
  save: SaveDisplay;
  saveText: string;
  title: string;
  description: string;
  collapsed: boolean;
  /** The page's address with `lang` set to the other language (works before any script runs). */
  languageHref: string;
  onSwitchLanguage?: (to: Locale) => void;
}) {
  const { t, locale, languages, progress } = props;
  const other = languages.find((l) => l !== locale);
  const percent = progress ? Math.round((100 * progress.page) / Math.max(1, progress.pages)) : 0;
  return (
    <>
      <div className="status-bar" data-testid="status-bar">
        <div className="status-row">
          <span className="progress-text" data-testid="progress">
            {progress ? t("respondent.progress", { page: progress.page, pages: progress.pages }) : ""}
          </span>
          <span className="save-state" data-testid="save-state" data-state={props.save} role="status">
            {props.saveText}
          </span>
          {other ? (
            <a
              className="lang-switch"
              href={props.languageHref}
              lang={other}
              hrefLang={other}
              data-testid="lang-switch"
              onClick={
                props.onSwitchLanguage
                  ? (e) => {
                      e.preventDefault();
                      props.onSwitchLanguage!(other);
                    }
                  : undefined
              }
            >
              {other === "zh-CN" ? "中文" : "English"}
            </a>
          ) : null}
        </div>
        <div className="progress-bar" aria-hidden="true">
          <span style={{ width: `${percent}%` }} />
        </div>
      </div>
      <header className={props.collapsed ? "study-header collapsed" : "study-header"}>
        {props.collapsed ? (
          <p className="study-title">{props.title}</p>
        ) : (
          <>
            <h1 className="study-title">{props.title}</h1>
            {props.description ? <p className="study-description">{props.description}</p> : null}
          </>
        )}
      </header>
    </>
  );
}
