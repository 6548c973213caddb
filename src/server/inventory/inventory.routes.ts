import { z } from "zod";
import { ErrorResponse, IdParams, Page } from "../../shared/contracts/common.ts";
import {
  CreatePrimaryOrderRequest,
  PrimaryDecisionRequest,
  PrimaryOrderListQuery,
  PrimaryOrderResponse,
  ReceivePrimaryOrderRequest,
  StockAdjustmentRequest,
  StockBatchRow,
  StockCountRequest,
  StockCountResponse,
  StockListQuery,
  StockMovementQuery,
  StockMovementRow,
  StockRow,
} from "../../shared/contracts/inventory.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as stock from "./inventory.service.ts";
import * as primary from "./primary-orders.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const StockExportQuery = StockListQuery.omit({ cursor: true, limit: true });
/** A transition's note is optional, and so is the body that carries it. */
const StockBatchQuery = z.strictObject({ distributorId: z.uuid(), skuId: z.uuid().optional() });

export function inventoryRoutes(app: App) {
  const tags = ["stock"];

  app.get(
    "/api/v1/stock",
    {
      config: { access: "stock.read" },
      schema: {
        tags,
        summary: "On-hand, reserved, available and damaged per SKU at one distributor, by SKU code",
        querystring: StockListQuery,
        response: { 200: Page(StockRow), ...errors },
      },
    },
    async (request) => stock.listStock(ctxOf(request), request.query),
  );

  app.get(
    "/api/v1/stock.csv",
    {
      config: { access: "stock.read" },
      schema: {
        tags,
        summary: "The stock list as CSV (UTF-8 with BOM), same filters as the list",
        querystring: StockExportQuery,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply.headers(csvDownloadHeaders("stock")).send(await stock.exportStockCsv(ctxOf(request), request.query)),
  );

  app.get(
    "/api/v1/stock/movements",
    {
      config: { access: "stock.read" },
      schema: {
        tags,
        summary: "The stock ledger of one distributor, newest first",
        querystring: StockMovementQuery,
        response: { 200: Page(StockMovementRow), ...errors },
      },
    },
    async (request) => stock.listMovements(ctxOf(request), request.query),
  );

  app.get(
    "/api/v1/stock/batches",
    {
      config: { access: "stock.read" },
      schema: {
        tags,
        summary: "Batches with stock, per SKU first-expiring first (the order deliveries take them in)",
        querystring: StockBatchQuery,
        response: { 200: z.object({ items: z.array(StockBatchRow) }), ...errors },
      },
    },
    async (request) => stock.listBatches(ctxOf(request), request.query),
  );

  app.post(
    "/api/v1/stock/adjustments",
    {
      config: { access: "stock.write" },
      schema: {
        tags,
        summary: "Correct stock with a reason: more goes into a batch, less comes out (never reserved stock)",
        body: StockAdjustmentRequest,
        response: { 201: StockRow, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await stock.adjustStock(ctxOf(request), request.body)),
  );

  app.post(
    "/api/v1/stock/counts",
    {
      config: { access: "stock.write" },
      schema: {
        tags,
        summary: "Record a physical count; the differences are appended as adjustments, all lines or none",
        body: StockCountRequest,
        response: { 201: StockCountResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await stock.countStock(ctxOf(request), request.body)),
  );

  const primaryTags = ["primary-orders"];
  const one = { 200: PrimaryOrderResponse, ...errors };

  app.get(
    "/api/v1/primary-orders",
    {
      config: { access: "primary.read" },
      schema: {
        tags: primaryTags,
        summary: "Primary orders of the distributors the caller sees, newest first",
        querystring: PrimaryOrderListQuery,
        response: { 200: Page(PrimaryOrderResponse), ...errors },
      },
    },
    async (request) => primary.listPrimaryOrders(ctxOf(request), request.query),
  );

  app.post(
    "/api/v1/primary-orders",
    {
      config: { access: "primary.write" },
      schema: {
        tags: primaryTags,
        summary: "A distributor's order from the company at the distributor price (draft, or submitted at once)",
        body: CreatePrimaryOrderRequest,
        response: { 201: PrimaryOrderResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await primary.createPrimaryOrder(ctxOf(request), request.body)),
  );

  app.get(
    "/api/v1/primary-orders/:id",
    {
      config: { access: "primary.read" },
      schema: { tags: primaryTags, summary: "One primary order with its lines", params: IdParams, response: one },
    },
    async (request) => primary.getPrimaryOrder(ctxOf(request), request.params.id),
  );

  const transition = (
    action: "submit" | "approve" | "reject" | "dispatch" | "cancel",
    access: "primary.write" | "primary.approve",
    summary: string,
  ) =>
    app.post(
      `/api/v1/primary-orders/:id/${action}`,
      {
        config: { access },
        schema: { tags: primaryTags, summary, params: IdParams, body: PrimaryDecisionRequest, response: one },
      },
      async (request) => primary.transitionPrimaryOrder(ctxOf(request), request.params.id, action, request.body.note),
    );
  transition("submit", "primary.write", "Send a draft to the company for approval");
  transition("approve", "primary.approve", "Approve a submitted order (the company; never the distributor)");
  transition("reject", "primary.approve", "Reject a submitted order, with a note for the distributor");
  transition("dispatch", "primary.approve", "Mark an approved order as dispatched from the company");
  transition("cancel", "primary.write", "Cancel an order that has not been dispatched");

  app.post(
    "/api/v1/primary-orders/:id/receive",
    {
      config: { access: "primary.write" },
      schema: {
        tags: primaryTags,
        summary: "Receive a dispatched order into stock, per line in batches with expiry; short is fine, more is not",
        params: IdParams,
        body: ReceivePrimaryOrderRequest,
        response: one,
      },
    },
    async (request) => primary.receivePrimaryOrder(ctxOf(request), request.params.id, request.body),
  );
}
