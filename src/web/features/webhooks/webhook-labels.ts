// Words and colours for webhook events and delivery states, the same on every screen.
import type { TFunction } from "i18next";
import type { DeliveryEvent, WebhookDeliveryStatus } from "../../../shared/contracts/webhooks.ts";

export const DELIVERY_STATUS_COLORS: Record<WebhookDeliveryStatus, string> = {
  pending: "blue",
  succeeded: "teal",
  failed: "orange",
  dead: "red",
};

type EventKey =
  | "order_confirmed"
  | "order_delivered"
  | "payment_received"
  | "lead_created"
  | "ticket_closed"
  | "webhook_test";

/** Event names hold dots, which i18next reads as nesting: the catalogue keys them with "_". */
export const eventLabel = (t: TFunction, event: DeliveryEvent): string =>
  t(`webhooks.event.${event.replace(".", "_") as EventKey}`);
