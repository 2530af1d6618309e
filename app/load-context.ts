// What app/server.js passes to every loader and action (`getLoadContext`). Under
// `remix vite:dev` there is none, so every field is optional.
declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The client's IP address (express `req.ip`). */
    ip?: string;
    /** The database app/server.js opened (`dbOf` in app/lib/platform/context.server.ts reads it). */
    db?: import("../db/client").Db;
  }
}

export {};
