// The distribution network (S1): territory administration, distributors, outlets and their dated
// assignments. Shared by the server (validation, OpenAPI) and the web app (types, forms).
import { z } from "zod";
import { BdPhone } from "../bd-phone.ts";
import { IsoDate, PageQuery } from "./common.ts";
import { TerritoryLevel } from "./platform.ts";

export const CHANNELS = ["grocery", "pharmacy", "confectionery", "wholesale", "cosmetics", "horeca", "other"] as const;
export const OUTLET_CLASSES = ["A", "B", "C"] as const;
export const OUTLET_STATUSES = ["active", "pending", "archived"] as const;
export const TERRITORY_LEVELS = ["national", "region", "area", "territory", "route"] as const;

export const Channel = z.enum(CHANNELS);
export const OutletClass = z.enum(OUTLET_CLASSES);
export const OutletStatus = z.enum(OUTLET_STATUSES);
export type Channel = z.infer<typeof Channel>;
export type OutletClass = z.infer<typeof OutletClass>;

const Code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, '.', '_' or '-' only|শুধু অক্ষর, অঙ্ক, '.', '_' বা '-'");
const Name = z.string().trim().min(1).max(160);
const NameBn = z.string().trim().min(1).max(160);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** A business date, YYYY-MM-DD (Asia/Dhaka). */
export const BusinessDate = IsoDate;
const Poisha = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// --- territories (administration; reading is in contracts/platform.ts)

export const CreateTerritoryRequest = z.strictObject({
  /** Null only for a new root (level national), which only an admin may add. */
  parentId: z.uuid().nullable(),
  level: TerritoryLevel,
  code: Code,
  name: Name,
  nameBn: NameBn,
});

export const UpdateTerritoryRequest = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  nameBn: NameBn.optional(),
});

export const MoveTerritoryRequest = z.strictObject({ parentId: z.uuid() });

/** A CSV file as JSON {csv}; a raw text/csv body arrives here in the same shape (see network.routes.ts). */
export const CsvImportRequest = z.strictObject({ csv: z.string().max(5_000_000) });

export const ImportRowError = z.object({
  /** The spreadsheet row (the header is row 1). */
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportResult = z.object({ imported: z.number().int() });

export const AdminTerritoryResponse = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: TerritoryLevel,
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  path: z.string(),
  archived: z.boolean(),
});

// --- distributors

export const DistributorSort = z.enum(["name", "code", "created"]);

export const DistributorListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  /** Home or coverage territory inside this territory's subtree. */
  territoryId: z.uuid().optional(),
  status: z.enum(["active", "archived", "all"]).default("active"),
  sort: DistributorSort.default("name"),
});

export const DistributorExportQuery = DistributorListQuery.omit({ cursor: true, limit: true });

const DistributorFields = {
  code: Code,
  name: Name,
  nameBn: NameBn,
  tradeLicence: OptionalText(60),
  /** Business Identification Number (VAT registration): 9 or 13 digits. */
  bin: z
    .string()
    .trim()
    .regex(/^(\d{9}|\d{13}|\d{9}-\d{4})$/, "A BIN has 9 or 13 digits|BIN-এ ৯ বা ১৩টি অঙ্ক থাকে")
    .nullable()
    .optional(),
  ownerName: Name,
  phone: BdPhone,
  email: z.email().max(200).nullable().optional(),
  address: z.string().trim().min(1).max(500),
  territoryId: z.uuid(),
  coverageTerritoryIds: z.array(z.uuid()).max(200).default([]),
  creditLimitPoisha: Poisha.nullable().optional(),
  creditDays: z.number().int().min(0).max(365).default(0),
};

export const CreateDistributorRequest = z.strictObject(DistributorFields);

export const UpdateDistributorRequest = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  nameBn: NameBn.optional(),
  tradeLicence: DistributorFields.tradeLicence,
  bin: DistributorFields.bin,
  ownerName: Name.optional(),
  phone: BdPhone.optional(),
  email: DistributorFields.email,
  address: z.string().trim().min(1).max(500).optional(),
  territoryId: z.uuid().optional(),
  coverageTerritoryIds: z.array(z.uuid()).max(200).optional(),
  creditLimitPoisha: Poisha.nullable().optional(),
  creditDays: z.number().int().min(0).max(365).optional(),
});

export const TerritoryRef = z.object({
  id: z.uuid(),
  level: TerritoryLevel,
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
});

export const DistributorResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  tradeLicence: z.string().nullable(),
  bin: z.string().nullable(),
  ownerName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  address: z.string(),
  territory: TerritoryRef,
  coverage: z.array(TerritoryRef),
  creditLimitPoisha: z.number().int().nullable(),
  creditDays: z.number().int(),
  status: z.enum(["active", "archived"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DistributorDetailResponse = DistributorResponse.extend({
  outletCount: z.number().int(),
});

// --- outlets

export const OutletSort = z.enum(["name", "code", "created"]);

export const OutletListQuery = PageQuery.extend({
  q: z.string().trim().max(120).optional(),
  channel: Channel.optional(),
  class: OutletClass.optional(),
  distributorId: z.uuid().optional(),
  /** The outlet's route lies in this territory's subtree (a route itself, or any level above). */
  territoryId: z.uuid().optional(),
  status: z.enum(["active", "pending", "archived", "all"]).default("active"),
  sort: OutletSort.default("name"),
});

export const OutletExportQuery = OutletListQuery.omit({ cursor: true, limit: true });

const Lat = z.number().min(-90).max(90);
const Lng = z.number().min(-180).max(180);

export const CreateOutletRequest = z.strictObject({
  code: Code,
  name: Name,
  nameBn: NameBn,
  ownerName: Name,
  phone: BdPhone.nullable().optional(),
  address: z.string().trim().max(500).default(""),
  division: OptionalText(80),
  district: OptionalText(80),
  upazila: OptionalText(80),
  lat: Lat.nullable().optional(),
  lng: Lng.nullable().optional(),
  channel: Channel,
  class: OutletClass.default("C"),
  creditLimitPoisha: Poisha.nullable().optional(),
  /** The first assignment, in force from today. */
  distributorId: z.uuid().nullable().optional(),
  routeId: z.uuid().nullable().optional(),
  status: z.enum(["active", "pending"]).default("active"),
});

export const UpdateOutletRequest = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  nameBn: NameBn.optional(),
  ownerName: Name.optional(),
  phone: BdPhone.nullable().optional(),
  address: z.string().trim().max(500).optional(),
  division: OptionalText(80),
  district: OptionalText(80),
  upazila: OptionalText(80),
  lat: Lat.nullable().optional(),
  lng: Lng.nullable().optional(),
  channel: Channel.optional(),
  class: OutletClass.optional(),
  creditLimitPoisha: Poisha.nullable().optional(),
  status: z.enum(["active", "pending"]).optional(),
});

export const OutletResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameBn: z.string(),
  ownerName: z.string(),
  phone: z.string().nullable(),
  address: z.string(),
  division: z.string().nullable(),
  district: z.string().nullable(),
  upazila: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  channel: Channel,
  class: OutletClass,
  creditLimitPoisha: z.number().int().nullable(),
  distributorId: z.uuid().nullable(),
  distributorName: z.string().nullable(),
  distributorNameBn: z.string().nullable(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  routeNameBn: z.string().nullable(),
  status: OutletStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const OutletAssignmentResponse = z.object({
  id: z.uuid(),
  distributorId: z.uuid(),
  distributorName: z.string(),
  distributorNameBn: z.string(),
  routeId: z.uuid().nullable(),
  routeName: z.string().nullable(),
  routeNameBn: z.string().nullable(),
  effectiveFrom: z.string(),
  /** True once the date has come (Asia/Dhaka): the outlet's current distributor and route follow it. */
  inForce: z.boolean(),
  createdAt: z.string(),
});

export const OutletDetailResponse = OutletResponse.extend({
  assignments: z.array(OutletAssignmentResponse),
});

export const AssignOutletRequest = z.strictObject({
  distributorId: z.uuid(),
  routeId: z.uuid().nullable().optional(),
  effectiveFrom: BusinessDate,
});

export const OutletMapQuery = z.strictObject({
  /** minLng,minLat,maxLng,maxLat */
  bbox: z
    .string()
    .regex(
      /^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/,
      "bbox is minLng,minLat,maxLng,maxLat|bbox হবে minLng,minLat,maxLng,maxLat",
    )
    .optional(),
  territoryId: z.uuid().optional(),
  distributorId: z.uuid().optional(),
  channel: Channel.optional(),
  q: z.string().trim().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(5000),
});

export const OutletMapPoint = z.object({
  id: z.uuid(),
  name: z.string(),
  nameBn: z.string(),
  lat: z.number(),
  lng: z.number(),
  channel: Channel,
  class: OutletClass,
});

export const OutletMapResponse = z.object({
  items: z.array(OutletMapPoint),
  truncated: z.boolean(),
  /** The background tiles the server is configured with (MAP_TILE_URL); null when there are none. */
  tiles: z.object({ url: z.string(), attribution: z.string() }).nullable(),
});

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const TimelineQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(100) });
export const TimelineResponse = z.object({ items: z.array(TimelineEntry) });

// --- route (beat) owners

export const AssignRepRequest = z.strictObject({ repUserId: z.uuid(), effectiveFrom: BusinessDate });

export const RouteAssignmentResponse = z.object({
  id: z.uuid(),
  routeId: z.uuid(),
  repUserId: z.uuid(),
  repName: z.string(),
  effectiveFrom: z.string(),
  createdAt: z.string(),
});

export const RouteAssignmentsResponse = z.object({ items: z.array(RouteAssignmentResponse) });

export type CreateTerritoryRequest = z.infer<typeof CreateTerritoryRequest>;
export type UpdateTerritoryRequest = z.infer<typeof UpdateTerritoryRequest>;
export type AdminTerritoryResponse = z.infer<typeof AdminTerritoryResponse>;
export type DistributorListQuery = z.infer<typeof DistributorListQuery>;
export type DistributorExportQuery = z.infer<typeof DistributorExportQuery>;
export type CreateDistributorRequest = z.infer<typeof CreateDistributorRequest>;
export type UpdateDistributorRequest = z.infer<typeof UpdateDistributorRequest>;
export type DistributorResponse = z.infer<typeof DistributorResponse>;
export type DistributorDetailResponse = z.infer<typeof DistributorDetailResponse>;
export type OutletListQuery = z.infer<typeof OutletListQuery>;
export type OutletExportQuery = z.infer<typeof OutletExportQuery>;
export type CreateOutletRequest = z.infer<typeof CreateOutletRequest>;
export type UpdateOutletRequest = z.infer<typeof UpdateOutletRequest>;
export type OutletResponse = z.infer<typeof OutletResponse>;
export type OutletDetailResponse = z.infer<typeof OutletDetailResponse>;
export type OutletAssignmentResponse = z.infer<typeof OutletAssignmentResponse>;
export type AssignOutletRequest = z.infer<typeof AssignOutletRequest>;
export type OutletMapQuery = z.infer<typeof OutletMapQuery>;
export type OutletMapPoint = z.infer<typeof OutletMapPoint>;
export type OutletMapResponse = z.infer<typeof OutletMapResponse>;
export type MapTiles = NonNullable<OutletMapResponse["tiles"]>;
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type AssignRepRequest = z.infer<typeof AssignRepRequest>;
export type RouteAssignmentResponse = z.infer<typeof RouteAssignmentResponse>;
