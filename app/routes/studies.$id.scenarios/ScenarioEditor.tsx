import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { CsrfField } from "~/components/CsrfField";
import { useT } from "~/components/use-t";
import { MAX_CHANGES, MAX_RESPONSES, PRICE_TARGET, ScenarioFormSchema, type ScenarioForm } from "./schema";

export interface EditorChoices {
  offers: Array<{ code: string; name: string; own: boolean }>;
  attributes: Array<{ code: string; name: string; kind: "quality" | "price" }>;
}

type FormValue = Pick<ScenarioForm, "name" | "changes" | "respond">;

/** The errors of one field, translated, under it. */
function Errors({ field, t }: { field: FieldMetadata<unknown>; t: (key: MessageKey) => string }) {
  return (
    <>
      {(field.errors ?? []).map((e) => (
        <p key={e} className="error" id={field.errorId}>
          {t(e as MessageKey)}
        </p>
      ))}
    </>
  );
}

/**
 * The scenario editor (conform + zod): a name, changes (offer, what changes, how, amount) and
 * competitor responses, rows added and removed in place (without JavaScript too); "Preview"
 * shows the scenario without saving it, "Save scenario" stores it under its name. Validated in
 * the browser with the route's schema and again in the action; errors under their fields.
 */
export function ScenarioEditor({
  choices,
  initial,
  lastResult,
  title,
}: {
  choices: EditorChoices;
  initial: FormValue | null;
  lastResult?: SubmissionResult<string[]> | undefined;
  title: string;
}) {
  const { t } = useT();
  const own = choices.offers.find((o) => o.own)?.code ?? choices.offers[0]?.code ?? "";
  const firstAttribute = choices.attributes[0]?.code ?? PRICE_TARGET;
  const blankChange = { offer: own, target: firstAttribute, mode: "delta" as const, amount: undefined };
  const [form, fields] = useForm<FormValue & { intent?: string }>({
    id: "scenario-editor",
    lastResult,
    defaultValue: initial ?? { name: "", changes: [blankChange], respond: [] },
    constraint: getZodConstraint(ScenarioFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScenarioFormSchema }),
  });
  const changes = fields.changes.getFieldList();
  const responses = fields.respond.getFieldList();
  const offerOptions = choices.offers.map((o) => (
    <option key={o.code} value={o.code}>
      {o.name}
    </option>
  ));
  return (
    <section className="panel scenario-editor" data-testid="scenario-editor" aria-labelledby="h-scenario-editor">
      <h2 id="h-scenario-editor">{title}</h2>
      <p className="muted small">{t("scenarios.editor.help")}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <div className="inline-fields">
          <label>
            {t("scenarios.editor.name")}
            <input {...getInputProps(fields.name, { type: "text" })} key={fields.name.key} maxLength={80} autoComplete="off" data-testid="scenario-name" />
          </label>
        </div>
        <Errors field={fields.name} t={t} />
        <p className="hint">{t("scenarios.editor.replaces")}</p>

        <h3>{t("scenarios.editor.changes")}</h3>
        <Errors field={fields.changes} t={t} />
        {changes.map((change, index) => {
          const row = change.getFieldset();
          return (
            <fieldset key={change.key} className="scenario-row" data-testid={`change-${index}`}>
              <legend>{t("scenarios.editor.change", { n: index + 1 })}</legend>
              <div className="inline-fields">
                <label>
                  {t("scenarios.editor.offer")}
                  <select {...getSelectProps(row.offer)} key={row.offer.key}>
                    {offerOptions}
                  </select>
                </label>
                <label>
                  {t("scenarios.editor.target")}
                  <select {...getSelectProps(row.target)} key={row.target.key}>
                    {choices.attributes.map((a) => (
                      <option key={a.code} value={a.code}>
                        {a.name}
                      </option>
                    ))}
                    <option value={PRICE_TARGET}>{t("scenarios.editor.price")}</option>
                  </select>
                </label>
                <label>
                  {t("scenarios.editor.mode")}
                  <select {...getSelectProps(row.mode)} key={row.mode.key}>
                    {(["delta", "value", "factor"] as const).map((mode) => (
                      <option key={mode} value={mode}>
                        {t(`scenarios.editor.mode.${mode}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t("scenarios.editor.amount")}
                  <input {...getInputProps(row.amount, { type: "number" })} key={row.amount.key} step="any" inputMode="decimal" />
                </label>
              </div>
              <Errors field={row.offer} t={t} />
              <Errors field={row.target} t={t} />
              <Errors field={row.mode} t={t} />
              <Errors field={row.amount} t={t} />
              {changes.length > 1 ? (
                <button {...form.remove.getButtonProps({ name: fields.changes.name, index })} className="link-button">
                  {t("scenarios.editor.remove")}
                </button>
              ) : null}
            </fieldset>
          );
        })}
        {changes.length < MAX_CHANGES ? (
          <p>
            <button {...form.insert.getButtonProps({ name: fields.changes.name, defaultValue: blankChange })} className="secondary" data-testid="add-change">
              {t("scenarios.editor.addChange")}
            </button>
          </p>
        ) : null}

        <h3>{t("scenarios.editor.respond")}</h3>
        <Errors field={fields.respond} t={t} />
        {responses.map((response, index) => {
          const row = response.getFieldset();
          return (
            <fieldset key={response.key} className="scenario-row" data-testid={`response-${index}`}>
              <legend>{t("scenarios.editor.response", { n: index + 1 })}</legend>
              <div className="inline-fields">
                <label>
                  {t("scenarios.editor.competitor")}
                  <select {...getSelectProps(row.competitor)} key={row.competitor.key}>
                    {offerOptions}
                  </select>
                </label>
                <label>
                  {t("scenarios.editor.copies")}
                  <select {...getSelectProps(row.copies)} key={row.copies.key}>
                    {offerOptions}
                  </select>
                </label>
              </div>
              <Errors field={row.competitor} t={t} />
              <Errors field={row.copies} t={t} />
              <button {...form.remove.getButtonProps({ name: fields.respond.name, index })} className="link-button">
                {t("scenarios.editor.remove")}
              </button>
            </fieldset>
          );
        })}
        {responses.length < MAX_RESPONSES ? (
          <p>
            <button
              {...form.insert.getButtonProps({
                name: fields.respond.name,
                defaultValue: { competitor: choices.offers.find((o) => !o.own)?.code ?? own, copies: own },
              })}
              className="secondary"
              data-testid="add-response"
            >
              {t("scenarios.editor.addResponse")}
            </button>
          </p>
        ) : null}

        {(form.errors ?? []).map((e) => (
          <p key={e} className="error" role="alert" id={form.errorId}>
            {t(e as MessageKey)}
          </p>
        ))}
        <p className="button-row">
          <button type="submit" name="intent" value="preview" className="secondary" data-testid="preview-scenario">
            {t("scenarios.editor.preview")}
          </button>{" "}
          <button type="submit" name="intent" value="save" data-testid="save-scenario">
            {t("scenarios.editor.save")}
          </button>
        </p>
      </Form>
    </section>
  );
}
