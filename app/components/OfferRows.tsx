import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { AddOffersSchema, SetOwnOfferSchema, UpdateOfferSchema } from "~/routes/studies.$id._index/design-schemas";
import { CodeField } from "./CodeField";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "./form-kit";
import { InlineForm } from "./InlineForm";
import { TextField } from "./TextField";
import { useT } from "./use-t";

export interface OfferRow {
  id: number;
  code: string;
  name: string;
  nameZh: string | null;
  isOwn: boolean;
  /** A published version uses its code. */
  frozen: boolean;
}

function OfferEditor({ offer }: { offer: OfferRow }) {
  const { t } = useT();
  const id = `offer-${offer.id}`;
  const [form, fields] = useIntentForm(id, UpdateOfferSchema, { offerId: offer.id, name: offer.name, nameZh: offer.nameZh ?? "", code: offer.code });
  return (
    <li className="item-row" data-testid="offer-row">
      <Form method="post" {...getFormProps(form)} className="row-form" preventScrollReset>
        <FormFields id={id} intent="updateOffer" />
        <input type="hidden" name="offerId" value={offer.id} />
        <span className="small item-badge">{offer.isOwn ? <strong>{t("study.own")}</strong> : t("study.competitor")}</span>
        <TextField field={fields.name} label={t("study.name")} />
        <TextField field={fields.nameZh} label={t("study.nameZh")} />
        <CodeField field={fields.code} frozen={offer.frozen} code={offer.code} compact />
        <span>
          <button type="submit" className="secondary">
            {t("study.save")}
          </button>
        </span>
        <FormStatus id={id} />
      </Form>
      <InlineForm
        intent="deleteOffer"
        label={t("study.delete")}
        buttonClassName="danger"
        fields={{ offerId: offer.id }}
        confirm={{ message: t(offer.frozen ? "study.confirm.deleteOffer" : "study.confirm.deleteOfferDraft", { name: offer.name }), button: t("study.confirm.yesDelete") }}
      />
    </li>
  );
}

/** The own offer as one choice among the offers; choosing another one demotes the current one (the page says so). */
function OwnOfferForm({ offers }: { offers: OfferRow[] }) {
  const { t, locale } = useT();
  const own = offers.find((o) => o.isOwn);
  const [form, fields] = useIntentForm("own-offer", SetOwnOfferSchema, own ? { offerId: own.id } : {});
  return (
    <Form method="post" {...getFormProps(form)} className="own-offer" preventScrollReset>
      <FormFields id="own-offer" intent="setOwnOffer" />
      <fieldset>
        <legend>{t("study.ownOffer")}</legend>
        <Hint>{t("study.ownOfferHelp")}</Hint>
        <div className="choice-line">
          {offers.map((o) => (
            <label key={o.id} className="checkbox">
              <input {...getInputProps(fields.offerId, { type: "radio", value: String(o.id) })} /> {locale === "zh-CN" && o.nameZh ? o.nameZh : o.name}
            </label>
          ))}
        </div>
        <FieldError id={fields.offerId.errorId} errors={fields.offerId.errors} />
      </fieldset>
      <button type="submit" className="secondary">
        {t("study.ownSave")}
      </button>
      <FormStatus id="own-offer" />
    </Form>
  );
}

/** New offers, several rows at once; one row may be marked as the own offer. */
function AddOffersForm({ hasOwn }: { hasOwn: boolean }) {
  const { t } = useT();
  const id = "add-offers";
  const [form, fields] = useIntentForm(id, AddOffersSchema, { rows: [{ name: "" }], ...(hasOwn ? {} : { own: 0 }) });
  const rows = fields.rows.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="add-rows" preventScrollReset>
      <FormFields id={id} intent="addOffers" />
      <h3>{t("study.newOffers")}</h3>
      <p className="hint">{t("study.newOffersHelp")} {t("study.hint.name")}</p>
      <div className="table-scroll">
        <table className="rows-table">
          <thead>
            <tr>
              <th scope="col">{t("study.name")}</th>
              <th scope="col">{t("study.nameZh")}</th>
              <th scope="col">{t("study.codeLabel")}</th>
              <th scope="col">{t("study.own")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("study.removeRow")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const f = row.getFieldset();
              return (
                <tr key={row.key} data-testid="new-offer-row">
                  <td>
                    <input {...getInputProps(f.name, { type: "text" })} aria-label={`${t("study.name")} ${i + 1}`} />
                    <FieldError id={f.name.errorId} errors={f.name.errors} />
                  </td>
                  <td>
                    <input {...getInputProps(f.nameZh, { type: "text" })} aria-label={`${t("study.nameZh")} ${i + 1}`} />
                    <FieldError id={f.nameZh.errorId} errors={f.nameZh.errors} />
                  </td>
                  <td>
                    <input {...getInputProps(f.code, { type: "text" })} aria-label={`${t("study.codeLabel")} ${i + 1}`} placeholder={t("fieldwork.profile.codeAuto")} spellCheck={false} />
                    <FieldError id={f.code.errorId} errors={f.code.errors} />
                  </td>
                  <td className="center">
                    <input {...getInputProps(fields.own, { type: "radio", value: String(i) })} aria-label={`${t("study.own")} ${i + 1}`} />
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
      <FieldError id={fields.own.errorId} errors={fields.own.errors} />
      <p className="button-line">
        <button {...form.insert.getButtonProps({ name: fields.rows.name, defaultValue: { name: "" } })} className="secondary">
          {t("study.addRow")}
        </button>
        <button type="submit">{t("study.saveRows")}</button>
      </p>
      <FormStatus id={id} />
    </Form>
  );
}

/** The offers of a study, each editable in place, the own offer as one choice, and rows to add more. */
export function OfferRows({ offers }: { offers: OfferRow[] }) {
  return (
    <>
      <FormStatus id="offers" />
      <ul className="item-list">
        {offers.map((o) => (
          <OfferEditor offer={o} key={`${o.id}-${o.name}-${o.nameZh}-${o.code}-${o.isOwn}`} />
        ))}
      </ul>
      {offers.length > 1 ? <OwnOfferForm offers={offers} key={offers.map((o) => `${o.id}${o.isOwn}`).join()} /> : null}
      <AddOffersForm hasOwn={offers.some((o) => o.isOwn)} key={`new-${offers.length}`} />
    </>
  );
}
