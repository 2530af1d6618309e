// One screen's markup: the events & functions page's five small forms (loader and action are thin).
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formatDay } from "~/components/report/chart-kit";
import { FieldError, FormFields, useIntentForm, type FormReply } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n";
import { inLocale } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { loadStrategy } from "~/lib/report/strategy.server";
import { runStrategyAction } from "./strategy-action.server";
import { AddEventSchema, AddFunctionSchema, CellsSchema, isStrategyIntent, LineSchema, SharesSchema, STRATEGY_SCHEMAS, STRENGTHS } from "./strategy-schemas";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { ...(await loadStrategy(db, study)), role, i18n: await pageI18n(request, ["design", "report"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs): Promise<FormReply> {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  const intent = form.get("intent");
  if (!isStrategyIntent(intent)) {
    throw new Response("intent requires line, shares, addEvent, deleteEvent, addFunction, deleteFunction or cells", { status: 400 });
  }
  const submission = parseWithZod(form, { schema: STRATEGY_SCHEMAS[intent] });
  if (submission.status !== "success") return { formId: intent, ok: false, result: submission.reply(), notice: null };
  const result = await runStrategyAction(db, study, session.userId, submission.value);
  if (result.ok) return { formId: intent, ok: true, result: submission.reply({ resetForm: true }), notice: { key: result.saved } };
  const fieldErrors = Object.fromEntries(Object.entries(result.errors).map(([name, k]) => [name, k ? [k] : []]));
  return { formId: intent, ok: false, result: submission.reply({ fieldErrors }), notice: null };
}

/** Every message of the last answer, once each, at the top of the page. */
function Messages() {
  const reply = useActionData<typeof action>();
  const { t } = useT();
  if (!reply) return null;
  if (reply.ok) {
    return reply.notice ? (
      <p className="notice" role="status">
        {t(reply.notice.key)}
      </p>
    ) : null;
  }
  const messages = [...new Set(Object.values(reply.result.error ?? {}).flatMap((keys) => keys ?? []))];
  return messages.length > 0 ? (
    <div className="error" role="alert" data-testid="strategy-errors">
      {messages.map((m) => (
        <p key={m}>{t(m as MessageKey)}</p>
      ))}
    </div>
  ) : null;
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
const nameIn = (zh: boolean) => (o: { name: string; nameZh: string | null }) => (zh && o.nameZh ? o.nameZh : o.name);

function AddEventForm({ data }: { data: Data }) {
  const { t, locale } = useT();
  const name = nameIn(locale === "zh-CN");
  const [form, fields] = useIntentForm("addEvent", AddEventSchema);
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset>
      <FormFields id="addEvent" intent="addEvent" />
      <div className="inline-fields">
        <label>
          {t("report.offer")}
          <select {...getSelectProps(fields.offerId)}>
            {data.offers.map((o) => (
              <option key={o.id} value={o.id}>
                {name(o)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("report.strategy.date")}
          <input {...getInputProps(fields.date, { type: "date" })} />
          <FieldError id={fields.date.errorId} errors={fields.date.errors} />
        </label>
        <label>
          {t("report.strategy.wave")}
          <input {...getInputProps(fields.wave, { type: "number" })} min={1} step={1} inputMode="numeric" />
          <FieldError id={fields.wave.errorId} errors={fields.wave.errors} />
        </label>
        <label>
          {t("report.strategy.label")}
          <input {...getInputProps(fields.label, { type: "text" })} />
          <FieldError id={fields.label.errorId} errors={fields.label.errors} />
        </label>
        <label>
          {t("report.strategy.labelZh")}
          <input {...getInputProps(fields.labelZh, { type: "text" })} />
        </label>
      </div>
      <p>
        <button type="submit">{t("report.strategy.addEvent")}</button>
      </p>
    </Form>
  );
}

function AddFunctionForm() {
  const { t } = useT();
  const [form, fields] = useIntentForm("addFunction", AddFunctionSchema);
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset>
      <FormFields id="addFunction" intent="addFunction" />
      <div className="inline-fields">
        <label>
          {t("report.strategy.functionName")}
          <input {...getInputProps(fields.name, { type: "text" })} />
          <FieldError id={fields.name.errorId} errors={fields.name.errors} />
        </label>
        <label>
          {t("report.strategy.functionNameZh")}
          <input {...getInputProps(fields.nameZh, { type: "text" })} />
        </label>
      </div>
      <p>
        <button type="submit">{t("report.strategy.addFunction")}</button>
      </p>
    </Form>
  );
}

function GridForm({ data }: { data: Data }) {
  const { t, locale } = useT();
  const name = nameIn(locale === "zh-CN");
  const [form] = useIntentForm("cells", CellsSchema);
  const cell = (functionId: number, attributeId: number) => data.cells.find((c) => c.functionId === functionId && c.attributeId === attributeId)?.strength ?? 0;
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset>
      <FormFields id="cells" intent="cells" />
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
        <button type="submit">{t("report.strategy.saveGrid")}</button>
      </p>
    </Form>
  );
}

function SharesForm({ data }: { data: Data }) {
  const { t, locale } = useT();
  const name = nameIn(locale === "zh-CN");
  const [form, fields] = useIntentForm("shares", SharesSchema);
  const errorOf = (offerId: number) => (fields as unknown as Record<string, { errors?: string[] } | undefined>)[`share_${offerId}`]?.errors;
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset>
      <FormFields id="shares" intent="shares" />
      <div className="inline-fields">
        {data.offers.map((o) => (
          <label key={o.id}>
            {name(o)} (%)
            <input type="number" name={`share_${o.id}`} min={0} max={100} step="0.1" inputMode="decimal" defaultValue={o.marketShare ?? ""} aria-invalid={errorOf(o.id) ? true : undefined} />
          </label>
        ))}
      </div>
      <FieldError errors={form.errors} />
      <p>
        <button type="submit">{t("report.strategy.saveShares")}</button>
      </p>
    </Form>
  );
}

function LineForm({ data }: { data: Data }) {
  const { t } = useT();
  const [form, fields] = useIntentForm("line", LineSchema, { line: data.study.fairValueLine, slope: data.study.fairValueSlope === null ? "" : String(data.study.fairValueSlope) });
  return (
    <Form method="post" {...getFormProps(form)} preventScrollReset>
      <FormFields id="line" intent="line" />
      <div className="inline-fields">
        <label>
          {t("report.filters.line")}
          <select {...getSelectProps(fields.line)}>
            {(["weights", "parity", "regression", "slope"] as const).map((line) => (
              <option key={line} value={line}>
                {t(`report.lineOption.${line}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("report.filters.slope")}
          <input {...getInputProps(fields.slope, { type: "number" })} min="0.01" max="100" step="0.01" inputMode="decimal" />
          <FieldError id={fields.slope.errorId} errors={fields.slope.errors} />
        </label>
      </div>
      <p>
        <button type="submit">{t("report.strategy.saveLine")}</button>
      </p>
    </Form>
  );
}

/** Events & functions: key events, firm functions and the what/who grid, market shares, the default fair-value line. */
export default function Strategy() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const name = nameIn(locale === "zh-CN");
  const offerName = new Map(data.offers.map((o) => [o.code, name(o)]));
  return (
    <>
      <h1>
        {t("report.strategy.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <Messages />

      <section className="panel">
        <h2>{t("report.strategy.events")}</h2>
        <p className="muted small">{t("report.strategy.eventsHelp")}</p>
        {data.events.length === 0 ? <p className="muted">{t("report.timeline.noEvents")}</p> : null}
        <ul className="study-list" data-testid="events">
          {data.events.map((e) => {
            const text = `${formatDay(locale, e.occurredOn)} · ${offerName.get(e.offerCode) ?? e.offerCode}${e.wave !== null ? ` · ${t("report.timeline.wave", { wave: e.wave })}` : ""}: ${inLocale(locale, e.label, e.labelZh)}`;
            return (
              <li key={e.id}>
                <span>{text}</span>
                <InlineForm
                  intent="deleteEvent"
                  label={t("report.strategy.remove")}
                  buttonClassName="link-button"
                  fields={{ id: e.id }}
                  confirm={{ message: t("report.strategy.confirmRemoveEvent", { name: text }), button: t("report.strategy.remove") }}
                />
              </li>
            );
          })}
        </ul>
        <AddEventForm data={data} key={`events-${data.events.length}`} />
      </section>

      <section className="panel">
        <h2>{t("report.strategy.functions")}</h2>
        <p className="muted small">{t("report.whatWho.help")}</p>
        <ul className="study-list" data-testid="functions">
          {data.functions.map((f) => (
            <li key={f.id}>
              <span>{name(f)}</span>
              <InlineForm
                intent="deleteFunction"
                label={t("report.strategy.remove")}
                buttonClassName="link-button"
                fields={{ id: f.id }}
                confirm={{ message: t("report.strategy.confirmRemoveFunction", { name: name(f) }), button: t("report.strategy.remove") }}
              />
            </li>
          ))}
        </ul>
        <AddFunctionForm key={`functions-${data.functions.length}`} />
        {data.functions.length > 0 && data.qualityAttributes.length > 0 ? <GridForm data={data} key={JSON.stringify(data.cells) + data.functions.length} /> : null}
      </section>

      <section className="panel">
        <h2>{t("report.strategy.shares")}</h2>
        <p className="muted small">{t("report.strategy.sharesHelp")}</p>
        <SharesForm data={data} key={data.offers.map((o) => o.marketShare).join()} />
      </section>

      <section className="panel">
        <h2>{t("report.strategy.line")}</h2>
        <p className="muted small">{t("report.strategy.lineHelp")}</p>
        <LineForm data={data} key={`${data.study.fairValueLine}-${data.study.fairValueSlope}`} />
      </section>
    </>
  );
}
