import { useRouteLoaderData } from "@remix-run/react";

/** The installation's public origin (BASE_URL, else the one the browser used), from the root loader. */
export function usePublicOrigin(): string {
  const data = useRouteLoaderData<{ origin?: string }>("root");
  return data?.origin ?? "";
}
