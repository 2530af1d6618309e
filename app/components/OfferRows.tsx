import { Form } from "@remix-run/react";
import { CsrfField } from "./CsrfField";
import { useT } from "./use-t";

export interface OfferRow {
  id: number;
  code: string;
  name: string;
  nameZh: string | null;
  isOwn: boolean;
}

function OfferFields({ offer }: { offer?: OfferRow }) {
  const { t } = useT();
  return (
    <>
      <label>
        {t("study.name")}
        <input type="text" name="name" defaultValue={offer?.name} maxLength={120} required />
      </label>
      <label>
        {t("study.nameZh")}
        <input type="text" name="nameZh" defaultValue={offer?.nameZh ?? ""} maxLength={120} />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="isOwn" defaultChecked={offer?.isOwn} /> {t("study.own")}
      </label>
    </>
  );
}

/** The offers of a study, each editable in place, and a form to add one. */
export function OfferRows({ offers }: { offers: OfferRow[] }) {
  const { t } = useT();
  return (
    <>
      {offers.map((o) => (
        <Form method="post" className="row-form" key={`${o.id}-${o.name}-${o.isOwn}`}>
          <CsrfField />
          <input type="hidden" name="offerId" value={o.id} />
          <span className="small">
            <code>{o.code}</code> · {o.isOwn ? t("study.own") : t("study.competitor")}
          </span>
          <OfferFields offer={o} />
          <span>
            <button type="submit" name="intent" value="updateOffer" className="secondary">
              {t("study.save")}
            </button>{" "}
            <button type="submit" name="intent" value="deleteOffer" className="danger">
              {t("study.delete")}
            </button>
          </span>
        </Form>
      ))}
      <Form method="post" className="row-form" key={`new-${offers.length}`}>
        <CsrfField />
        <OfferFields />
        <button type="submit" name="intent" value="addOffer">
          {t("study.addOffer")}
        </button>
      </Form>
    </>
  );
}
