/**
 * The events a study's webhook can subscribe to, in the order the page lists them (client-safe;
 * db/queries/response-events.ts writes them, and webhook-endpoints.server.ts checks by type that
 * both lists agree).
 */
export const WEBHOOK_EVENT_NAMES = ["response.completed", "response.screened_out", "quota.full", "fieldwork.closed"] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];
