// The driver's phone database (IndexedDB through Dexie, like the rep's, but its own: the rep's outbox carries
// field commands to /field/sync, the driver's carries REST calls with their Idempotency-Key). It holds the trips as
// last loaded (so the stops, addresses and lines show with no network), the outbox of drop outcomes not yet sent,
// the ones the server refused, and the ones it accepted (with its answer: money-receipt number, trip state).
import Dexie, { type EntityTable } from "dexie";
import type { z } from "zod";
import type {
  DeliverDropRequest,
  DriverTripResponse,
  DropOutcomeResponse,
  FailDropRequest,
  TripSummary,
} from "../../../shared/contracts/delivery.ts";

export type DriverTrip = z.infer<typeof DriverTripResponse>;
export type DriverDrop = DriverTrip["drops"][number];
export type DropOutcome = z.infer<typeof DropOutcomeResponse>;
export type DeliverBody = z.input<typeof DeliverDropRequest>;
export type FailBody = z.input<typeof FailDropRequest>;

export type DriverWrite =
  | { kind: "deliver"; tripId: string; dropId: string; body: DeliverBody }
  | { kind: "fail"; tripId: string; dropId: string; body: FailBody };

export interface DriverOutboxEntry {
  /** Creation order: sent oldest first. */
  seq?: number;
  /** Also the request's Idempotency-Key, so a retry after a lost answer is answered, never acted on twice. */
  id: string;
  userId: string;
  write: DriverWrite;
  createdAt: string;
  attempts: number;
  lastAttemptAt: string | null;
}

export interface DriverMessage {
  code: string;
  message: string;
}

/** Refused by the server (the drop was already done, the trip cancelled...): nothing was saved. */
export interface DriverRefusal {
  id: string;
  userId: string;
  write: DriverWrite;
  error: DriverMessage;
  rejectedAt: string;
}

/** Accepted by the server: what it answered, without the heavy proof image. */
export interface DriverSent {
  id: string;
  userId: string;
  kind: DriverWrite["kind"];
  tripId: string;
  dropId: string;
  sentAt: string;
  /** The server had already carried the request out but its answer was lost (idempotency.answer_lost). */
  answerLost: boolean;
  outcome: DropOutcome | null;
}

export interface StoredTrip {
  id: string;
  userId: string;
  fetchedAt: string;
  trip: DriverTrip;
}

export interface StoredTripList {
  key: string;
  userId: string;
  fetchedAt: string;
  items: TripSummary[];
}

export class DriverDb extends Dexie {
  trips!: EntityTable<StoredTrip, "id">;
  lists!: EntityTable<StoredTripList, "key">;
  outbox!: EntityTable<DriverOutboxEntry, "seq">;
  refused!: EntityTable<DriverRefusal, "id">;
  sent!: EntityTable<DriverSent, "id">;

  constructor(name = DRIVER_DB_NAME) {
    super(name);
    this.version(1).stores({
      trips: "id, userId",
      lists: "key",
      outbox: "++seq, &id, userId, [userId+dropId]",
      refused: "id, userId",
      sent: "id, userId, sentAt",
    });
  }
}

export const DRIVER_DB_NAME = "bikri-driver";
export const tripListKey = (userId: string) => `trips:${userId}`;

let shared: DriverDb | undefined;

/** The one driver database of this page. */
export function driverDb(): DriverDb {
  shared ??= new DriverDb();
  return shared;
}
