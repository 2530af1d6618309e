import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { AddOffersSchema, SetOwnOfferSchema, UpdateOfferSchema } from "~/routes/studies.$id._index/design-schemas";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "./form-kit";
import { NewRowsForm, SavedRow, TextCell } from "./row-editor";
import { TextField } from "./TextField";
import { useT } from "./use-t";
import { inLocale } from "~/i18n";

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
    <SavedRow
      id={id}
      testId="offer-row"
      form={form}
      intent="updateOffer"
      idField={{ offerId: offer.id }}
      code={{ field: fields.code, frozen: offer.frozen, value: offer.code }}
      remove={{ intent: "deleteOffer", confirm: t(offer.frozen ? "study.confirm.deleteOffer" : "study.confirm.deleteOfferDraft", { name: offer.name }) }}
    >
      <span className="small item-badge">{offer.isOwn ? <strong>{t("study.own")}</strong> : t("study.competitor")}</span>
      <TextField field={fields.name} label={t("study.name")} />
      <TextField field={fields.nameZh} label={t("study.nameZh")} />
    </SavedRow>
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
              <input {...getInputProps(fields.offerId, { type: "radio", value: String(o.id) })} /> {inLocale(locale, o.name, o.nameZh)}
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
  return (
    <NewRowsForm
      id={id}
      intent="addOffers"
      form={form}
      rows={fields.rows}
      title={t("study.newOffers")}
      hint={`${t("study.newOffersHelp")} ${t("study.hint.name")}`}
      columns={[t("study.name"), t("study.nameZh"), t("study.codeLabel"), t("study.own")]}
      rowTestId="new-offer-row"
      newRow={{ name: "" }}
      errors={<FieldError id={fields.own.errorId} errors={fields.own.errors} />}
      cells={(row, i) => {
        const f = row.getFieldset();
        return (
          <>
            <TextCell field={f.name} label={t("study.name")} row={i} />
            <TextCell field={f.nameZh} label={t("study.nameZh")} row={i} />
            <TextCell field={f.code} label={t("study.codeLabel")} row={i} code />
            <td className="center" data-label={t("study.own")}>
              <input {...getInputProps(fields.own, { type: "radio", value: String(i) })} aria-label={`${t("study.own")} ${i + 1}`} />
            </td>
          </>
        );
      }}
    />
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
