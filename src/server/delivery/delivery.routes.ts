// Delivery and logistics (S8) over HTTP: vehicles, trips and their stops, the trip's papers, drop outcomes, the
// driver's app and the metrics. Each route parses with the contract and calls one service function.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  AssignableOrdersQuery,
  AssignableOrdersResponse,
  AssignOrdersRequest,
  CancelTripRequest,
  ChallansResponse,
  CreateTripRequest,
  CreateVehicleRequest,
  DeliverDropRequest,
  DeliveryMetricsQuery,
  DeliveryMetricsResponse,
  DriverListQuery,
  DriverListResponse,
  DriverTripListResponse,
  DriverTripResponse,
  DropOutcomeResponse,
  FailDropRequest,
  LoadSheetResponse,
  LocationPingRequest,
  LocationPingResponse,
  PickListResponse,
  ReorderDropsRequest,
  TripDetail,
  TripDropParams,
  TripListQuery,
  TripListResponse,
  UpdateTripRequest,
  UpdateVehicleRequest,
  Vehicle,
  VehicleListQuery,
  VehicleListResponse,
} from "../../shared/contracts/delivery.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as trips from "./delivery.service.ts";
import { challans, loadSheet, pickList } from "./delivery-documents.service.ts";
import { deliveryMetrics } from "./delivery-metrics.service.ts";
import * as drops from "./drop-outcomes.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

/** A proof-of-delivery image is at most 2 MB, about 2.8 MB as base64, plus the rest of the body. */
export const DROP_BODY_LIMIT = 3 * 1024 * 1024;

/** A phone on a bad network retries: its writes must carry a key, so a retry replays instead of acting twice. */
const phoneWrite = (request: FastifyRequest) => {
  const key = request.headers["idempotency-key"];
  return { idempotencyKeyRequired: typeof key !== "string" || key === "" };
};

export function deliveryRoutes(app: App) {
  const tags = ["delivery"];
  const base = "/api/v1/delivery";
  const trip = { 200: TripDetail, ...errors };

  // --- vehicles and drivers
  app.get(
    `${base}/vehicles`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary: "Vehicles of the distributors in the caller's scope (archived ones on request)",
        querystring: VehicleListQuery,
        response: { 200: VehicleListResponse, ...errors },
      },
    },
    async (request) => trips.listVehicles(ctxOf(request), request.query),
  );
  app.post(
    `${base}/vehicles`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary: "Add a vehicle with its capacity in grams and cubic centimetres (registration numbers unique)",
        body: CreateVehicleRequest,
        response: { 201: Vehicle, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await trips.createVehicle(ctxOf(request), request.body)),
  );
  app.patch(
    `${base}/vehicles/:id`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary: "Change a vehicle, archive or restore it",
        params: IdParams,
        body: UpdateVehicleRequest,
        response: { 200: Vehicle, ...errors },
      },
    },
    async (request) => trips.updateVehicle(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    `${base}/drivers`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary: "Active drivers of the distributors in the caller's scope",
        querystring: DriverListQuery,
        response: { 200: DriverListResponse, ...errors },
      },
    },
    async (request) => trips.listDrivers(ctxOf(request), request.query),
  );

  // --- trips
  app.get(
    `${base}/trips`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary:
          "Trips of a day (default today) or period in the caller's scope with driver, vehicle, stops done / failed / pending, cash and last update; totals over the whole filter",
        querystring: TripListQuery,
        response: { 200: TripListResponse, ...errors },
      },
    },
    async (request) => trips.listTrips(ctxOf(request), request.query),
  );
  app.post(
    `${base}/trips`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary:
          "Plan a trip: a vehicle, a driver of the same distributor, a date (today or later), optionally a route",
        body: CreateTripRequest,
        response: { 201: TripDetail, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await trips.createTrip(ctxOf(request), request.body)),
  );
  app.get(
    `${base}/trips/:id`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary: "A trip with its load and every stop's state and proof of delivery",
        params: IdParams,
        response: trip,
      },
    },
    async (request) => trips.getTrip(ctxOf(request), request.params.id),
  );
  app.patch(
    `${base}/trips/:id`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary: "Change a planned trip's vehicle (capacity checked again), driver, date, route or note",
        params: IdParams,
        body: UpdateTripRequest,
        response: trip,
      },
    },
    async (request) => trips.updateTrip(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    `${base}/trips/:id/assignable-orders`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary:
          "The trip's distributor's invoiced orders on no trip, with weight and volume, by route and wanted date",
        params: IdParams,
        querystring: AssignableOrdersQuery,
        response: { 200: AssignableOrdersResponse, ...errors },
      },
    },
    async (request) => trips.assignableOrders(ctxOf(request), request.params.id, request.query),
  );
  app.post(
    `${base}/trips/:id/drops`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary:
          "Put invoiced orders on a planned trip, after its stops; refused (409 delivery.over_capacity / over_volume) when the vehicle cannot take the load",
        params: IdParams,
        body: AssignOrdersRequest,
        response: trip,
      },
    },
    async (request) => trips.assignOrders(ctxOf(request), request.params.id, request.body),
  );
  app.delete(
    `${base}/trips/:id/drops/:dropId`,
    {
      config: { access: "delivery.manage" },
      schema: { tags, summary: "Take a stop off a planned trip", params: TripDropParams, response: trip },
    },
    async (request) => trips.unassignDrop(ctxOf(request), request.params.id, request.params.dropId),
  );
  app.post(
    `${base}/trips/:id/drops/reorder`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary: "Set the visiting order of a planned trip's stops",
        params: IdParams,
        body: ReorderDropsRequest,
        response: trip,
      },
    },
    async (request) => trips.reorderDrops(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    `${base}/trips/:id/pick-list`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary:
          "What to pick for the stops still to deliver: SKU totals by batch, first-expiry-first as delivery issues",
        params: IdParams,
        response: { 200: PickListResponse, ...errors },
      },
    },
    async (request) => pickList(ctxOf(request), request.params.id),
  );
  app.get(
    `${base}/trips/:id/load-sheet`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary: "The load sheet: per SKU and per stop, in cases and pieces",
        params: IdParams,
        response: { 200: LoadSheetResponse, ...errors },
      },
    },
    async (request) => loadSheet(ctxOf(request), request.params.id),
  );
  app.get(
    `${base}/trips/:id/challans`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary: "One delivery challan per order on the trip: outlet, lines, totals, invoice number, dues",
        params: IdParams,
        response: { 200: ChallansResponse, ...errors },
      },
    },
    async (request) => challans(ctxOf(request), request.params.id),
  );
  app.post(
    `${base}/trips/:id/dispatch`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary: "Send the trip out: every order on it is dispatched, in one transaction",
        params: IdParams,
        response: trip,
      },
    },
    async (request) => trips.dispatchTrip(ctxOf(request), request.params.id),
  );
  app.post(
    `${base}/trips/:id/complete`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary:
          "Close a dispatched trip by hand: stops still pending fail (reason other), their orders return to invoiced",
        params: IdParams,
        response: trip,
      },
    },
    async (request) => trips.completeTrip(ctxOf(request), request.params.id),
  );
  app.post(
    `${base}/trips/:id/cancel`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary: "Cancel a planned trip; its orders stay invoiced, free for another trip",
        params: IdParams,
        body: CancelTripRequest,
        response: trip,
      },
    },
    async (request) => trips.cancelTrip(ctxOf(request), request.params.id, request.body),
  );

  // --- drop outcomes keyed in at the distributor (a paper challan signed at the door), and the POD image
  app.post(
    `${base}/drops/:id/deliver`,
    {
      bodyLimit: DROP_BODY_LIMIT,
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary:
          "Record a stop as delivered (in full, or per line), with the receiver's name, a signature or photo, and cash taken",
        params: IdParams,
        body: DeliverDropRequest,
        response: { 200: DropOutcomeResponse, ...errors, 413: ErrorResponse },
      },
    },
    async (request) => drops.deliverDrop(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    `${base}/drops/:id/fail`,
    {
      config: { access: "delivery.manage" },
      schema: {
        tags,
        summary: "Record a stop as failed, with the reason: its order returns to invoiced",
        params: IdParams,
        body: FailDropRequest,
        response: { 200: DropOutcomeResponse, ...errors },
      },
    },
    async (request) => drops.failDrop(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    `${base}/drops/:id/pod`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary: "The proof of delivery's image (PNG, JPEG or WebP), for callers who see the trip",
        params: IdParams,
        produces: ["image/png", "image/jpeg", "image/webp"],
        response: { 200: z.any().describe("The image bytes"), ...errors },
      },
    },
    async (request, reply) => {
      const pod = await drops.podImage(ctxOf(request), request.params.id);
      return reply.type(pod.contentType).header("cache-control", "private, max-age=3600").send(pod.bytes);
    },
  );

  app.get(
    `${base}/metrics`,
    {
      config: { access: "delivery.read" },
      schema: {
        tags,
        summary:
          "OTIF, fill rate (quantity and value) and lead time of the period's trips, in total and by distributor",
        querystring: DeliveryMetricsQuery,
        response: { 200: DeliveryMetricsResponse, ...errors },
      },
    },
    async (request) => deliveryMetrics(ctxOf(request), request.query),
  );

  // --- the driver's app: their own trips only (any other is 404); writes need an Idempotency-Key
  app.get(
    `${base}/driver/trips`,
    {
      config: { access: "delivery.drive" },
      schema: {
        tags,
        summary: "The calling driver's trips: dispatched ones not yet completed, then today's and later ones",
        response: { 200: DriverTripListResponse, ...errors },
      },
    },
    async (request) => drops.myTrips(ctxOf(request)),
  );
  app.get(
    `${base}/driver/trips/:id`,
    {
      config: { access: "delivery.drive" },
      schema: {
        tags,
        summary:
          "One of the driver's trips with every stop: outlet, address, phone, navigation link, lines in cases and pieces, dues",
        params: IdParams,
        response: { 200: DriverTripResponse, ...errors },
      },
    },
    async (request) => drops.myTrip(ctxOf(request), request.params.id),
  );
  app.post(
    `${base}/driver/drops/:id/deliver`,
    {
      bodyLimit: DROP_BODY_LIMIT,
      config: { access: "delivery.drive" },
      schema: {
        tags,
        summary:
          "Deliver a stop (in full or per line) with the receiver's name and a signature or photo; cash taken becomes a money receipt. Idempotency-Key required",
        params: IdParams,
        body: DeliverDropRequest,
        response: { 200: DropOutcomeResponse, ...errors, 413: ErrorResponse },
      },
    },
    async (request) => drops.deliverDrop(ctxOf(request), request.params.id, request.body, phoneWrite(request)),
  );
  app.post(
    `${base}/driver/drops/:id/fail`,
    {
      config: { access: "delivery.drive" },
      schema: {
        tags,
        summary:
          "A stop could not be delivered: the reason (and a note); the order returns to invoiced. Idempotency-Key required",
        params: IdParams,
        body: FailDropRequest,
        response: { 200: DropOutcomeResponse, ...errors },
      },
    },
    async (request) => drops.failDrop(ctxOf(request), request.params.id, request.body, phoneWrite(request)),
  );
  app.post(
    `${base}/driver/trips/:id/location`,
    {
      config: { access: "delivery.drive" },
      schema: {
        tags,
        summary:
          "The driver's position on a dispatched trip, for the live view (the last one is kept). Idempotency-Key required",
        params: IdParams,
        body: LocationPingRequest,
        response: { 200: LocationPingResponse, ...errors },
      },
    },
    async (request) => drops.pingLocation(ctxOf(request), request.params.id, request.body, phoneWrite(request)),
  );
}
