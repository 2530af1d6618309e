import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { AddAttributesSchema, UpdateAttributeSchema } from "~/routes/studies.$id._index/design-schemas";
import { COST_GROUP_CODES, type CostGroupCode } from "../../surveys/study-definition";
import { FieldError, FormStatus, Hint, useIntentForm } from "./form-kit";
import { NewRowsForm, SavedRow, TextCell } from "./row-editor";
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
  /** Kotler's cost group (price attributes; quality attributes keep "money"). */
  costGroup: CostGroupCode;
  /** A published version uses its code. */
  frozen: boolean;
}

/** The cost group options (Money / Time / Energy / Psychic). */
function CostGroupOptions() {
  const { t } = useT();
  return (
    <>
      {COST_GROUP_CODES.map((g) => (
        <option key={g} value={g}>
          {t(`study.costGroup.${g}`)}
        </option>
      ))}
    </>
  );
}

/** A price attribute's cost group: what the customer gives up (money, time, effort, worry). */
function CostGroupField({ field }: { field: FieldMetadata<CostGroupCode | undefined> }) {
  const { t } = useT();
  return (
    <label>
      {t("study.costGroup")}
      <select {...getSelectProps(field)} data-testid="cost-group">
        <CostGroupOptions />
      </select>
      <Hint>{t("study.hint.costGroup")}</Hint>
      <FieldError id={field.errorId} errors={field.errors} />
    </label>
  );
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
    ...(a.kind === "price" ? { costGroup: a.costGroup } : {}),
    code: a.code,
  });
  return (
    <SavedRow
      id={id}
      testId="attribute-row"
      form={form}
      intent="updateAttribute"
      idField={{ attributeId: a.id }}
      code={{ field: fields.code, frozen: a.frozen, value: a.code }}
      remove={{ intent: "deleteAttribute", confirm: t(a.frozen ? "study.confirm.deleteAttribute" : "study.confirm.deleteAttributeDraft", { name: a.name }) }}
    >
      <TextField field={fields.name} label={t("study.name")} />
      <TextField field={fields.nameZh} label={t("study.nameZh")} />
      <TextField field={fields.description} label={t("study.description")} />
      <TextField field={fields.descriptionZh} label={t("study.descriptionZh")} />
      <TextField field={fields.groupName} label={t("study.group")} />
      {a.kind === "price" ? <CostGroupField field={fields.costGroup} /> : null}
    </SavedRow>
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
  return (
    <NewRowsForm
      id={id}
      intent="addAttributes"
      form={form}
      rows={fields.rows}
      title={t("study.newAttributes")}
      hint={
        <>
          {t("study.hint.name")} {t("study.costGroup")}: {t("study.hint.costGroup")}
        </>
      }
      columns={[t("study.kind"), t("study.name"), t("study.nameZh"), t("study.description"), t("study.costGroup"), t("study.codeLabel")]}
      rowTestId="new-attribute-row"
      newRow={{ kind: lastKind(fields.rows.value), name: "" }}
      cells={(row, i) => {
        const f = row.getFieldset();
        return (
          <>
            <td data-label={t("study.kind")}>
              <select {...getSelectProps(f.kind)} aria-label={`${t("study.kind")} ${i + 1}`}>
                <option value="quality">{t("study.kind.quality")}</option>
                <option value="price">{t("study.kind.price")}</option>
              </select>
            </td>
            <TextCell field={f.name} label={t("study.name")} row={i} />
            <TextCell field={f.nameZh} label={t("study.nameZh")} row={i} />
            <TextCell field={f.description} label={t("study.description")} row={i} />
            <td data-label={t("study.costGroup")}>
              {/* Only a price row has a cost group (a quality row sends none). */}
              {f.kind.value === "price" ? (
                <>
                  <select {...getSelectProps(f.costGroup)} aria-label={`${t("study.costGroup")} ${i + 1}`} data-testid="new-cost-group">
                    <CostGroupOptions />
                  </select>
                  <FieldError id={f.costGroup.errorId} errors={f.costGroup.errors} />
                </>
              ) : (
                <span className="muted">–</span>
              )}
            </td>
            <TextCell field={f.code} label={t("study.codeLabel")} row={i} code />
          </>
        );
      }}
    />
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
                <AttributeEditor attribute={a} key={`${a.id}-${a.name}-${a.nameZh}-${a.description}-${a.descriptionZh}-${a.groupName}-${a.costGroup}-${a.code}`} />
              ))}
          </ul>
        </div>
      ))}
      <AddAttributesForm key={`new-${attributes.length}`} />
    </>
  );
}
