import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../../db/client";

/**
 * The database of a request, for a route to pass to the services it calls. app/server.js opens
 * it once and hands it over in the load context; under `npm run dev` (Vite's server, no load
 * context) the process handle is opened here on first use. Services never open it themselves:
 * they take a `Db`, so their tests run on a temporary database without a server.
 */
export async function dbOf(context: AppLoadContext): Promise<Db> {
  return context.db ?? (await import("./db.server")).appDb;
}
