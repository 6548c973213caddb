import { z } from "zod";
import { ErrorResponse, IdParams, Page } from "../../shared/contracts/common.ts";
import {
  BulkOrderActionRequest,
  BulkOrderActionResponse,
  CancelOrderRequest,
  CreatePaymentRequest,
  CreateSecondaryOrderRequest,
  DeliverOrderRequest,
  DuesListQuery,
  DuesSummaryResponse,
  OrderDocumentResponse,
  OutletDuesResponse,
  PaymentListQuery,
  PaymentResponse,
  ReturnOrderRequest,
  SecondaryOrderListQuery,
  SecondaryOrderResponse,
  SecondaryOrderSummary,
  UpdateSecondaryOrderRequest,
} from "../../shared/contracts/orders.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as collections from "./collections.service.ts";
import * as orders from "./orders.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

export function ordersRoutes(app: App) {
  const tags = ["secondary-orders"];
  const one = { 200: SecondaryOrderResponse, ...errors };

  app.get(
    "/api/v1/secondary-orders",
    {
      config: { access: "orders.read" },
      schema: {
        tags,
        summary: "Memos the caller may see (territory subtree, own distributor or own outlet), newest first",
        querystring: SecondaryOrderListQuery,
        response: { 200: Page(SecondaryOrderSummary), ...errors },
      },
    },
    async (request) => orders.listSecondaryOrders(ctxOf(request), request.query),
  );

  app.get(
    "/api/v1/secondary-orders.csv",
    {
      config: { access: "orders.read" },
      schema: {
        tags,
        summary: "The memos the list's filters select, as CSV (UTF-8 with BOM)",
        querystring: SecondaryOrderListQuery,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .headers(csvDownloadHeaders("orders"))
        .send(await orders.exportSecondaryOrdersCsv(ctxOf(request), request.query)),
  );

  app.post(
    "/api/v1/secondary-orders",
    {
      config: { access: "orders.write" },
      schema: {
        tags,
        summary: "Take an order for an outlet (draft, or confirmed at once: stock is reserved or the order refused)",
        body: CreateSecondaryOrderRequest,
        response: { 201: SecondaryOrderResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await orders.createSecondaryOrder(ctxOf(request), request.body)),
  );

  app.get(
    "/api/v1/secondary-orders/:id",
    {
      config: { access: "orders.read" },
      schema: { tags, summary: "One memo with lines and history", params: IdParams, response: one },
    },
    async (request) => orders.getSecondaryOrder(ctxOf(request), request.params.id),
  );

  app.patch(
    "/api/v1/secondary-orders/:id",
    {
      config: { access: "orders.write" },
      schema: {
        tags,
        summary: "Change a draft memo",
        params: IdParams,
        body: UpdateSecondaryOrderRequest,
        response: one,
      },
    },
    async (request) => orders.updateDraft(ctxOf(request), request.params.id, request.body),
  );

  const transition = (
    path: string,
    summary: string,
    run: (ctx: ReturnType<typeof ctxOf>, id: string) => ReturnType<typeof orders.confirmOrder>,
  ) =>
    app.post(
      `/api/v1/secondary-orders/:id/${path}`,
      { config: { access: "orders.write" }, schema: { tags, summary, params: IdParams, response: one } },
      async (request) => run(ctxOf(request), request.params.id),
    );
  transition(
    "confirm",
    "Confirm a draft: reserves stock at the distributor, checks the outlet's credit",
    orders.confirmOrder,
  );
  transition("invoice", "Invoice a confirmed memo (takes the distributor's next invoice number)", orders.invoiceOrder);
  transition("dispatch", "Mark an invoiced memo as dispatched", orders.dispatchOrder);

  app.post(
    "/api/v1/secondary-orders/:id/deliver",
    {
      config: { access: "orders.write" },
      schema: {
        tags,
        summary: "Deliver: issues stock first-expiry-first, releases what was not delivered, raises the outlet's dues",
        params: IdParams,
        body: DeliverOrderRequest,
        response: one,
      },
    },
    async (request) => orders.deliverOrder(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/secondary-orders/:id/cancel",
    {
      config: { access: "orders.write" },
      schema: {
        tags,
        summary: "Cancel before dispatch; reservations are released",
        params: IdParams,
        body: CancelOrderRequest,
        response: one,
      },
    },
    async (request) => orders.cancelOrder(ctxOf(request), request.params.id, request.body.reason),
  );

  app.post(
    "/api/v1/secondary-orders/:id/returns",
    {
      config: { access: "orders.write" },
      schema: {
        tags,
        summary: "Take goods back after delivery (saleable to stock, damaged apart); the outlet's dues fall",
        params: IdParams,
        body: ReturnOrderRequest,
        response: one,
      },
    },
    async (request) => orders.returnOrder(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/secondary-orders/bulk",
    {
      config: { access: "orders.fulfil" },
      schema: {
        tags,
        summary: "Confirm, invoice, dispatch or deliver many memos; each succeeds or fails on its own",
        body: BulkOrderActionRequest,
        response: { 200: BulkOrderActionResponse, ...errors },
      },
    },
    async (request) => orders.bulkAction(ctxOf(request), request.body),
  );

  app.get(
    "/api/v1/secondary-orders/:id/document",
    {
      config: { access: "orders.read" },
      schema: {
        tags,
        summary: "What a printed memo, challan or Mushak-6.3 VAT invoice shows",
        params: IdParams,
        response: { 200: OrderDocumentResponse, ...errors },
      },
    },
    async (request) => orders.orderDocument(ctxOf(request), request.params.id),
  );

  const payTags = ["collections"];
  app.get(
    "/api/v1/payments",
    {
      config: { access: "payments.read" },
      schema: {
        tags: payTags,
        summary: "Payments received from outlets, newest first",
        querystring: PaymentListQuery,
        response: { 200: Page(PaymentResponse), ...errors },
      },
    },
    async (request) => collections.listPayments(ctxOf(request), request.query),
  );
  app.post(
    "/api/v1/payments",
    {
      config: { access: "payments.write" },
      schema: {
        tags: payTags,
        summary:
          "Record a payment (cash, cheque, bKash / Nagad / Rocket with its transaction reference, bank); the outlet's dues fall",
        body: CreatePaymentRequest,
        response: { 201: PaymentResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await collections.recordPayment(ctxOf(request), request.body)),
  );
  app.get(
    "/api/v1/outlets/:id/dues",
    {
      config: { access: "payments.read" },
      schema: {
        tags: payTags,
        summary: "An outlet's dues: balance, credit left, ageing and ledger",
        params: IdParams,
        response: { 200: OutletDuesResponse, ...errors },
      },
    },
    async (request) => collections.outletDues(ctxOf(request), request.params.id),
  );
  app.get(
    "/api/v1/dues.csv",
    {
      config: { access: "payments.read" },
      schema: {
        tags: payTags,
        summary: "The dues list as CSV (UTF-8 with BOM)",
        querystring: DuesListQuery,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply.headers(csvDownloadHeaders("dues")).send(await collections.exportDuesCsv(ctxOf(request), request.query)),
  );
  app.get(
    "/api/v1/dues",
    {
      config: { access: "payments.read" },
      schema: {
        tags: payTags,
        summary: "Outstanding dues per outlet and distributor with ageing (days past due)",
        querystring: DuesListQuery,
        response: { 200: DuesSummaryResponse, ...errors },
      },
    },
    async (request) => collections.listDues(ctxOf(request), request.query),
  );
}
