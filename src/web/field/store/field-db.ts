// The phone's database (IndexedDB through Dexie): what the rep pulled (outlets, SKUs, price books, routes, the
// trade schemes in force), what
// the rep did (visits, orders, payments, audits, proposed outlets: the screens read these) and the outbox of
// commands that carry it all to the server. A write lands here, in one transaction with its outbox entry, before
// the screen says it is done; that is what lets the app work, and survive a reload, with no network.
import Dexie, { type EntityTable } from "dexie";
import type {
  FieldCommand,
  FieldOutlet,
  FieldPerformanceResponse,
  FieldPriceBook,
  FieldRoute,
  FieldScheme,
  FieldSku,
  FieldSnapshotResponse,
} from "../../../shared/contracts/field.ts";
import type { Locale } from "../../../shared/locale.ts";

export interface FieldMessage {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface OutboxEntry {
  /** Creation order: commands are sent oldest first. */
  seq?: number;
  id: string;
  userId: string;
  command: FieldCommand;
  createdAt: string;
  attempts: number;
  lastAttemptAt: string | null;
}

/** A command the server refused: nothing was changed; the rep edits and resends it, or discards it. */
export interface AttentionEntry {
  id: string;
  userId: string;
  command: FieldCommand;
  error: FieldMessage;
  rejectedAt: string;
}

/** A command the server applied, kept for a while with what the server made (order number, receipt number). */
export interface HistoryEntry {
  id: string;
  userId: string;
  kind: FieldCommand["kind"];
  /** The command without heavy parts (the photo). */
  command: FieldCommand;
  appliedAt: string;
  replayed: boolean;
  data: Record<string, unknown>;
  warnings: FieldMessage[];
}

export interface LocalVisit {
  id: string;
  userId: string;
  date: string;
  outletId: string;
  checkInCommandId: string | null;
  checkOutCommandId: string | null;
  checkedInAt: string;
  checkedOutAt: string | null;
  outcome: "order" | "no_order" | null;
  noOrderReason: string | null;
  distanceM: number | null;
  outsideRadius: boolean;
}

export interface OrderLineDraft {
  skuId: string;
  unit: string;
  qty: number;
}

export interface LocalOrder {
  id: string;
  commandId: string;
  userId: string;
  date: string;
  outletId: string;
  visitId: string | null;
  lines: OrderLineDraft[];
  totalPoisha: number;
  createdAt: string;
}

export interface LocalPayment {
  id: string;
  commandId: string;
  userId: string;
  date: string;
  outletId: string;
  visitId: string | null;
  method: string;
  reference: string | null;
  amountPoisha: number;
  createdAt: string;
}

export interface LocalAudit {
  id: string;
  commandId: string;
  userId: string;
  date: string;
  outletId: string;
  lines: { skuId: string; qty: number }[];
  createdAt: string;
}

export interface LocalProposal {
  id: string;
  commandId: string;
  userId: string;
  name: string;
  nameBn: string;
  ownerName: string;
  routeId: string;
  createdAt: string;
}

export interface StoredSession {
  userId: string;
  name: string;
  email: string;
  orgName: string;
  locale: Locale;
  bengaliDigits: boolean;
  permissions: string[];
  /** Kept for the service worker, which cannot read the cookie. */
  csrfToken: string | null;
}

export interface SnapshotMeta {
  userId: string;
  token: string;
  today: string;
  serverTime: string;
  pulledAt: string;
  me: FieldSnapshotResponse["me"];
  settings: FieldSnapshotResponse["settings"];
  noOrderReasons: FieldSnapshotResponse["noOrderReasons"];
  mustSellSkuIds: string[];
}

export interface DayState {
  userId: string;
  date: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface RouteChoice {
  userId: string;
  date: string;
  routeId: string;
}

export interface CachedPerformance {
  userId: string;
  fetchedAt: string;
  data: FieldPerformanceResponse;
}

export interface MapTiles {
  url: string;
  attribution: string;
}

/** The single-valued things the app keeps, by name. */
export interface MetaValues {
  session: StoredSession;
  snapshot: SnapshotMeta;
  day: DayState;
  routeChoice: RouteChoice;
  performance: CachedPerformance;
  tiles: MapTiles | null;
  /** Schemes whose budget was used up at the last pull: the memo on the phone gives nothing for them. */
  exhaustedSchemeIds: string[];
  /** An order being typed, per outlet, so a reload does not lose it. */
  [draft: `orderDraft:${string}`]: OrderLineDraft[];
}

export interface MetaRow<K extends keyof MetaValues = keyof MetaValues> {
  key: K;
  value: MetaValues[K];
}

export class FieldDb extends Dexie {
  outbox!: EntityTable<OutboxEntry, "seq">;
  attention!: EntityTable<AttentionEntry, "id">;
  history!: EntityTable<HistoryEntry, "id">;
  visits!: EntityTable<LocalVisit, "id">;
  orders!: EntityTable<LocalOrder, "id">;
  payments!: EntityTable<LocalPayment, "id">;
  audits!: EntityTable<LocalAudit, "id">;
  proposals!: EntityTable<LocalProposal, "id">;
  outlets!: EntityTable<FieldOutlet, "id">;
  skus!: EntityTable<FieldSku, "id">;
  priceBooks!: EntityTable<FieldPriceBook, "key">;
  routes!: EntityTable<FieldRoute, "id">;
  schemes!: EntityTable<FieldScheme, "id">;
  meta!: EntityTable<MetaRow, "key">;

  constructor(name = FIELD_DB_NAME) {
    super(name);
    this.version(1).stores({
      outbox: "++seq, &id, userId",
      attention: "id, userId",
      history: "id, userId, appliedAt",
      visits: "id, [userId+date], outletId",
      orders: "id, commandId, [userId+date], outletId",
      payments: "id, commandId, [userId+date], outletId",
      audits: "id, commandId, [userId+date], outletId",
      proposals: "id, commandId, userId",
      outlets: "id",
      skus: "id",
      priceBooks: "key",
      routes: "id",
      meta: "key",
    });
    // The trade schemes in force for the rep's outlets, replaced whole when the snapshot brings them.
    this.version(2).stores({ schemes: "id" });
  }

  async getMeta<K extends keyof MetaValues>(key: K): Promise<MetaValues[K] | undefined> {
    const row = await this.meta.get(key);
    return row?.value as MetaValues[K] | undefined;
  }

  async setMeta<K extends keyof MetaValues>(key: K, value: MetaValues[K]): Promise<void> {
    await this.meta.put({ key, value } as MetaRow);
  }
}

export const FIELD_DB_NAME = "bikri-field";

let shared: FieldDb | undefined;

/** The one database of this page or worker. */
export function fieldDb(): FieldDb {
  shared ??= new FieldDb();
  return shared;
}
