import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { useT } from "~/components/use-t";

export const meta: MetaFunction = () => [{ title: "Valuemap" }];

export default function Index() {
  const { t } = useT();
  const signedIn = Boolean(useRouteLoaderData<typeof rootLoader>("root")?.email);
  return (
    <section className="panel">
      <h1>{t("app.name")}</h1>
      <p>
        <strong>{t("app.tagline")}</strong>
      </p>
      <p>{t("app.intro")}</p>
      <p>
        {signedIn ? (
          <Link to="/studies" className="button">
            {t("nav.studies")}
          </Link>
        ) : (
          <>
            <Link to="/signup" className="button" data-testid="home-sign-up">
              {t("nav.signUp")}
            </Link>{" "}
            <Link to="/signin" className="button secondary">
              {t("nav.signIn")}
            </Link>
          </>
        )}{" "}
        <Link to="/s/demo">{t("app.demoLink")}</Link>
      </p>
    </section>
  );
}
