import { Form } from "@remix-run/react";
import { CsrfField } from "./CsrfField";
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
}

function AttributeFields({ attribute }: { attribute?: AttributeRow }) {
  const { t } = useT();
  return (
    <>
      <label>
        {t("study.name")}
        <input type="text" name="name" defaultValue={attribute?.name} maxLength={120} required />
      </label>
      <label>
        {t("study.nameZh")}
        <input type="text" name="nameZh" defaultValue={attribute?.nameZh ?? ""} maxLength={120} />
      </label>
      <label>
        {t("study.description")}
        <input type="text" name="description" defaultValue={attribute?.description} maxLength={500} />
      </label>
      <label>
        {t("study.descriptionZh")}
        <input type="text" name="descriptionZh" defaultValue={attribute?.descriptionZh ?? ""} maxLength={500} />
      </label>
      <label>
        {t("study.group")}
        <input type="text" name="groupName" defaultValue={attribute?.groupName ?? ""} maxLength={60} />
      </label>
    </>
  );
}

/** Quality or price attributes of a study, editable in place, and a form to add one of that kind. */
export function AttributeRows({ kind, attributes }: { kind: "quality" | "price"; attributes: AttributeRow[] }) {
  const { t } = useT();
  const rows = attributes.filter((a) => a.kind === kind);
  return (
    <>
      <h3>{t(kind === "quality" ? "study.kind.quality" : "study.kind.price")}</h3>
      {rows.map((a) => (
        <Form method="post" className="row-form" key={`${a.id}-${a.name}`}>
          <CsrfField />
          <input type="hidden" name="attributeId" value={a.id} />
          <span className="small">
            <code>{a.code}</code>
          </span>
          <AttributeFields attribute={a} />
          <span>
            <button type="submit" name="intent" value="updateAttribute" className="secondary">
              {t("study.save")}
            </button>{" "}
            <button type="submit" name="intent" value="deleteAttribute" className="danger">
              {t("study.delete")}
            </button>
          </span>
        </Form>
      ))}
      <Form method="post" className="row-form" key={`new-${kind}-${rows.length}`}>
        <CsrfField />
        <input type="hidden" name="kind" value={kind} />
        <AttributeFields />
        <button type="submit" name="intent" value="addAttribute">
          {t("study.addAttribute")}
        </button>
      </Form>
    </>
  );
}
