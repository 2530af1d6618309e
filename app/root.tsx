import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getHeaderUser } from "~/lib/auth/accounts.server";
import { publicOrigin } from "~/lib/platform/http.server";
import { getLocale } from "~/lib/platform/locale.server";
import { i18nFor } from "~/i18n/messages.server";
import { getSession } from "~/lib/auth/session.server";
import { CsrfField } from "~/components/CsrfField";
import { useNonce } from "~/components/nonce";
import { useT } from "~/components/use-t";
import styles from "~/styles.css?url";
import accountStyles from "~/styles/account.css?url";
import exportsStyles from "~/styles/exports.css?url";
import fieldworkStyles from "~/styles/fieldwork.css?url";
import formStyles from "~/styles/forms.css?url";
import reportStyles from "~/styles/report.css?url";
import { dbOf } from "~/lib/platform/context.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  ...[fieldworkStyles, reportStyles, exportsStyles, accountStyles, formStyles].map((href) => ({ rel: "stylesheet", href })),
  { rel: "icon", href: "data:," },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const session = await getSession(db, request);
  const locale = await getLocale(request);
  return {
    locale,
    i18n: i18nFor(locale, ["common"]),
    ...(session ? await getHeaderUser(db, session.userId) : { email: null, isAdmin: false }),
    csrf: session?.csrfToken ?? null,
    /** Where absolute links point (BASE_URL, else this request's origin): share and reset links. */
    origin: publicOrigin(request),
  };
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, locale } = useT();
  const location = useLocation();
  if (location.pathname.startsWith("/s/")) return null;
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        {t("app.name")}
      </Link>
      <nav>
        {data?.email ? (
          <>
            <Link to="/studies">{t("nav.studies")}</Link>
            <Link to="/account/password">{t("nav.account")}</Link>
            <Link to="/account/api-tokens">{t("nav.apiTokens")}</Link>
            {data.isAdmin ? <Link to="/admin">{t("nav.admin")}</Link> : null}
            <Form method="post" action="/signout" className="inline">
              <CsrfField />
              <button type="submit" className="link-button">
                {t("nav.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <Link to="/signin">{t("nav.signIn")}</Link>
            <Link to="/signup">{t("nav.signUp")}</Link>
          </>
        )}
        <Form method="post" action="/lang" className="inline">
          <input type="hidden" name="locale" value={locale === "zh-CN" ? "en" : "zh-CN"} />
          <input type="hidden" name="back" value={location.pathname + location.search} />
          <button type="submit" className="link-button" lang={locale === "zh-CN" ? "en" : "zh-CN"}>
            {t("nav.language")}
          </button>
        </Form>
      </nav>
    </header>
  );
}

/**
 * A page whose route's handle says `bare` (the respondent page) loads only what it uses: its own
 * stylesheets (`handle.styles`) and scripts, no Remix runtime (it is not hydrated) and none of the
 * researchers' styles; its language is the questionnaire's (`locale` in its data).
 */
interface BareHandle {
  bare: true;
  styles: string[];
}
function useBarePage(): { handle: BareHandle; locale: string | undefined } | null {
  const leaf = useMatches().at(-1);
  const handle = leaf?.handle as Partial<BareHandle> | undefined;
  if (!handle?.bare) return null;
  const locale = (leaf?.data as { data?: { locale?: string } } | undefined)?.data?.locale;
  return { handle: { bare: true, styles: handle.styles ?? [] }, locale };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const bare = useBarePage();
  return (
    <html lang={bare?.locale ?? data?.locale ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {bare ? bare.handle.styles.map((href) => <link key={href} rel="stylesheet" href={href} />) : <Links />}
        {bare ? <link rel="icon" href="data:," /> : null}
      </head>
      <body>
        <Header />
        <main>{children}</main>
        {bare ? null : <ScrollRestoration nonce={nonce} />}
        {bare ? null : <Scripts nonce={nonce} />}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const notFound = isRouteErrorResponse(error) && (error.status === 404 || error.status === 403);
  // A request the server refused as malformed says why (a short plain message, never a trace).
  const refused =
    isRouteErrorResponse(error) && error.status >= 400 && error.status < 500 && !notFound && typeof error.data === "string" && error.data.length <= 300
      ? error.data
      : null;
  return (
    <section className="panel">
      <h1>{t("error.title")}</h1>
      <p>{notFound ? t("error.notFound") : refused ? t("error.refused") : t("error.generic")}</p>
      {refused ? (
        <p className="muted small" data-testid="error-detail" lang="en">
          {refused}
        </p>
      ) : null}
      <p>
        <Link to="/">{t("error.back")}</Link>
      </p>
    </section>
  );
}
