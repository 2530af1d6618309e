import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { formatDay } from "~/components/report/chart-kit";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { isStrategyIntent, loadStrategy, runStrategyIntent } from "~/lib/report/strategy.server";
import { requireStudyRole } from "~/lib/design/studies.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { ...(await loadStrategy(db, study)), role, i18n: await pageI18n(request, ["design", "report"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  const intent = form.get("intent");
  if (!isStrategyIntent(intent)) {
    throw new Response("intent requires line, shares, addEvent, deleteEvent, addFunction, deleteFunction or cells", { status: 400 });
  }
  return runStrategyIntent(db, study, session.userId, intent, form);
}

const STRENGTHS = [0, 1, 3, 9] as const;

/** Events & functions: key events, firm functions and the what/who grid, market shares, the default fair-value line. */
export default function Strategy() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const zh = locale === "zh-CN";
  const name = (o: { name: string; nameZh: string | null }) => (zh && o.nameZh ? o.nameZh : o.name);
  const errors = result && !result.ok ? result.errors : {};
  const messages = [...new Set(Object.values(errors))];
  const cell = (functionId: number, attributeId: number) =>
    data.cells.find((c) => c.functionId === functionId && c.attributeId === attributeId)?.strength ?? 0;
  const offerName = new Map(data.offers.map((o) => [o.code, name(o)]));
  return (
    <>
      <h1>
        {t("report.strategy.title")}: {zh && data.study.titleZh ? data.study.titleZh : data.study.title}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      {messages.length > 0 ? (
        <div className="error" role="alert" data-testid="strategy-errors">
          {messages.map((m) => (
            <p key={m}>{t(m!)}</p>
          ))}
        </div>
      ) : null}
      {result?.ok ? (
        <p className="notice" role="status">
          {t(result.saved)}
        </p>
      ) : null}

      <section className="panel">
        <h2>{t("report.strategy.events")}</h2>
        <p className="muted small">{t("report.strategy.eventsHelp")}</p>
        {data.events.length === 0 ? <p className="muted">{t("report.timeline.noEvents")}</p> : null}
        <ul className="study-list" data-testid="events">
          {data.events.map((e) => (
            <li key={e.id}>
              <span>
                {formatDay(locale, e.occurredOn)} · {offerName.get(e.offerCode) ?? e.offerCode}
                {e.wave !== null ? ` · ${t("report.timeline.wave", { wave: e.wave })}` : ""}: {zh && e.labelZh ? e.labelZh : e.label}
              </span>
              <Form method="post" className="inline">
                <CsrfField />
                <input type="hidden" name="id" value={e.id} />
                <button type="submit" name="intent" value="deleteEvent" className="link-button">
                  {t("report.strategy.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post">
          <CsrfField />
          <div className="inline-fields">
            <label>
              {t("report.offer")}
              <select name="offerId" required>
                {data.offers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {name(o)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("report.strategy.date")}
              <input type="date" name="date" required aria-invalid={errors.date ? true : undefined} />
            </label>
            <label>
              {t("report.strategy.wave")}
              <input type="number" name="wave" min={1} step={1} inputMode="numeric" />
            </label>
            <label>
              {t("report.strategy.label")}
              <input type="text" name="label" maxLength={200} required />
            </label>
            <label>
              {t("report.strategy.labelZh")}
              <input type="text" name="labelZh" maxLength={200} />
            </label>
          </div>
          <p>
            <button type="submit" name="intent" value="addEvent">
              {t("report.strategy.addEvent")}
            </button>
          </p>
        </Form>
      </section>

      <section className="panel">
        <h2>{t("report.strategy.functions")}</h2>
        <p className="muted small">{t("report.whatWho.help")}</p>
        <ul className="study-list" data-testid="functions">
          {data.functions.map((f) => (
            <li key={f.id}>
              <span>{name(f)}</span>
              <Form method="post" className="inline">
                <CsrfField />
                <input type="hidden" name="id" value={f.id} />
                <button type="submit" name="intent" value="deleteFunction" className="link-button">
                  {t("report.strategy.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post">
          <CsrfField />
          <div className="inline-fields">
            <label>
              {t("report.strategy.functionName")}
              <input type="text" name="name" maxLength={120} required />
            </label>
            <label>
              {t("report.strategy.functionNameZh")}
              <input type="text" name="nameZh" maxLength={120} />
            </label>
          </div>
          <p>
            <button type="submit" name="intent" value="addFunction">
              {t("report.strategy.addFunction")}
            </button>
          </p>
        </Form>
        {data.functions.length > 0 && data.qualityAttributes.length > 0 ? (
          <Form method="post">
            <CsrfField />
            <h3>{t("report.strategy.grid")}</h3>
            <p className="muted small">{t("report.strategy.gridHelp")}</p>
            <div className="table-scroll">
              <table className="profile strategy-grid" data-testid="what-who-grid">
                <thead>
                  <tr>
                    <th scope="col">{t("report.attribute")}</th>
                    {data.functions.map((f) => (
                      <th scope="col" key={f.id}>
                        {name(f)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.qualityAttributes.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{name(a)}</th>
                      {data.functions.map((f) => (
                        <td key={f.id}>
                          <select name={`cell_${f.id}_${a.id}`} defaultValue={String(cell(f.id, a.id))} aria-label={`${name(a)} × ${name(f)}`}>
                            {STRENGTHS.map((s) => (
                              <option key={s} value={s}>
                                {s}
                              </option>
                            ))}
                          </select>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <button type="submit" name="intent" value="cells">
                {t("report.strategy.saveGrid")}
              </button>
            </p>
          </Form>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("report.strategy.shares")}</h2>
        <p className="muted small">{t("report.strategy.sharesHelp")}</p>
        <Form method="post">
          <CsrfField />
          <div className="inline-fields">
            {data.offers.map((o) => (
              <label key={o.id}>
                {name(o)} (%)
                <input
                  type="number"
                  name={`share_${o.id}`}
                  min={0}
                  max={100}
                  step="0.1"
                  inputMode="decimal"
                  defaultValue={o.marketShare ?? ""}
                  aria-invalid={errors[`share_${o.id}`] ? true : undefined}
                />
              </label>
            ))}
          </div>
          <p>
            <button type="submit" name="intent" value="shares">
              {t("report.strategy.saveShares")}
            </button>
          </p>
        </Form>
      </section>

      <section className="panel">
        <h2>{t("report.strategy.line")}</h2>
        <p className="muted small">{t("report.strategy.lineHelp")}</p>
        <Form method="post">
          <CsrfField />
          <div className="inline-fields">
            <label>
              {t("report.filters.line")}
              <select name="line" defaultValue={data.study.fairValueLine}>
                {(["weights", "parity", "regression", "slope"] as const).map((line) => (
                  <option key={line} value={line}>
                    {t(`report.lineOption.${line}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("report.filters.slope")}
              <input type="number" name="slope" min="0.01" max="100" step="0.01" inputMode="decimal" defaultValue={data.study.fairValueSlope ?? ""} />
            </label>
          </div>
          <p>
            <button type="submit" name="intent" value="line">
              {t("report.strategy.saveLine")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
