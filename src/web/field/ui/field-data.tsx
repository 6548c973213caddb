// What every screen reads, from the phone's database: the pulled reference data (outlets, SKUs, price books,
// routes, rules) and the day's work (visits, orders, receipts, the outbox and what needs attention).
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type {
  FieldOutlet,
  FieldPriceBook,
  FieldRoute,
  FieldScheme,
  FieldSku,
} from "../../../shared/contracts/field.ts";
import type {
  AttentionEntry,
  DayState,
  FieldDb,
  HistoryEntry,
  LocalAudit,
  LocalOrder,
  LocalPayment,
  LocalProposal,
  LocalVisit,
  OutboxEntry,
  RouteChoice,
  SnapshotMeta,
  StoredSession,
} from "../store/field-db.ts";
import { useLive } from "./use-live.ts";

export interface FieldData {
  db: FieldDb;
  session: StoredSession;
  userId: string;
  /** Today's business date on this phone (Asia/Dhaka). */
  today: string;
  loaded: boolean;
  snapshot: SnapshotMeta | undefined;
  outlets: Map<string, FieldOutlet>;
  outletList: FieldOutlet[];
  skus: Map<string, FieldSku>;
  skuList: FieldSku[];
  priceBooks: Map<string, FieldPriceBook>;
  routes: FieldRoute[];
  /** The trade schemes in force for the rep's outlets at the last pull, and those whose budget was used up. */
  schemes: FieldScheme[];
  exhaustedSchemeIds: string[];
  mustSell: Set<string>;
  outbox: OutboxEntry[];
  attention: AttentionEntry[];
  history: HistoryEntry[];
  visits: LocalVisit[];
  orders: LocalOrder[];
  payments: LocalPayment[];
  audits: LocalAudit[];
  proposals: LocalProposal[];
  day: DayState | null;
  routeChoice: RouteChoice | undefined;
}

const FieldDataContext = createContext<FieldData | null>(null);

export function useFieldData(): FieldData {
  const data = useContext(FieldDataContext);
  if (!data) throw new Error("useFieldData outside FieldDataProvider");
  return data;
}

interface Reference {
  loaded: boolean;
  snapshot: SnapshotMeta | undefined;
  outletList: FieldOutlet[];
  skuList: FieldSku[];
  priceBooks: FieldPriceBook[];
  routes: FieldRoute[];
  schemes: FieldScheme[];
  exhaustedSchemeIds: string[];
}

interface Work {
  outbox: OutboxEntry[];
  attention: AttentionEntry[];
  history: HistoryEntry[];
  visits: LocalVisit[];
  orders: LocalOrder[];
  payments: LocalPayment[];
  audits: LocalAudit[];
  proposals: LocalProposal[];
  day: DayState | undefined;
  routeChoice: RouteChoice | undefined;
}

const NO_REFERENCE: Reference = {
  loaded: false,
  snapshot: undefined,
  outletList: [],
  skuList: [],
  priceBooks: [],
  routes: [],
  schemes: [],
  exhaustedSchemeIds: [],
};
const NO_WORK: Work = {
  outbox: [],
  attention: [],
  history: [],
  visits: [],
  orders: [],
  payments: [],
  audits: [],
  proposals: [],
  day: undefined,
  routeChoice: undefined,
};

export function FieldDataProvider(props: { db: FieldDb; session: StoredSession; today: string; children: ReactNode }) {
  const { db, session, today } = props;
  const userId = session.userId;

  const reference = useLive<Reference>(
    async () => {
      const snapshot = await db.getMeta("snapshot");
      const mine = snapshot?.userId === userId;
      return {
        loaded: true,
        snapshot: mine ? snapshot : undefined,
        outletList: mine ? await db.outlets.toArray() : [],
        skuList: mine ? (await db.skus.toArray()).sort((a, b) => a.code.localeCompare(b.code)) : [],
        priceBooks: mine ? await db.priceBooks.toArray() : [],
        routes: mine ? (await db.routes.toArray()).sort((a, b) => a.name.localeCompare(b.name)) : [],
        schemes: mine ? await db.schemes.toArray() : [],
        exhaustedSchemeIds: mine ? ((await db.getMeta("exhaustedSchemeIds")) ?? []) : [],
      };
    },
    [db, userId],
    NO_REFERENCE,
  );

  const work = useLive<Work>(
    async () => {
      const todayKey: [string, string] = [userId, today];
      const [outbox, attention, history, visits, orders, payments, audits, proposals, day, routeChoice] =
        await Promise.all([
          db.outbox.where("userId").equals(userId).sortBy("seq"),
          db.attention.where("userId").equals(userId).sortBy("rejectedAt"),
          db.history.where("userId").equals(userId).reverse().sortBy("appliedAt"),
          db.visits.where("[userId+date]").equals(todayKey).sortBy("checkedInAt"),
          db.orders.where("[userId+date]").equals(todayKey).sortBy("createdAt"),
          db.payments.where("[userId+date]").equals(todayKey).sortBy("createdAt"),
          db.audits.where("[userId+date]").equals(todayKey).sortBy("createdAt"),
          db.proposals.where("userId").equals(userId).reverse().sortBy("createdAt"),
          db.getMeta("day"),
          db.getMeta("routeChoice"),
        ]);
      return { outbox, attention, history, visits, orders, payments, audits, proposals, day, routeChoice };
    },
    [db, userId, today],
    NO_WORK,
  );

  const value = useMemo<FieldData>(() => {
    const day = work.day && work.day.userId === userId && work.day.date === today ? work.day : null;
    return {
      db,
      session,
      userId,
      today,
      loaded: reference.loaded,
      snapshot: reference.snapshot,
      outlets: new Map(reference.outletList.map((o) => [o.id, o])),
      outletList: reference.outletList,
      skus: new Map(reference.skuList.map((s) => [s.id, s])),
      skuList: reference.skuList,
      priceBooks: new Map(reference.priceBooks.map((b) => [b.key, b])),
      routes: reference.routes,
      schemes: reference.schemes,
      exhaustedSchemeIds: reference.exhaustedSchemeIds,
      mustSell: new Set(reference.snapshot?.mustSellSkuIds ?? []),
      ...work,
      day,
    };
  }, [db, session, userId, today, reference, work]);

  return <FieldDataContext.Provider value={value}>{props.children}</FieldDataContext.Provider>;
}

export type CommandState =
  | { state: "waiting" }
  | { state: "attention"; entry: AttentionEntry }
  | { state: "synced"; entry: HistoryEntry | undefined };

/** Where a command stands: still in the outbox, refused, or applied (with the server's data when still kept). */
export function commandState(
  data: Pick<FieldData, "outbox" | "attention" | "history">,
  commandId: string | null,
): CommandState {
  if (commandId === null) return { state: "synced", entry: undefined };
  if (data.outbox.some((e) => e.id === commandId)) return { state: "waiting" };
  const rejected = data.attention.find((e) => e.id === commandId);
  if (rejected) return { state: "attention", entry: rejected };
  return { state: "synced", entry: data.history.find((e) => e.id === commandId) };
}

/** A string the server put in a command's result (order number, receipt number), if any. */
export function resultText(entry: HistoryEntry | undefined, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = entry?.data[k];
    if (typeof v === "string" && v !== "") return v;
  }
  return null;
}

/** The visit a refused command was taken in, if any (an edit sends it again for the same visit). */
export function editedVisitId(entry: AttentionEntry): string | undefined {
  const p = entry.command.payload as { visitId?: unknown };
  return typeof p.visitId === "string" && entry.command.kind !== "visit.check_in" ? p.visitId : undefined;
}
