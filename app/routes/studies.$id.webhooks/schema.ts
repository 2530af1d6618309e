import { z } from "zod";
import { WEBHOOK_EVENT_NAMES } from "~/lib/webhooks/webhook-events";
import { ConfirmedSchema } from "~/lib/platform/confirm-field";

/** The events a webhook can subscribe to, in the order the page lists them. */
export const EVENTS = WEBHOOK_EVENT_NAMES;

/** Adding a webhook (client-safe: validated in the browser and in the action; where it leads is checked on the server). */
export const AddWebhookSchema = z.object({
  url: z.string({ required_error: "webhooks.error.url" }).trim().max(2000, "webhooks.error.url").url("webhooks.error.url"),
  events: z.array(z.enum(EVENTS, { errorMap: () => ({ message: "webhooks.error.events" }) }), { required_error: "webhooks.error.events" }).min(1, "webhooks.error.events"),
});

const id = z.number({ required_error: "webhooks.error.notFound", invalid_type_error: "webhooks.error.notFound" }).int().positive("webhooks.error.notFound");

/** Removing an endpoint (its delivery log goes with it): requires confirm=yes. */
export const DeleteWebhookSchema = z.object({ endpointId: id, confirm: ConfirmedSchema });

/** Sending a delivery again. */
export const ReplayDeliverySchema = z.object({ deliveryId: id });
