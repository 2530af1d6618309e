import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { AddAttributesSchema, UpdateAttributeSchema } from "~/routes/studies.$id._index/design-schemas";
import { CodeField } from "./CodeField";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "./form-kit";
import { InlineForm } from "./InlineForm";
import { TextField } from "./TextField";
import { useT } from "./use-t";

export interface AttributeRow {
  id: number;
  code: string;
  kind: "quality" | "price";
  name: string;
  nameZh: string | null;
  description: string;
  descriptionZh: string | null;
  groupName: string | null;
  /** A published version uses its code. */
  frozen: boolean;
}

function AttributeEditor({ attribute: a }: { attribute: AttributeRow }) {
  const { t } = useT();
  const id = `attribute-${a.id}`;
  const [form, fields] = useIntentForm(id, UpdateAttributeSchema, {
    attributeId: a.id,
    name: a.name,
    nameZh: a.nameZh ?? "",
    description: a.description,
    descriptionZh: a.descriptionZh ?? "",
    groupName: a.groupName ?? "",
    code: a.code,
  });
  return (
    <li className="item-row" data-testid="attribute-row">
      <Form method="post" {...getFormProps(form)} className="row-form" preventScrollReset>
        <FormFields id={id} intent="updateAttribute" />
        <input type="hidden" name="attributeId" value={a.id} />
        <TextField field={fields.name} label={t("study.name")} />
        <TextField field={fields.nameZh} label={t("study.nameZh")} />
        <TextField field={fields.description} label={t("study.description")} />
        <TextField field={fields.descriptionZh} label={t("study.descriptionZh")} />
        <TextField field={fields.groupName} label={t("study.group")} />
        <CodeField field={fields.code} frozen={a.frozen} code={a.code} compact />
        <span>
          <button type="submit" className="secondary">
            {t("study.save")}
          </button>
        </span>
        <FormStatus id={id} />
      </Form>
      <InlineForm
        intent="deleteAttribute"
        label={t("study.delete")}
        buttonClassName="danger"
        fields={{ attributeId: a.id }}
        confirm={{ message: t(a.frozen ? "study.confirm.deleteAttribute" : "study.confirm.deleteAttributeDraft", { name: a.name }), button: t("study.confirm.yesDelete") }}
      />
    </li>
  );
}

/** The kind of the last row (a new row continues it). */
function lastKind(rows: unknown): "quality" | "price" {
  const last = Array.isArray(rows) ? (rows[rows.length - 1] as { kind?: unknown } | undefined) : undefined;
  return last?.kind === "price" ? "price" : "quality";
}

/** New attributes of either kind, several rows at once. */
function AddAttributesForm() {
  const { t } = useT();
  const id = "add-attributes";
  const [form, fields] = useIntentForm(id, AddAttributesSchema, { rows: [{ kind: "quality", name: "" }] });
  const rows = fields.rows.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="add-rows" preventScrollReset>
      <FormFields id={id} intent="addAttributes" />
      <h3>{t("study.newAttributes")}</h3>
      <p className="hint">{t("study.hint.name")}</p>
      <div className="table-scroll">
        <table className="rows-table">
          <thead>
            <tr>
              <th scope="col">{t("study.kind")}</th>
              <th scope="col">{t("study.name")}</th>
              <th scope="col">{t("study.nameZh")}</th>
              <th scope="col">{t("study.description")}</th>
              <th scope="col">{t("study.codeLabel")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("study.removeRow")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const f = row.getFieldset();
              return (
                <tr key={row.key} data-testid="new-attribute-row">
                  <td>
                    <select {...getSelectProps(f.kind)} aria-label={`${t("study.kind")} ${i + 1}`}>
                      <option value="quality">{t("study.kind.quality")}</option>
                      <option value="price">{t("study.kind.price")}</option>
                    </select>
                  </td>
                  <td>
                    <input {...getInputProps(f.name, { type: "text" })} aria-label={`${t("study.name")} ${i + 1}`} />
                    <FieldError id={f.name.errorId} errors={f.name.errors} />
                  </td>
                  <td>
                    <input {...getInputProps(f.nameZh, { type: "text" })} aria-label={`${t("study.nameZh")} ${i + 1}`} />
                  </td>
                  <td>
                    <input {...getInputProps(f.description, { type: "text" })} aria-label={`${t("study.description")} ${i + 1}`} />
                    <FieldError id={f.description.errorId} errors={f.description.errors} />
                  </td>
                  <td>
                    <input {...getInputProps(f.code, { type: "text" })} aria-label={`${t("study.codeLabel")} ${i + 1}`} placeholder={t("fieldwork.profile.codeAuto")} spellCheck={false} />
                    <FieldError id={f.code.errorId} errors={f.code.errors} />
                  </td>
                  <td>
                    {rows.length > 1 ? (
                      <button {...form.remove.getButtonProps({ name: fields.rows.name, index: i })} className="link-button">
                        {t("study.removeRow")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Hint>{t("study.hint.code")}</Hint>
      <FieldError id={fields.rows.errorId} errors={fields.rows.errors} />
      <p className="button-line">
        <button
          {...form.insert.getButtonProps({ name: fields.rows.name, defaultValue: { kind: lastKind(fields.rows.value), name: "" } })}
          className="secondary"
        >
          {t("study.addRow")}
        </button>
        <button type="submit">{t("study.saveRows")}</button>
      </p>
      <FormStatus id={id} />
    </Form>
  );
}

/** Quality and price attributes, each editable in place, and rows to add more of either kind. */
export function AttributeRows({ attributes }: { attributes: AttributeRow[] }) {
  const { t } = useT();
  return (
    <>
      <FormStatus id="attributes" />
      {(["quality", "price"] as const).map((kind) => (
        <div key={kind}>
          <h3>{t(kind === "quality" ? "study.kind.quality" : "study.kind.price")}</h3>
          <ul className="item-list">
            {attributes
              .filter((a) => a.kind === kind)
              .map((a) => (
                <AttributeEditor attribute={a} key={`${a.id}-${a.name}-${a.nameZh}-${a.description}-${a.descriptionZh}-${a.groupName}-${a.code}`} />
              ))}
          </ul>
        </div>
      ))}
      <AddAttributesForm key={`new-${attributes.length}`} />
    </>
  );
}
