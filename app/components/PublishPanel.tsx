import type { DefinitionChange } from "../../surveys/definition-changes";
import type { MessageKey } from "~/i18n";
import { formatDate } from "~/i18n";
import type { PublishingStatus, StageStatus } from "~/lib/design/publishing-status";
import { FormStatus } from "./form-kit";
import { InlineForm } from "./InlineForm";
import { useT } from "./use-t";

/** One change since the last version, in words. */
export function ChangeText({ change: c }: { change: DefinitionChange }) {
  const { t } = useT();
  if (c.part === "study") return <>{t(`study.change.study.${c.field}`)}</>;
  if (c.part === "order") return <>{t(`study.change.order.${c.list}`)}</>;
  if (c.part === "statedWeights") return <>{t(`study.change.statedWeights.${c.change}`)}</>;
  return <>{t(`study.change.${c.part}.${c.change}`, { name: c.name })}</>;
}

function Issues({ issues }: { issues: MessageKey[] }) {
  const { t } = useT();
  if (issues.length === 0) return null;
  return (
    <ul className="issues" aria-live="polite">
      {issues.map((code) => (
        <li key={code}>{t(code)}</li>
      ))}
    </ul>
  );
}

/**
 * Publishing one stage: version 1 at once (the text says codes freeze); a later version behind a
 * confirmation listing what changed since the last one.
 */
function PublishStage({ stage, status, intent, button, extra }: { stage: "rating" | "focusGroup"; status: StageStatus; intent: string; button: string; extra?: React.ReactNode }) {
  const { t } = useT();
  const next = (status.version ?? 0) + 1;
  const changes =
    status.version === null ? null : status.changes.length === 0 ? (
      <p>{t("study.publish.noChanges", { version: status.version })}</p>
    ) : (
      <>
        <p>{t("study.publish.changesTitle", { version: status.version })}</p>
        <ul data-testid={`${stage}-changes`}>
          {status.changes.map((c, i) => (
            <li key={i}>
              <ChangeText change={c} />
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <>
      <Issues issues={status.issues} />
      {status.version === null ? (
        <>
          <p className="muted small">{t("study.publish.first")}</p>
          {extra}
          <InlineForm intent={intent} label={button} disabled={status.issues.length > 0} testId={`publish-${stage}`} />
        </>
      ) : (
        <InlineForm
          intent={intent}
          label={button}
         
          disabled={status.issues.length > 0}
          testId={`publish-${stage}`}
          confirm={{
            message: (
              <>
                <p>
                  <strong>{t("study.publish.next", { version: next })}</strong>
                </p>
                {changes}
                {extra}
              </>
            ),
            button: t("study.publish.confirm", { version: next }),
          }}
        />
      )}
      <FormStatus id={intent} />
    </>
  );
}

/** Both stages' publishing, with the intended order and how the rating stage gets its weights. */
export function PublishPanel({ publishing, origin, publicToken }: { publishing: PublishingStatus; origin: string; publicToken: string }) {
  const { t, locale } = useT();
  const { rating, focusGroup } = publishing;
  return (
    <>
      <section className="panel" id="publish-focus-group">
        <h2>{t("fieldwork.focusPublish.title")}</h2>
        <p className="muted small">{t("fieldwork.focusPublish.help")}</p>
        <p data-testid="focus-group-published">
          {focusGroup.version !== null && focusGroup.publishedAt !== null
            ? t("fieldwork.focusPublish.published", { version: focusGroup.version, date: formatDate(locale, focusGroup.publishedAt) })
            : t("fieldwork.focusPublish.notPublished")}
        </p>
        {focusGroup.version !== null && focusGroup.changes.length > 0 ? (
          <p className="changes-notice" role="status">
            {t("study.publish.unpublishedFocusGroup", { version: focusGroup.version })}
          </p>
        ) : null}
        {publishing.weights === "adopted" ? <p className="muted small">{t("fieldwork.focusPublish.weightsAdopted")}</p> : null}
        <PublishStage stage="focusGroup" status={focusGroup} intent="publishFocusGroup" button={t("fieldwork.focusPublish.button")} />
      </section>
      <section className="panel" id="publish">
        <h2>{t("study.publish")}</h2>
        <p className="muted small">{t("study.publishHelp")}</p>
        <p className="muted small">{t("study.publish.order")}</p>
        <p data-testid="rating-published">
          {rating.version !== null && rating.publishedAt !== null
            ? t("study.published", { version: rating.version, date: formatDate(locale, rating.publishedAt) })
            : t("study.notPublished")}
        </p>
        {rating.version !== null ? (
          <p>
            {t("study.publicLink")}: <a href={`/s/${publicToken}`}>{`${origin}/s/${publicToken}`}</a>
          </p>
        ) : null}
        <PublishStage stage="rating" status={rating} intent="publish" button={t("study.publish")} extra={<p className="small">{t(`study.publish.weights.${publishing.weights}`)}</p>} />
      </section>
    </>
  );
}
