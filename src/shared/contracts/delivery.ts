// Delivery and logistics (S8): vehicles, delivery trips and their drops, pick list, load sheet, challans, the
// driver's view and proof of delivery, live status and metrics. Weights are grams, volumes cubic centimetres,
// quantities integers in the SKU's base unit, money integer poisha, percentages basis points (10000 = 100 %).
//
// Routes (all under /api/v1/delivery). Permissions: delivery.read (admin, manager, distributor), delivery.manage
// (admin, distributor), delivery.drive (driver: their own trips only; any other trip or drop is 404).
// A manager sees the distributors of their subtree, a distributor itself; ids outside the caller's scope are 404.
//   GET    /vehicles?distributorId=&includeArchived=     VehicleListResponse                      read
//   POST   /vehicles                                     CreateVehicleRequest -> Vehicle (201)    manage
//   PATCH  /vehicles/{id}                                UpdateVehicleRequest -> Vehicle          manage
//   GET    /drivers?distributorId=                       DriverListResponse (active drivers)      read
//   GET    /trips?date=|from=&to=&distributorId=&status=&driverUserId=&cursor=&limit=
//                                                        TripListResponse (live status + totals)  read
//   POST   /trips                                        CreateTripRequest -> TripDetail (201)    manage
//   GET    /trips/{id}                                   TripDetail (every drop's state and POD)  read
//   PATCH  /trips/{id}                                   UpdateTripRequest -> TripDetail          manage (planned only)
//   GET    /trips/{id}/assignable-orders?routeId=&requestedBy=&q=&limit=
//                                                        AssignableOrdersResponse                 read
//   POST   /trips/{id}/drops                             AssignOrdersRequest -> TripDetail        manage (409 delivery.over_capacity)
//   DELETE /trips/{id}/drops/{dropId}                    -> TripDetail                            manage (planned only)
//   POST   /trips/{id}/drops/reorder                     ReorderDropsRequest -> TripDetail        manage (planned only)
//   GET    /trips/{id}/pick-list                         PickListResponse (FEFO batches)          read
//   GET    /trips/{id}/load-sheet                        LoadSheetResponse                        read
//   GET    /trips/{id}/challans                          ChallansResponse                         read
//   POST   /trips/{id}/dispatch                          -> TripDetail (every order dispatched)   manage
//   POST   /trips/{id}/complete                          -> TripDetail (pending drops fail 'other') manage
//   POST   /trips/{id}/cancel                            CancelTripRequest -> TripDetail          manage (planned only)
//   POST   /drops/{id}/deliver                           DeliverDropRequest -> DropOutcomeResponse manage (a paper POD keyed in)
//   POST   /drops/{id}/fail                              FailDropRequest -> DropOutcomeResponse   manage
//   GET    /drops/{id}/pod                               the POD image's bytes (image/png|jpeg|webp) read
//   GET    /metrics?from=&to=&distributorId=             DeliveryMetricsResponse                  read
//   GET    /driver/trips                                 DriverTripListResponse (today, upcoming, unfinished) drive
//   GET    /driver/trips/{id}                            DriverTripResponse                       drive
//   POST   /driver/drops/{id}/deliver                    DeliverDropRequest -> DropOutcomeResponse drive, Idempotency-Key required
//   POST   /driver/drops/{id}/fail                       FailDropRequest -> DropOutcomeResponse   drive, Idempotency-Key required
//   POST   /driver/trips/{id}/location                   LocationPingRequest -> LocationPingResponse drive, Idempotency-Key required
// A trip completes by itself when its last pending drop is delivered or failed. A failed drop puts the order back
// to `invoiced` (reservation kept): it is assignable to another trip, or can be cancelled.
import { z } from "zod";
import { IsoDate, PageQuery, Timestamp } from "./common.ts";
import { SECONDARY_STATUSES } from "./orders.ts";

const Poisha = z.number().int();
const Bp = z.number().int();
const Note = z.string().trim().max(500);

export const TRIP_STATUSES = ["planned", "dispatched", "completed", "cancelled"] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];
export const DROP_STATUSES = ["pending", "delivered", "partially_delivered", "failed"] as const;
export type DropStatus = (typeof DROP_STATUSES)[number];
export const FAILURE_REASONS = [
  "outlet_closed",
  "refused",
  "no_cash",
  "not_reachable",
  "wrong_items",
  "vehicle_problem",
  "other",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
export const POD_KINDS = ["signature", "photo"] as const;
export type PodKind = (typeof POD_KINDS)[number];
/** What the caller may do with a trip now (the web shows these buttons only). */
export const TRIP_ACTIONS = ["edit", "assign", "dispatch", "complete", "cancel"] as const;
export type TripAction = (typeof TRIP_ACTIONS)[number];

/** A POD image: at most 2 MB decoded; PNG, JPEG or WebP, checked by its bytes. */
export const MAX_POD_BYTES = 2 * 1024 * 1024;

// --- vehicles and drivers

export const Vehicle = z.object({
  id: z.uuid(),
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  regNo: z.string(),
  name: z.string(),
  capacityG: z.number().int(),
  /** Null: volume is not checked for this vehicle. */
  capacityCm3: z.number().int().nullable(),
  archivedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Vehicle = z.infer<typeof Vehicle>;

export const VehicleListQuery = z.strictObject({
  distributorId: z.uuid().optional(),
  includeArchived: z.stringbool().default(false),
});
export type VehicleListQuery = z.infer<typeof VehicleListQuery>;
export const VehicleListResponse = z.object({ items: z.array(Vehicle) });

const RegNo = z.string().trim().min(2).max(40);
const VehicleName = z.string().trim().min(1).max(80);
/** Up to 100 tonnes / 100 m³. */
const CapacityG = z.number().int().min(1).max(100_000_000);
const CapacityCm3 = z.number().int().min(1).max(100_000_000);

export const CreateVehicleRequest = z.strictObject({
  /** Required for admins and managers; a distributor's own when the caller is a distributor. */
  distributorId: z.uuid().optional(),
  regNo: RegNo,
  name: VehicleName,
  capacityG: CapacityG,
  capacityCm3: CapacityCm3.nullable().optional(),
});
export type CreateVehicleRequest = z.infer<typeof CreateVehicleRequest>;
export const UpdateVehicleRequest = z.strictObject({
  regNo: RegNo.optional(),
  name: VehicleName.optional(),
  capacityG: CapacityG.optional(),
  capacityCm3: CapacityCm3.nullable().optional(),
  /** true archives (no new trips), false restores. */
  archived: z.boolean().optional(),
});
export type UpdateVehicleRequest = z.infer<typeof UpdateVehicleRequest>;

export const DriverListQuery = z.strictObject({ distributorId: z.uuid().optional() });
export const Driver = z.object({
  userId: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string(),
  distributorId: z.uuid(),
});
export const DriverListResponse = z.object({ items: z.array(Driver) });

// --- trips

/** What a trip carries against what its vehicle can take. */
export const TripLoad = z.object({
  weightG: z.number().int(),
  volumeCm3: z.number().int(),
  capacityG: z.number().int(),
  capacityCm3: z.number().int().nullable(),
  /** Share of the capacity used; null when the vehicle's volume is unknown. */
  weightUsedBp: Bp,
  volumeUsedBp: Bp.nullable(),
  lineCount: z.number().int(),
  /** Order lines whose SKU has no weight (or volume): not counted in the totals above. */
  linesWithoutWeight: z.number().int(),
  linesWithoutVolume: z.number().int(),
});
export type TripLoad = z.infer<typeof TripLoad>;

export const DropCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  delivered: z.number().int(),
  partiallyDelivered: z.number().int(),
  failed: z.number().int(),
});

export const TripSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(TRIP_STATUSES),
  tripDate: IsoDate,
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  vehicleId: z.uuid(),
  vehicleRegNo: z.string(),
  vehicleName: z.string(),
  driverUserId: z.uuid(),
  driverName: z.string(),
  driverPhone: z.string().nullable(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  routeNameBn: z.string().nullable(),
  note: z.string().nullable(),
  cancelReason: z.string().nullable(),
  drops: DropCounts,
  /** Sum of the orders' totals on the trip, and of what was delivered (at the door's figures). */
  orderValuePoisha: Poisha,
  deliveredValuePoisha: Poisha,
  cashCollectedPoisha: Poisha,
  /** The driver's last reported position. */
  lastLocation: z.object({ lat: z.number(), lng: z.number(), at: Timestamp }).nullable(),
  /** The latest of: created, dispatched, a drop's outcome, a location report, completed, cancelled. */
  lastUpdateAt: Timestamp,
  dispatchedAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  cancelledAt: Timestamp.nullable(),
  createdAt: Timestamp,
  actions: z.array(z.enum(TRIP_ACTIONS)),
});
export type TripSummary = z.infer<typeof TripSummary>;

export const TripDrop = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  status: z.enum(DROP_STATUSES),
  orderId: z.uuid(),
  orderNumber: z.string(),
  invoiceNumber: z.string().nullable(),
  orderStatus: z.enum(SECONDARY_STATUSES),
  orderDate: IsoDate,
  requestedDeliveryDate: IsoDate.nullable(),
  orderTotalPoisha: Poisha,
  lineCount: z.number().int(),
  outletId: z.uuid(),
  outletCode: z.string(),
  outletName: z.string(),
  outletNameBn: z.string(),
  outletOwnerName: z.string(),
  outletAddress: z.string(),
  outletPhone: z.string().nullable(),
  outletLat: z.number().nullable(),
  outletLng: z.number().nullable(),
  /** https://www.google.com/maps/dir/?api=1&destination=lat,lng — null when the outlet has no point. */
  navigationUrl: z.string().nullable(),
  weightG: z.number().int(),
  volumeCm3: z.number().int(),
  linesWithoutWeight: z.number().int(),
  linesWithoutVolume: z.number().int(),
  // The outcome (null while pending).
  failureReason: z.enum(FAILURE_REASONS).nullable(),
  failureNote: z.string().nullable(),
  receiverName: z.string().nullable(),
  podKind: z.enum(POD_KINDS).nullable(),
  /** GET this (with the session) for the image: /api/v1/delivery/drops/{id}/pod. */
  podUrl: z.string().nullable(),
  cashCollectedPoisha: Poisha,
  paymentId: z.uuid().nullable(),
  paymentNumber: z.string().nullable(),
  /** Base-unit quantities and values of the order at the door, and what of them was delivered. */
  orderedQty: z.number().int().nullable(),
  deliveredQty: z.number().int().nullable(),
  orderedPoisha: Poisha.nullable(),
  deliveredPoisha: Poisha.nullable(),
  /** Where the phone was when the outcome was recorded. */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  completedAt: Timestamp.nullable(),
  completedByName: z.string().nullable(),
});
export type TripDrop = z.infer<typeof TripDrop>;

/** A trip with its drops in visiting order; `drops` is the list here, its counts are `dropCounts`. */
export const TripDetail = TripSummary.extend({
  load: TripLoad,
  drops: z.array(TripDrop),
  dropCounts: DropCounts,
});
export type TripDetail = z.infer<typeof TripDetail>;

export const TripListQuery = PageQuery.extend({
  /** One day (default today when no from/to). */
  date: IsoDate.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  distributorId: z.uuid().optional(),
  status: z.enum(TRIP_STATUSES).optional(),
  driverUserId: z.uuid().optional(),
});
export type TripListQuery = z.infer<typeof TripListQuery>;
export const TripListResponse = z.object({
  items: z.array(TripSummary),
  nextCursor: z.string().nullable(),
  /** Over every trip the filter matches, not only this page. */
  totals: z.object({
    trips: z.number().int(),
    drops: DropCounts,
    orderValuePoisha: Poisha,
    deliveredValuePoisha: Poisha,
    cashCollectedPoisha: Poisha,
  }),
});

export const CreateTripRequest = z.strictObject({
  /** The trip belongs to the vehicle's distributor; the driver must be that distributor's. */
  vehicleId: z.uuid(),
  driverUserId: z.uuid(),
  /** Default today; not in the past. */
  tripDate: IsoDate.optional(),
  routeId: z.uuid().nullable().optional(),
  note: Note.nullable().optional(),
});
export type CreateTripRequest = z.infer<typeof CreateTripRequest>;
export const UpdateTripRequest = z.strictObject({
  vehicleId: z.uuid().optional(),
  driverUserId: z.uuid().optional(),
  tripDate: IsoDate.optional(),
  routeId: z.uuid().nullable().optional(),
  note: Note.nullable().optional(),
});
export type UpdateTripRequest = z.infer<typeof UpdateTripRequest>;
export const CancelTripRequest = z.strictObject({ reason: z.string().trim().min(1).max(300) });

export const TripDropParams = z.strictObject({ id: z.uuid(), dropId: z.uuid() });

export const AssignableOrdersQuery = z.strictObject({
  routeId: z.uuid().optional(),
  /** Orders wanted on or before this date, and those that named no date. */
  requestedBy: IsoDate.optional(),
  /** Order or invoice number, or the outlet's name in either script. */
  q: z.string().trim().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type AssignableOrdersQuery = z.infer<typeof AssignableOrdersQuery>;
export const AssignableOrder = z.object({
  orderId: z.uuid(),
  number: z.string(),
  invoiceNumber: z.string().nullable(),
  orderDate: IsoDate,
  requestedDeliveryDate: IsoDate.nullable(),
  invoicedAt: Timestamp.nullable(),
  outletId: z.uuid(),
  outletCode: z.string(),
  outletName: z.string(),
  outletNameBn: z.string(),
  outletAddress: z.string(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  routeNameBn: z.string().nullable(),
  totalPoisha: Poisha,
  lineCount: z.number().int(),
  weightG: z.number().int(),
  volumeCm3: z.number().int(),
  linesWithoutWeight: z.number().int(),
  linesWithoutVolume: z.number().int(),
  /** Earlier drops of this order that failed. */
  failedAttempts: z.number().int(),
});
export const AssignableOrdersResponse = z.object({
  items: z.array(AssignableOrder),
  /** More orders match than `limit`. */
  truncated: z.boolean(),
});

export const AssignOrdersRequest = z.strictObject({
  orderIds: z.array(z.uuid()).min(1).max(200),
});
export const ReorderDropsRequest = z.strictObject({
  /** Every drop of the trip, once, in the new visiting order. */
  dropIds: z.array(z.uuid()).min(1).max(500),
});

// --- pick list, load sheet, challans (JSON; the web prints them)

/** A base-unit quantity as whole cases (the SKU's largest pack) and loose pieces. */
export const CasesPieces = z.object({
  qty: z.number().int(),
  /** The pack counted as a case (largest factor > 1), null when the SKU has none. */
  caseUnit: z.string().nullable(),
  caseUnitName: z.string().nullable(),
  caseUnitNameBn: z.string().nullable(),
  caseFactor: z.number().int().nullable(),
  cases: z.number().int(),
  pieces: z.number().int(),
  baseUnit: z.string(),
});

const TripHeader = z.object({
  tripId: z.uuid(),
  tripNumber: z.string(),
  tripDate: IsoDate,
  status: z.enum(TRIP_STATUSES),
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  vehicleRegNo: z.string(),
  vehicleName: z.string(),
  driverName: z.string(),
  driverPhone: z.string().nullable(),
  routeName: z.string().nullable(),
  routeNameBn: z.string().nullable(),
});

export const PickListResponse = TripHeader.extend({
  items: z.array(
    z.object({
      skuId: z.uuid(),
      skuCode: z.string(),
      skuName: z.string(),
      skuNameBn: z.string(),
      total: CasesPieces,
      /** First-expiry-first, then batch number: the order the stock ledger issues in. */
      batches: z.array(
        z.object({
          batchId: z.uuid(),
          batchNo: z.string(),
          expiryDate: IsoDate.nullable(),
          qty: z.number().int(),
        }),
      ),
      /** What the batches on hand cannot cover (0 unless the ledger is short). */
      shortQty: z.number().int(),
    }),
  ),
  totalQty: z.number().int(),
});

const SheetLine = z.object({
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  quantity: CasesPieces,
  weightG: z.number().int().nullable(),
  volumeCm3: z.number().int().nullable(),
});
export const LoadSheetResponse = TripHeader.extend({
  load: TripLoad,
  /** What to load, per SKU across the trip. */
  skus: z.array(SheetLine),
  /** What to hand over at each stop, in visiting order. */
  drops: z.array(
    z.object({
      dropId: z.uuid(),
      seq: z.number().int(),
      orderNumber: z.string(),
      invoiceNumber: z.string().nullable(),
      outletCode: z.string(),
      outletName: z.string(),
      outletNameBn: z.string(),
      outletAddress: z.string(),
      totalPoisha: Poisha,
      weightG: z.number().int(),
      lines: z.array(SheetLine),
    }),
  ),
  totalQty: z.number().int(),
  orderValuePoisha: Poisha,
});

export const ChallansResponse = TripHeader.extend({
  org: z.object({ name: z.string(), nameBn: z.string().nullable() }),
  distributor: z.object({
    name: z.string(),
    nameBn: z.string(),
    address: z.string(),
    phone: z.string(),
    bin: z.string().nullable(),
    tradeLicence: z.string().nullable(),
  }),
  /** One delivery note per order, in visiting order. */
  challans: z.array(
    z.object({
      dropId: z.uuid(),
      seq: z.number().int(),
      orderId: z.uuid(),
      orderNumber: z.string(),
      invoiceNumber: z.string().nullable(),
      orderDate: IsoDate,
      requestedDeliveryDate: IsoDate.nullable(),
      outlet: z.object({
        code: z.string(),
        name: z.string(),
        nameBn: z.string(),
        ownerName: z.string(),
        address: z.string(),
        phone: z.string().nullable(),
      }),
      lines: z.array(
        z.object({
          lineNo: z.number().int(),
          skuCode: z.string(),
          skuName: z.string(),
          skuNameBn: z.string(),
          quantity: CasesPieces,
          unitPricePoisha: Poisha,
          discountPoisha: Poisha,
          vatPoisha: Poisha,
          totalPoisha: Poisha,
        }),
      ),
      subtotalPoisha: Poisha,
      discountPoisha: Poisha,
      vatPoisha: Poisha,
      totalPoisha: Poisha,
      /** The outlet's dues before this delivery. */
      duesPoisha: Poisha,
    }),
  ),
});

// --- recording a drop's outcome (driver, or the distributor from a paper POD)

const GpsPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).optional(),
});

export const ProofOfDelivery = z.strictObject({
  kind: z.enum(POD_KINDS),
  /** A data URL (data:image/png;base64,...) or bare base64 of a PNG, JPEG or WebP image, at most 2 MB decoded. */
  image: z.string().min(8).max(2_900_000),
});

export const DeliverDropRequest = z.strictObject({
  receiverName: z.string().trim().min(2).max(120),
  pod: ProofOfDelivery,
  /** Lines delivered short (0 = not delivered); lines not listed are delivered in full. */
  lines: z
    .array(z.strictObject({ lineNo: z.number().int().min(1), deliveredQty: z.number().int().min(0) }))
    .max(300)
    .default([]),
  /** Cash taken at the door: recorded as a cash payment linked to the order (money receipt). 0 = none. */
  cashCollectedPoisha: z.number().int().min(0).max(100_000_000_000).default(0),
  gps: GpsPoint.nullable().optional(),
  note: Note.optional(),
});
export type DeliverDropRequest = z.infer<typeof DeliverDropRequest>;

export const FailDropRequest = z
  .strictObject({
    reason: z.enum(FAILURE_REASONS),
    /** Required when the reason is 'other'. */
    note: Note.optional(),
    gps: GpsPoint.nullable().optional(),
  })
  .refine((f) => f.reason !== "other" || (f.note !== undefined && f.note !== ""), {
    path: ["note"],
    message: "Say what happened|কী হয়েছিল লিখুন",
  });
export type FailDropRequest = z.infer<typeof FailDropRequest>;

export const DropOutcomeResponse = z.object({
  drop: TripDrop,
  tripId: z.uuid(),
  tripStatus: z.enum(TRIP_STATUSES),
  pendingDrops: z.number().int(),
});

export const LocationPingRequest = GpsPoint;
export type LocationPingRequest = z.infer<typeof LocationPingRequest>;
export const LocationPingResponse = z.object({ tripId: z.uuid(), at: Timestamp });

// --- the driver's view

export const DriverDropLine = z.object({
  lineNo: z.number().int(),
  skuId: z.uuid(),
  skuCode: z.string(),
  skuName: z.string(),
  skuNameBn: z.string(),
  quantity: CasesPieces,
  unitPricePoisha: Poisha,
  totalPoisha: Poisha,
  deliveredQty: z.number().int(),
});
export const DriverDrop = TripDrop.extend({
  lines: z.array(DriverDropLine),
  /** The outlet's dues now (before this order is delivered, its amount is not in them). */
  outletDuesPoisha: Poisha,
});
export const DriverTripResponse = TripSummary.extend({
  load: TripLoad,
  drops: z.array(DriverDrop),
  dropCounts: DropCounts,
});
export const DriverTripListResponse = z.object({
  /** Dispatched trips not yet completed (any date), then planned trips from today on, by date. */
  items: z.array(TripSummary),
});

// --- metrics

export const DeliveryMetricsQuery = z.strictObject({
  /** Trip dates, both included; default: this month so far. At most 366 days. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  distributorId: z.uuid().optional(),
});
export type DeliveryMetricsQuery = z.infer<typeof DeliveryMetricsQuery>;
export const DeliveryMetricsRow = z.object({
  /** Null on the totals row. */
  distributorId: z.uuid().nullable(),
  distributorName: z.string().nullable(),
  distributorNameBn: z.string().nullable(),
  trips: z.number().int(),
  /** Drops with an outcome (delivered, partially delivered or failed). */
  attempted: z.number().int(),
  delivered: z.number().int(),
  partiallyDelivered: z.number().int(),
  failed: z.number().int(),
  /** Delivered in full and on time (on or before the requested delivery date, else the trip date). */
  otifDrops: z.number().int(),
  otifBp: Bp.nullable(),
  orderedQty: z.number().int(),
  deliveredQty: z.number().int(),
  fillRateQtyBp: Bp.nullable(),
  orderedPoisha: Poisha,
  deliveredPoisha: Poisha,
  fillRateValueBp: Bp.nullable(),
  /** Hours from the order's confirmation to its delivery at the door (delivered and partial drops). */
  leadTimeAvgHours: z.number().nullable(),
  leadTimeMedianHours: z.number().nullable(),
  cashCollectedPoisha: Poisha,
  failuresByReason: z.record(z.enum(FAILURE_REASONS), z.number().int()),
});
export const DeliveryMetricsResponse = z.object({
  from: IsoDate,
  to: IsoDate,
  totals: DeliveryMetricsRow,
  byDistributor: z.array(DeliveryMetricsRow),
});
