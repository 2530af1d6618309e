import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/components/use-t";

export const meta: MetaFunction = () => [{ title: "Valuemap" }];

export default function Index() {
  const { t } = useT();
  return (
    <section className="panel">
      <h1>{t("app.name")}</h1>
      <p>
        <strong>{t("app.tagline")}</strong>
      </p>
      <p>{t("app.intro")}</p>
      <p>
        <Link to="/signin" className="button">
          {t("nav.signIn")}
        </Link>{" "}
        <Link to="/s/demo">{t("app.demoLink")}</Link>
      </p>
    </section>
  );
}
