import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { CsrfField } from "~/components/CsrfField";
import { useT } from "~/components/use-t";
import type { WaveSharesTable } from "~/lib/report/market-data.server";
import { PricesFormSchema, WaveSharesFormSchema } from "./schema";

interface Offer {
  code: string;
  name: string;
  price: number | null;
}

const say = (t: (key: MessageKey) => string, errors: string[] | undefined) => (errors ?? []).map((e) => t(e as MessageKey));

/** The offers' actual prices (conform + zod; an empty field clears a price). */
export function PricesForm({ offers, lastResult }: { offers: Offer[]; lastResult?: SubmissionResult<string[]> | undefined }) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: "prices",
    lastResult,
    defaultValue: { prices: Object.fromEntries(offers.map((o) => [o.code, o.price === null ? undefined : String(o.price)])) },
    constraint: getZodConstraint(PricesFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PricesFormSchema }),
  });
  const prices = fields.prices.getFieldset();
  return (
    <Form method="post" {...getFormProps(form)} data-testid="prices-form">
      <CsrfField />
      <input type="hidden" name="intent" value="prices" />
      <h3>{t("scenarios.market.prices")}</h3>
      <p className="muted small">{t("scenarios.market.pricesHelp")}</p>
      <div className="inline-fields">
        {offers.map((o) => {
          const field = prices[o.code]!;
          return (
            <label key={o.code}>
              {o.name}
              <input {...getInputProps(field, { type: "number" })} key={field.key} min={0} step="any" inputMode="decimal" />
              {say(t, field.errors).map((e) => (
                <span key={e} className="error" id={field.errorId}>
                  {e}
                </span>
              ))}
            </label>
          );
        })}
      </div>
      <p>
        <button type="submit" data-testid="save-prices">
          {t("scenarios.market.savePrices")}
        </button>
      </p>
    </Form>
  );
}

/**
 * Market shares per wave (conform + zod): one row per wave that has respondents or shares, and
 * one more for the next wave (its number can be changed).
 */
export function WaveSharesForm({
  offers,
  table,
  surveyed,
  lastResult,
}: {
  offers: Offer[];
  table: WaveSharesTable;
  surveyed: number[];
  lastResult?: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useT();
  const known = [...new Set([...surveyed, ...table.waves])].sort((a, b) => a - b);
  const rows = [...known, (known.at(-1) ?? 0) + 1];
  const [form, fields] = useForm({
    id: "wave-shares",
    lastResult,
    defaultValue: {
      waves: rows.map((wave) => ({ wave, shares: Object.fromEntries(offers.map((o) => [o.code, table.shares[String(wave)]?.[o.code]?.toString()])) })),
    },
    constraint: getZodConstraint(WaveSharesFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WaveSharesFormSchema }),
  });
  const list = fields.waves.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} data-testid="wave-shares-form">
      <CsrfField />
      <input type="hidden" name="intent" value="waveShares" />
      <h3>{t("scenarios.market.waveShares")}</h3>
      <p className="muted small">{t("scenarios.market.waveSharesHelp")}</p>
      <div className="table-scroll">
        <table className="profile wave-shares">
          <thead>
            <tr>
              <th scope="col">{t("scenarios.market.wave")}</th>
              {offers.map((o) => (
                <th scope="col" key={o.code}>
                  {o.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.map((row, index) => {
              const f = row.getFieldset();
              const shares = f.shares.getFieldset();
              const isNew = index === rows.length - 1;
              return (
                <tr key={row.key} data-wave-row={index}>
                  <th scope="row">
                    {isNew ? (
                      <input {...getInputProps(f.wave, { type: "number" })} key={f.wave.key} min={1} max={999} step={1} className="wave-number" aria-label={t("scenarios.market.newWave")} />
                    ) : (
                      <>
                        <input {...getInputProps(f.wave, { type: "hidden" })} key={f.wave.key} />
                        {`W${rows[index]}`}
                      </>
                    )}
                    {say(t, [...(f.wave.errors ?? []), ...(f.shares.errors ?? [])]).map((e) => (
                      <span key={e} className="error">
                        {e}
                      </span>
                    ))}
                  </th>
                  {offers.map((o) => {
                    const field = shares[o.code]!;
                    return (
                      <td key={o.code}>
                        <input
                          {...getInputProps(field, { type: "number" })}
                          key={field.key}
                          min={0}
                          max={100}
                          step="any"
                          inputMode="decimal"
                          aria-label={`${t("scenarios.market.wave")} ${isNew ? "+" : rows[index]} · ${o.name}`}
                        />
                        {say(t, field.errors).map((e) => (
                          <span key={e} className="error">
                            {e}
                          </span>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {say(t, [...(fields.waves.errors ?? []), ...(form.errors ?? [])]).map((e) => (
        <p key={e} className="error" role="alert">
          {e}
        </p>
      ))}
      <p>
        <button type="submit" data-testid="save-wave-shares">
          {t("scenarios.market.saveShares")}
        </button>
      </p>
    </Form>
  );
}
