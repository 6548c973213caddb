// HTTP edge of the distribution network: territory administration, distributors, outlets, assignments.
import { z } from "zod";
import { ErrorResponse, IdParams } from "../../shared/contracts/common.ts";
import {
  AdminTerritoryResponse,
  AssignOutletRequest,
  AssignRepRequest,
  CreateDistributorRequest,
  CreateOutletRequest,
  CreateTerritoryRequest,
  CsvImportRequest,
  DistributorDetailResponse,
  DistributorExportQuery,
  DistributorListQuery,
  DistributorResponse,
  ImportResult,
  MoveTerritoryRequest,
  OutletDetailResponse,
  OutletExportQuery,
  OutletListQuery,
  OutletMapQuery,
  OutletMapResponse,
  OutletResponse,
  RouteAssignmentsResponse,
  TimelineQuery,
  TimelineResponse,
  UpdateDistributorRequest,
  UpdateOutletRequest,
  UpdateTerritoryRequest,
} from "../../shared/contracts/network.ts";
import { csvDownloadHeaders } from "../platform/csv.ts";
import { type App, ctxOf } from "../platform/http.ts";
import * as distributors from "./distributors.service.ts";
import * as outlets from "./outlets.service.ts";
import * as territories from "./territory-admin.service.ts";

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function networkRoutes(app: App, options: { mapTiles: OutletMapResponse["tiles"] }) {
  // Imports take the file as it is (Content-Type: text/csv) as well as JSON {csv}.
  if (!app.hasContentTypeParser("text/csv"))
    app.addContentTypeParser("text/csv", { parseAs: "string" }, (_request, body, done) => done(null, { csv: body }));

  const territoryTags = ["territories"];
  app.post(
    "/api/v1/territories",
    {
      config: { access: "network.write" },
      schema: {
        tags: territoryTags,
        summary: "Add a territory under a parent; its level must be the one below the parent's",
        body: CreateTerritoryRequest,
        response: { 201: AdminTerritoryResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await territories.createTerritory(ctxOf(request), request.body)),
  );

  app.patch(
    "/api/v1/territories/:id",
    {
      config: { access: "network.write" },
      schema: {
        tags: territoryTags,
        summary: "Rename a territory (English, Bengali) or change its code",
        params: IdParams,
        body: UpdateTerritoryRequest,
        response: { 200: AdminTerritoryResponse, ...errors },
      },
    },
    async (request) => territories.updateTerritory(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/territories/:id/move",
    {
      config: { access: "network.write" },
      schema: {
        tags: territoryTags,
        summary: "Move a territory with its whole subtree under a new parent (never under itself)",
        params: IdParams,
        body: MoveTerritoryRequest,
        response: { 200: AdminTerritoryResponse, ...errors },
      },
    },
    async (request) => territories.moveTerritory(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/territories/:id/archive",
    {
      config: { access: "network.write" },
      schema: {
        tags: territoryTags,
        summary: "Archive a territory that has no active sub-territories, outlets or distributors",
        params: IdParams,
        response: { 200: AdminTerritoryResponse, ...errors },
      },
    },
    async (request) => territories.archiveTerritory(ctxOf(request), request.params.id),
  );

  app.post(
    "/api/v1/territories/import",
    {
      config: { access: "network.write" },
      schema: {
        tags: territoryTags,
        summary:
          "Import territories from CSV (code,name,name_bn,level,parent_code): all rows or none; 422 lists every row's problem",
        body: CsvImportRequest,
        response: { 200: ImportResult, ...errors },
      },
    },
    async (request) => territories.importTerritories(ctxOf(request), request.body),
  );

  const distributorTags = ["distributors"];
  app.get(
    "/api/v1/distributors",
    {
      config: { access: "network.read" },
      schema: {
        tags: distributorTags,
        summary: "Distributors the caller may see: search, territory subtree, status, sort, cursor",
        querystring: DistributorListQuery,
        response: { 200: page(DistributorResponse), ...errors },
      },
    },
    async (request) => distributors.listDistributors(ctxOf(request), request.query),
  );

  app.get(
    "/api/v1/distributors.csv",
    {
      config: { access: "network.read" },
      schema: {
        tags: distributorTags,
        summary: "The distributor list as CSV (UTF-8 with BOM), same filters as the list",
        querystring: DistributorExportQuery,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .headers(csvDownloadHeaders("distributors"))
        .send(await distributors.exportDistributorsCsv(ctxOf(request), request.query)),
  );

  app.get(
    "/api/v1/distributors/:id",
    {
      config: { access: "network.read" },
      schema: {
        tags: distributorTags,
        summary: "One distributor with its coverage and number of active outlets",
        params: IdParams,
        response: { 200: DistributorDetailResponse, ...errors },
      },
    },
    async (request) => distributors.getDistributor(ctxOf(request), request.params.id),
  );

  app.post(
    "/api/v1/distributors",
    {
      config: { access: "network.write" },
      schema: {
        tags: distributorTags,
        summary: "Add a distributor",
        body: CreateDistributorRequest,
        response: { 201: DistributorResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await distributors.createDistributor(ctxOf(request), request.body)),
  );

  app.patch(
    "/api/v1/distributors/:id",
    {
      config: { access: "network.write" },
      schema: {
        tags: distributorTags,
        summary: "Change a distributor's details, territory, coverage or credit terms",
        params: IdParams,
        body: UpdateDistributorRequest,
        response: { 200: DistributorResponse, ...errors },
      },
    },
    async (request) => distributors.updateDistributor(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/distributors/:id/archive",
    {
      config: { access: "network.write" },
      schema: {
        tags: distributorTags,
        summary: "Archive a distributor that serves no active outlet",
        params: IdParams,
        response: { 200: DistributorResponse, ...errors },
      },
    },
    async (request) => distributors.archiveDistributor(ctxOf(request), request.params.id),
  );

  const outletTags = ["outlets"];
  app.get(
    "/api/v1/outlets",
    {
      config: { access: "network.read" },
      schema: {
        tags: outletTags,
        summary: "Outlets the caller may see: phonetic search in Bengali or English, filters, sort, cursor",
        querystring: OutletListQuery,
        response: { 200: page(OutletResponse), ...errors },
      },
    },
    async (request) => outlets.listOutlets(ctxOf(request), request.query),
  );

  app.get(
    "/api/v1/outlets.csv",
    {
      config: { access: "network.read" },
      schema: {
        tags: outletTags,
        summary: "The outlet list as CSV (UTF-8 with BOM) in the import's columns, same filters as the list",
        querystring: OutletExportQuery,
        produces: ["text/csv"],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply.headers(csvDownloadHeaders("outlets")).send(await outlets.exportOutletsCsv(ctxOf(request), request.query)),
  );

  app.get(
    "/api/v1/outlets/map",
    {
      config: { access: "network.read" },
      schema: {
        tags: outletTags,
        summary: "Located outlets as light map points (at most 5,000; truncated says when there were more)",
        querystring: OutletMapQuery,
        response: { 200: OutletMapResponse, ...errors },
      },
    },
    async (request) => ({ ...(await outlets.outletMap(ctxOf(request), request.query)), tiles: options.mapTiles }),
  );

  app.post(
    "/api/v1/outlets/import",
    {
      config: { access: "network.write" },
      schema: {
        tags: outletTags,
        summary:
          "Import outlets from CSV (code,name,name_bn,owner_name,phone,address,division,district,upazila,lat,lng,channel,class,credit_limit_taka,distributor_code,route_code): all or none",
        body: CsvImportRequest,
        response: { 200: ImportResult, ...errors },
      },
    },
    async (request) => outlets.importOutlets(ctxOf(request), request.body),
  );

  app.get(
    "/api/v1/outlets/:id",
    {
      config: { access: "network.read" },
      schema: {
        tags: outletTags,
        summary: "One outlet with its current distributor and route and its assignment history",
        params: IdParams,
        response: { 200: OutletDetailResponse, ...errors },
      },
    },
    async (request) => outlets.getOutlet(ctxOf(request), request.params.id),
  );

  app.post(
    "/api/v1/outlets",
    {
      config: { access: "network.write" },
      schema: {
        tags: outletTags,
        summary: "Add an outlet; a distributor given here is its assignment from today",
        body: CreateOutletRequest,
        response: { 201: OutletResponse, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await outlets.createOutlet(ctxOf(request), request.body)),
  );

  app.patch(
    "/api/v1/outlets/:id",
    {
      config: { access: "network.write" },
      schema: {
        tags: outletTags,
        summary: "Change an outlet's details (its distributor and route change through /assign)",
        params: IdParams,
        body: UpdateOutletRequest,
        response: { 200: OutletResponse, ...errors },
      },
    },
    async (request) => outlets.updateOutlet(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/outlets/:id/archive",
    {
      config: { access: "network.write" },
      schema: {
        tags: outletTags,
        summary: "Archive an outlet",
        params: IdParams,
        response: { 200: OutletResponse, ...errors },
      },
    },
    async (request) => outlets.archiveOutlet(ctxOf(request), request.params.id),
  );

  app.post(
    "/api/v1/outlets/:id/assign",
    {
      config: { access: "network.write" },
      schema: {
        tags: outletTags,
        summary:
          "Reassign an outlet to a distributor and route from a date; in force at once when the date is today or past",
        params: IdParams,
        body: AssignOutletRequest,
        response: { 200: OutletDetailResponse, ...errors },
      },
    },
    async (request) => outlets.assignOutlet(ctxOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/v1/outlets/:id/timeline",
    {
      config: { access: "network.read" },
      schema: {
        tags: outletTags,
        summary: "What happened to an outlet, newest first",
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: TimelineResponse, ...errors },
      },
    },
    async (request) => outlets.outletTimeline(ctxOf(request), request.params.id, request.query.limit),
  );

  const routeTags = ["routes"];
  app.get(
    "/api/v1/routes/:id/reps",
    {
      config: { access: "network.read" },
      schema: {
        tags: routeTags,
        summary: "Who served a route (beat) from which day, newest first",
        params: IdParams,
        response: { 200: RouteAssignmentsResponse, ...errors },
      },
    },
    async (request) => outlets.listRouteReps(ctxOf(request), request.params.id),
  );

  app.post(
    "/api/v1/routes/:id/assign-rep",
    {
      config: { access: "network.write" },
      schema: {
        tags: routeTags,
        summary: "Give a route (beat) to a rep from a date",
        params: IdParams,
        body: AssignRepRequest,
        response: { 200: RouteAssignmentsResponse, ...errors },
      },
    },
    async (request) => outlets.assignRepToRoute(ctxOf(request), request.params.id, request.body),
  );
}
