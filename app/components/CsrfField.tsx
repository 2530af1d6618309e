import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/root";

/** The session's CSRF token as a hidden field: every researcher form that changes state has one. */
export function CsrfField() {
  const data = useRouteLoaderData<typeof loader>("root");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
