// Webhooks: the event catalogue, the endpoints an org subscribes, the deliveries log, and the JSON body a
// receiver gets. A receiver checks `Bikri-Signature: t=<unix seconds>,v1=<hex>` where hex is
// HMAC-SHA256("<t>.<raw body>") keyed with the endpoint's secret (the whole `whsec_…` string, UTF-8).
import { z } from "zod";
import { PageQuery } from "./common.ts";
import { PaymentResponse, SecondaryOrderLine, SecondaryOrderSummary } from "./orders.ts";

/**
 * Every event an endpoint may subscribe to. `emitted: false` names are reserved for modules that have not
 * landed yet (CRM leads, service tickets): they can be subscribed now and start arriving when those modules
 * emit them, without a change of contract.
 */
export const WEBHOOK_EVENT_CATALOGUE = {
  "order.confirmed": { emitted: true },
  "order.delivered": { emitted: true },
  "payment.received": { emitted: true },
  "lead.created": { emitted: true },
  "ticket.closed": { emitted: true },
} as const satisfies Record<string, { emitted: boolean }>;

export type WebhookEvent = keyof typeof WEBHOOK_EVENT_CATALOGUE;
export const WEBHOOK_EVENTS = Object.keys(WEBHOOK_EVENT_CATALOGUE) as [WebhookEvent, ...WebhookEvent[]];
export const WebhookEventName = z.enum(WEBHOOK_EVENTS);

/** Sent only by "send a test event"; no endpoint subscribes to it. */
export const WEBHOOK_TEST_EVENT = "webhook.test";
export const DeliveryEventName = z.enum([...WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT]);
export type DeliveryEvent = z.infer<typeof DeliveryEventName>;

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed", "dead"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

// --- endpoints

const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine(
    (u) => !/^https?:\/\/[^/]*@/.test(u),
    "A webhook URL may not carry a user name or password|ওয়েবহুক URL-এ ব্যবহারকারীর নাম বা পাসওয়ার্ড থাকতে পারবে না",
  );
const Description = z.string().trim().max(200);
const Events = z
  .array(WebhookEventName)
  .min(1)
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

export const CreateWebhookEndpointRequest = z.strictObject({
  url: WebhookUrl,
  description: Description.optional(),
  events: Events,
  active: z.boolean().default(true),
});
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequest>;

export const UpdateWebhookEndpointRequest = z.strictObject({
  url: WebhookUrl.optional(),
  description: Description.nullable().optional(),
  events: Events.optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookEndpointRequest = z.infer<typeof UpdateWebhookEndpointRequest>;

const DeliveryCounts = z.object({
  pending: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  dead: z.number().int(),
});

export const WebhookEndpointResponse = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(WebhookEventName),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  secretRotatedAt: z.string().nullable(),
  /** Deliveries of this endpoint in the last 7 days, by status. */
  recentDeliveries: DeliveryCounts,
  /** When the latest of those was made. */
  lastDeliveryAt: z.string().nullable(),
});
export type WebhookEndpointResponse = z.infer<typeof WebhookEndpointResponse>;

/** The endpoint with its signing secret: answered once, at creation or rotation. */
export const WebhookEndpointWithSecretResponse = WebhookEndpointResponse.extend({ secret: z.string() });
export type WebhookEndpointWithSecretResponse = z.infer<typeof WebhookEndpointWithSecretResponse>;

// --- deliveries

export const WebhookDeliveryListQuery = PageQuery.extend({
  endpointId: z.uuid().optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  event: DeliveryEventName.optional(),
});
export type WebhookDeliveryListQuery = z.infer<typeof WebhookDeliveryListQuery>;

export const WebhookDeliveryResponse = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  endpointUrl: z.string(),
  event: DeliveryEventName,
  eventId: z.uuid(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** The delivery this one re-sends, for a replay. */
  replayOf: z.uuid().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDeliveryResponse = z.infer<typeof WebhookDeliveryResponse>;

export const WebhookDeliveryDetailResponse = WebhookDeliveryResponse.extend({
  /** The exact JSON body sent (and re-sent by a replay). */
  payload: z.record(z.string(), z.unknown()),
});
export type WebhookDeliveryDetailResponse = z.infer<typeof WebhookDeliveryDetailResponse>;

// --- what a receiver gets

export const OrderEventData = z.object({
  order: SecondaryOrderSummary.omit({ actions: true }).extend({ lines: z.array(SecondaryOrderLine) }),
});
export type OrderEventData = z.infer<typeof OrderEventData>;

export const PaymentEventData = z.object({ payment: PaymentResponse });
export type PaymentEventData = z.infer<typeof PaymentEventData>;

export const TestEventData = z.object({ endpointId: z.uuid(), message: z.string() });

/** The body of every delivery. `id` is the event's id: a receiver that has seen it may ignore a repeat. */
export const WebhookEnvelope = z.object({
  id: z.uuid(),
  type: DeliveryEventName,
  createdAt: z.string(),
  orgId: z.uuid(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelope>;
