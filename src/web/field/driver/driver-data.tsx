// What the driver's screens read, live from the phone's database: the trips as last loaded with the outcomes not
// yet sent laid over them, the outbox, the refusals and the server's recent answers.
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { z } from "zod";
import type { CasesPieces, TripSummary } from "../../../shared/contracts/delivery.ts";
import type { StoredSession } from "../store/field-db.ts";
import type { FieldFormat } from "../ui/use-field-format.ts";
import { useLive } from "../ui/use-live.ts";
import type { DriverDb, DriverOutboxEntry, DriverRefusal, DriverSent, StoredTrip } from "./driver-db.ts";
import { tripListKey } from "./driver-db.ts";
import type { DriverT } from "./driver-i18n.ts";
import { type TripView, tripOrder, tripView } from "./driver-plan.ts";

export interface DriverData {
  db: DriverDb;
  session: StoredSession;
  userId: string;
  loaded: boolean;
  /** When the trip list was last loaded from the server (null: never on this phone). */
  fetchedAt: string | null;
  summaries: TripSummary[];
  trips: Map<string, TripView>;
  outbox: DriverOutboxEntry[];
  refused: DriverRefusal[];
  sent: DriverSent[];
}

const DriverDataContext = createContext<DriverData | null>(null);

export function useDriverData(): DriverData {
  const data = useContext(DriverDataContext);
  if (!data) throw new Error("useDriverData outside DriverDataProvider");
  return data;
}

interface Stored {
  loaded: boolean;
  fetchedAt: string | null;
  summaries: TripSummary[];
  trips: StoredTrip[];
  outbox: DriverOutboxEntry[];
  refused: DriverRefusal[];
  sent: DriverSent[];
}

const NOTHING: Stored = { loaded: false, fetchedAt: null, summaries: [], trips: [], outbox: [], refused: [], sent: [] };

export function DriverDataProvider(props: { db: DriverDb; session: StoredSession; children: ReactNode }) {
  const { db, session } = props;
  const userId = session.userId;
  const stored = useLive<Stored>(
    async () => {
      const [list, trips, outbox, refused, sent] = await Promise.all([
        db.lists.get(tripListKey(userId)),
        db.trips.where("userId").equals(userId).toArray(),
        db.outbox.where("userId").equals(userId).sortBy("seq"),
        db.refused.where("userId").equals(userId).sortBy("rejectedAt"),
        db.sent.where("userId").equals(userId).reverse().sortBy("sentAt"),
      ]);
      return {
        loaded: true,
        fetchedAt: list?.fetchedAt ?? null,
        summaries: list?.items ?? [],
        trips,
        outbox,
        refused,
        sent,
      };
    },
    [db, userId],
    NOTHING,
  );

  const value = useMemo<DriverData>(() => {
    const trips = new Map(
      tripOrder(stored.trips.map((s) => s.trip)).map((t) => [t.id, tripView(t, stored.outbox, stored.refused)]),
    );
    return {
      db,
      session,
      userId,
      loaded: stored.loaded,
      fetchedAt: stored.fetchedAt,
      summaries: tripOrder(stored.summaries),
      trips,
      outbox: stored.outbox,
      refused: stored.refused,
      sent: stored.sent,
    };
  }, [db, session, userId, stored]);

  return <DriverDataContext.Provider value={value}>{props.children}</DriverDataContext.Provider>;
}

/** "2 case + 5 pc" (or "17 pc" for a SKU without a case pack) in the UI's language and digits. */
export function qtyText(q: z.infer<typeof CasesPieces>, t: DriverT, fmt: FieldFormat): string {
  const unit = (code: string) => {
    const name = t(`units.${code}` as Parameters<DriverT>[0]);
    return name.startsWith("units.") ? code : name;
  };
  const base = (n: number) => `${fmt.number(n)} ${unit(q.baseUnit)}`;
  if (!q.caseUnit || !q.caseFactor) return base(q.qty);
  const caseName = (fmt.locale === "bn" ? q.caseUnitNameBn : q.caseUnitName) ?? unit(q.caseUnit);
  return [
    ...(q.cases > 0 ? [`${fmt.number(q.cases)} ${caseName}`] : []),
    ...(q.pieces > 0 || q.cases === 0 ? [base(q.pieces)] : []),
  ].join(" + ");
}
