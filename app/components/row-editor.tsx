import { getFormProps, getInputProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CodeField } from "./CodeField";
import { FieldError, FormFields, FormStatus, Hint } from "./form-kit";
import { InlineForm } from "./InlineForm";
import { useT } from "./use-t";

/**
 * The design page's row editors (offers, attributes): one saved row edited in place with its
 * code and a delete button, and the table of new rows added several at once.
 */

type Row = Record<string, unknown>;

/** A saved row: its fields (`children`), its code, "Save", and "Delete" behind a confirmation. */
export function SavedRow<S extends Row>({
  id,
  testId,
  form,
  intent,
  idField,
  code,
  remove,
  children,
}: {
  id: string;
  testId: string;
  form: FormMetadata<S, string[]>;
  intent: string;
  /** The hidden field naming the row (`{ offerId: 3 }`), sent with "Save" and "Delete". */
  idField: Record<string, number>;
  code: { field: FieldMetadata<string | undefined>; frozen: boolean; value: string };
  remove: { intent: string; confirm: string };
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <li className="item-row" data-testid={testId}>
      <Form method="post" {...getFormProps(form)} className="row-form" preventScrollReset>
        <FormFields id={id} intent={intent} />
        {Object.entries(idField).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        <CodeField field={code.field} frozen={code.frozen} code={code.value} compact />
        <span>
          <button type="submit" className="secondary">
            {t("study.save")}
          </button>
        </span>
        <FormStatus id={id} />
      </Form>
      <InlineForm
        intent={remove.intent}
        label={t("study.delete")}
        buttonClassName="danger"
        fields={idField}
        confirm={{ message: remove.confirm, button: t("study.confirm.yesDelete") }}
      />
    </li>
  );
}

/** A text cell of a new row: the input labelled with its column and row number, its errors under it. */
export function TextCell({ field, label, row, code = false }: { field: FieldMetadata<string | undefined>; label: string; row: number; code?: boolean }) {
  const { t } = useT();
  return (
    <td data-label={label}>
      <input
        {...getInputProps(field, { type: "text" })}
        aria-label={`${label} ${row + 1}`}
        {...(code ? { placeholder: t("fieldwork.profile.codeAuto"), spellCheck: false } : {})}
      />
      <FieldError id={field.errorId} errors={field.errors} />
    </td>
  );
}

/**
 * New rows added several at once: a table with a column per field (`cells` renders a row's; a
 * cell's `data-label` names its column, shown above the field where a phone stacks each row as
 * a card, design.css),
 * a "Remove" per row while there are several, "Add a row" (a copy of `newRow(rows)`) and
 * "Save rows". `errors` are the form's other errors, shown under the table.
 */
export function NewRowsForm<S extends { rows?: R[] } & Row, R extends Row>({
  id,
  intent,
  form,
  rows,
  title,
  hint,
  columns,
  rowTestId,
  cells,
  newRow,
  errors,
}: {
  id: string;
  intent: string;
  form: FormMetadata<S, string[]>;
  rows: FieldMetadata<R[] | undefined, S, string[]>;
  title: string;
  hint: ReactNode;
  columns: string[];
  rowTestId: string;
  cells: (row: FieldMetadata<R, S, string[]>, index: number) => ReactNode;
  newRow: R;
  errors?: ReactNode;
}) {
  const { t } = useT();
  const list = rows.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="add-rows" preventScrollReset>
      <FormFields id={id} intent={intent} />
      <h3>{title}</h3>
      <p className="hint">{hint}</p>
      <div className="table-scroll">
        <table className="rows-table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t("study.removeRow")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((row, i) => (
              <tr key={row.key} data-testid={rowTestId}>
                {cells(row, i)}
                <td>
                  {list.length > 1 ? (
                    <button {...form.remove.getButtonProps({ name: rows.name, index: i })} className="link-button">
                      {t("study.removeRow")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Hint>{t("study.hint.code")}</Hint>
      <FieldError id={rows.errorId} errors={rows.errors} />
      {errors}
      <p className="button-line">
        <button {...form.insert.getButtonProps({ name: rows.name, defaultValue: newRow as never })} className="secondary">
          {t("study.addRow")}
        </button>
        <button type="submit">{t("study.saveRows")}</button>
      </p>
      <FormStatus id={id} />
    </Form>
  );
}
