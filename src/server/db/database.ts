// Row types of every table, as Kysely sees them. Keep in step with migrations/.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type Role = "admin" | "manager" | "rep" | "distributor" | "retailer" | "marketing" | "service" | "driver";
export type Locale = "bn" | "en";
export type TerritoryLevel = "national" | "region" | "area" | "territory" | "route";

export interface OrgsTable {
  id: string;
  slug: string;
  name: string;
  name_bn: string | null;
  default_locale: ColumnType<Locale, Locale | undefined, Locale>;
  created_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface TerritoriesTable {
  org_id: string;
  id: string;
  parent_id: string | null;
  level: TerritoryLevel;
  code: string;
  name: string;
  name_bn: string;
  path: string;
  created_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface UsersTable {
  org_id: string;
  id: string;
  email: string;
  name: string;
  phone: string | null;
  role: Role;
  territory_id: string | null;
  distributor_id: string | null;
  outlet_id: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  bengali_digits: Generated<boolean>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  invite_token_hash: string | null;
  invite_expires_at: Timestamp | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  deactivated_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface SessionsTable {
  org_id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  org_id: string;
  id: string;
  at: DefaultedTimestamp;
  actor_user_id: string | null;
  actor_kind: "user" | "token" | "system";
  entity: string;
  entity_id: string | null;
  action: string;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
}

export interface IdempotencyKeysTable {
  org_id: string;
  caller_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  content_type: string | null;
  /** When the key was claimed (or taken over). */
  created_at: DefaultedTimestamp;
  /** Who holds the claim; a takeover replaces it, so a superseded request cannot commit. */
  claim_token: string | null;
  /** Set inside the business transaction: the request's work committed. */
  committed_at: Date | null;
}

export interface NotificationsTable {
  org_id: string;
  id: string;
  user_id: string;
  kind: string;
  title_bn: string;
  title_en: string;
  body_bn: string | null;
  body_en: string | null;
  link: string | null;
  created_at: DefaultedTimestamp;
  read_at: Timestamp | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: DefaultedTimestamp;
}

// --- network

export type Channel = "grocery" | "pharmacy" | "confectionery" | "wholesale" | "cosmetics" | "horeca" | "other";
export type OutletClass = "A" | "B" | "C";
type Money = ColumnType<number, number | bigint, number | bigint>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type DefaultedMoney = ColumnType<number, number | bigint | undefined, number | bigint>;

export interface DistributorsTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_bn: string;
  trade_licence: string | null;
  bin: string | null;
  owner_name: string;
  phone: string;
  email: string | null;
  address: string;
  territory_id: string;
  credit_limit_poisha: Money | null;
  credit_days: Defaulted<number>;
  search_text: Defaulted<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface DistributorTerritoriesTable {
  org_id: string;
  distributor_id: string;
  territory_id: string;
}

export interface OutletsTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_bn: string;
  owner_name: string;
  phone: string | null;
  address: Defaulted<string>;
  division: string | null;
  district: string | null;
  upazila: string | null;
  lat: number | null;
  lng: number | null;
  channel: Channel;
  class: Defaulted<OutletClass>;
  credit_limit_poisha: Money | null;
  distributor_id: string | null;
  route_id: string | null;
  status: Defaulted<"active" | "pending" | "archived">;
  search_text: Defaulted<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface OutletAssignmentsTable {
  org_id: string;
  id: string;
  outlet_id: string;
  distributor_id: string;
  route_id: string | null;
  effective_from: string;
  created_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface RouteAssignmentsTable {
  org_id: string;
  id: string;
  route_id: string;
  rep_user_id: string;
  effective_from: string;
  created_by: string | null;
  created_at: DefaultedTimestamp;
}

// --- catalog

export interface BrandsTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_bn: string;
  created_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface CategoriesTable {
  org_id: string;
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_bn: string;
  created_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface SkusTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_bn: string;
  brand_id: string;
  category_id: string;
  barcode: string | null;
  base_unit: Defaulted<string>;
  vat_rate_bp: Defaulted<number>;
  sell_by_unit: string | null;
  weight_g: ColumnType<number | null, number | null | undefined, number | null>;
  volume_cm3: ColumnType<number | null, number | null | undefined, number | null>;
  search_text: Defaulted<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface SkuUnitsTable {
  org_id: string;
  sku_id: string;
  unit: string;
  name: string;
  name_bn: string;
  factor: number;
}

export interface PriceListsTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_bn: string;
  channel: Channel | null;
  tier: OutletClass | null;
  territory_id: string | null;
  distributor_id: string | null;
  valid_from: string;
  valid_to: string | null;
  prices_include_vat: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface PriceListItemsTable {
  org_id: string;
  price_list_id: string;
  sku_id: string;
  mrp_poisha: Money;
  retailer_price_poisha: Money | null;
  retailer_margin_bp: number | null;
  distributor_price_poisha: Money | null;
  distributor_margin_bp: number | null;
}

// --- stock and orders

export type StockMovementKind =
  | "opening"
  | "receipt"
  | "reservation"
  | "release"
  | "issue"
  | "return"
  | "adjustment"
  | "transfer_in"
  | "transfer_out";
export type SecondaryOrderStatus =
  | "draft"
  | "confirmed"
  | "invoiced"
  | "dispatched"
  | "delivered"
  | "partially_delivered"
  | "cancelled"
  | "returned";
export type PrimaryOrderStatus =
  | "draft"
  | "submitted"
  | "approved"
  | "rejected"
  | "dispatched"
  | "received"
  | "cancelled";
export type PaymentMethod = "cash" | "cheque" | "bkash" | "nagad" | "rocket" | "bank";

export interface DocumentCountersTable {
  org_id: string;
  series: string;
  next_value: number;
}

export interface StockBatchesTable {
  org_id: string;
  id: string;
  distributor_id: string;
  sku_id: string;
  batch_no: string;
  expiry_date: string | null;
  created_at: DefaultedTimestamp;
}

export interface StockMovementsTable {
  org_id: string;
  id: string;
  distributor_id: string;
  sku_id: string;
  batch_id: string | null;
  kind: StockMovementKind;
  on_hand_delta: Defaulted<number>;
  reserved_delta: Defaulted<number>;
  damaged_delta: Defaulted<number>;
  reason: string | null;
  ref_type: string | null;
  ref_id: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface StockBalancesTable {
  org_id: string;
  distributor_id: string;
  sku_id: string;
  on_hand: Defaulted<number>;
  reserved: Defaulted<number>;
  damaged: Defaulted<number>;
  updated_at: DefaultedTimestamp;
}

export interface StockBatchBalancesTable {
  org_id: string;
  batch_id: string;
  distributor_id: string;
  sku_id: string;
  on_hand: Defaulted<number>;
  damaged: Defaulted<number>;
}

export interface StockCountsTable {
  org_id: string;
  id: string;
  distributor_id: string;
  reason: string;
  created_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface StockCountLinesTable {
  org_id: string;
  count_id: string;
  line_no: number;
  sku_id: string;
  batch_id: string | null;
  system_qty: number;
  counted_qty: number;
}

export interface SecondaryOrdersTable {
  org_id: string;
  id: string;
  number: string;
  outlet_id: string;
  distributor_id: string;
  route_id: string | null;
  territory_path: string;
  rep_user_id: string | null;
  created_by: string | null;
  source: "rep" | "portal" | "retailer" | "api" | "admin";
  status: SecondaryOrderStatus;
  order_date: string;
  requested_delivery_date: string | null;
  price_list_id: string | null;
  subtotal_poisha: DefaultedMoney;
  discount_poisha: DefaultedMoney;
  vat_poisha: DefaultedMoney;
  total_poisha: DefaultedMoney;
  delivered_total_poisha: DefaultedMoney;
  returned_total_poisha: DefaultedMoney;
  line_count: Defaulted<number>;
  note: string | null;
  cancel_reason: string | null;
  invoice_number: string | null;
  confirmed_at: Timestamp | null;
  invoiced_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  delivered_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface SecondaryOrderLinesTable {
  org_id: string;
  order_id: string;
  line_no: number;
  sku_id: string;
  entered_qty: number;
  entered_unit: string;
  qty: number;
  unit_price_poisha: Money;
  gross_poisha: Money;
  discount_poisha: DefaultedMoney;
  vat_rate_bp: number;
  vat_poisha: Money;
  total_poisha: Money;
  delivered_qty: Defaulted<number>;
  returned_qty: Defaulted<number>;
  adjustments: Json;
  free_of_scheme_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SecondaryOrderEventsTable {
  org_id: string;
  id: string;
  order_id: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string | null;
  note: string | null;
  at: DefaultedTimestamp;
}

export interface OrderReturnsTable {
  org_id: string;
  id: string;
  number: string;
  order_id: string;
  reason: string;
  total_poisha: Money;
  created_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface OrderReturnLinesTable {
  org_id: string;
  return_id: string;
  line_no: number;
  sku_id: string;
  qty: number;
  condition: "saleable" | "damaged";
  amount_poisha: Money;
}

export interface ReceivableEntriesTable {
  org_id: string;
  id: string;
  outlet_id: string;
  distributor_id: string;
  order_id: string | null;
  payment_id: string | null;
  return_id: string | null;
  kind: "invoice" | "payment" | "return" | "adjustment" | "reversal";
  amount_poisha: Money;
  entry_date: string;
  due_date: string | null;
  created_at: DefaultedTimestamp;
}

export interface PaymentsTable {
  org_id: string;
  id: string;
  number: string;
  outlet_id: string;
  distributor_id: string;
  order_id: string | null;
  method: PaymentMethod;
  reference: string | null;
  amount_poisha: Money;
  received_on: string;
  received_by: string | null;
  status: Defaulted<"received" | "bounced">;
  note: string | null;
  created_at: DefaultedTimestamp;
}

export interface PrimaryOrdersTable {
  org_id: string;
  id: string;
  number: string;
  distributor_id: string;
  status: PrimaryOrderStatus;
  order_date: string;
  subtotal_poisha: DefaultedMoney;
  discount_poisha: DefaultedMoney;
  vat_poisha: DefaultedMoney;
  total_poisha: DefaultedMoney;
  line_count: Defaulted<number>;
  note: string | null;
  decision_note: string | null;
  created_by: string | null;
  approved_by: string | null;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  received_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface PrimaryOrderLinesTable {
  org_id: string;
  order_id: string;
  line_no: number;
  sku_id: string;
  entered_qty: number;
  entered_unit: string;
  qty: number;
  unit_price_poisha: Money;
  gross_poisha: Money;
  vat_rate_bp: number;
  vat_poisha: Money;
  total_poisha: Money;
  received_qty: Defaulted<number>;
  discount_poisha: DefaultedMoney;
  adjustments: ColumnType<unknown, string | null | undefined, string | null>;
  free_of_scheme_id: ColumnType<string | null, string | null | undefined, string | null>;
}

// --- webhooks

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed" | "dead";

export interface WebhookEndpointsTable {
  org_id: string;
  id: string;
  url: string;
  description: string | null;
  events: string[];
  secret_sealed: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  secret_rotated_at: Timestamp | null;
  archived_at: Timestamp | null;
}

export interface WebhookDeliveriesTable {
  org_id: string;
  id: string;
  endpoint_id: string;
  event: string;
  event_id: string;
  payload: Json;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: DefaultedTimestamp;
  delivered_at: Timestamp | null;
}

// --- two-step sign-in (users module)

export interface UserTotpTable {
  org_id: string;
  user_id: string;
  secret_ciphertext: string;
  enabled_at: Timestamp | null;
  last_used_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: DefaultedTimestamp;
}

export interface UserRecoveryCodesTable {
  org_id: string;
  user_id: string;
  code_hash: string;
  created_at: DefaultedTimestamp;
  used_at: Timestamp | null;
}

export interface OrgMfaRequiredRolesTable {
  org_id: string;
  role: Role;
  created_at: DefaultedTimestamp;
}

export interface MfaChallengesTable {
  org_id: string;
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: DefaultedTimestamp;
}

// --- field force (field module)

export interface FieldSettingsTable {
  org_id: string;
  check_in_radius_m: ColumnType<number, number | undefined, number>;
  updated_at: DefaultedTimestamp;
}

export interface NoOrderReasonsTable {
  org_id: string;
  code: string;
  label_en: string;
  label_bn: string;
  position: ColumnType<number, number | undefined, number>;
  archived_at: Timestamp | null;
}

export interface MustSellSkusTable {
  org_id: string;
  sku_id: string;
  created_at: DefaultedTimestamp;
}

export interface BeatDaysTable {
  org_id: string;
  route_id: string;
  weekday: number;
}

export interface BeatStopsTable {
  org_id: string;
  route_id: string;
  outlet_id: string;
  position: number;
  updated_at: DefaultedTimestamp;
}

export interface AttendanceDaysTable {
  org_id: string;
  id: string;
  user_id: string;
  work_date: string;
  started_at: Timestamp;
  start_lat: number | null;
  start_lng: number | null;
  start_accuracy_m: number | null;
  ended_at: Timestamp | null;
  end_lat: number | null;
  end_lng: number | null;
  end_accuracy_m: number | null;
}

export type VisitOutcome = "order" | "no_order";

export interface VisitsTable {
  org_id: string;
  id: string;
  user_id: string;
  outlet_id: string;
  route_id: string | null;
  territory_path: string;
  visit_date: string;
  planned: boolean;
  checked_in_at: Timestamp;
  check_in_lat: number | null;
  check_in_lng: number | null;
  check_in_accuracy_m: number | null;
  distance_m: number | null;
  outside_radius: ColumnType<boolean, boolean | undefined, boolean>;
  checked_out_at: Timestamp | null;
  outcome: VisitOutcome | null;
  no_order_reason: string | null;
  order_id: string | null;
  note: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface OutletStockAuditsTable {
  org_id: string;
  id: string;
  outlet_id: string;
  visit_id: string | null;
  user_id: string;
  territory_path: string;
  audit_date: string;
  audited_at: Timestamp;
  created_at: DefaultedTimestamp;
}

export interface OutletStockAuditLinesTable {
  org_id: string;
  audit_id: string;
  sku_id: string;
  qty: number;
}

export type OnboardingStatus = "pending" | "approved" | "rejected";

export interface OutletOnboardingsTable {
  org_id: string;
  outlet_id: string;
  requested_by: string;
  requested_at: Timestamp;
  route_id: string | null;
  status: ColumnType<OnboardingStatus, OnboardingStatus | undefined, OnboardingStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reject_reason: string | null;
}

export interface OutletPhotosTable {
  org_id: string;
  id: string;
  outlet_id: string;
  content_type: "image/jpeg" | "image/webp";
  bytes: Buffer;
  taken_at: Timestamp;
  created_by: string;
  created_at: DefaultedTimestamp;
}

export interface VehiclesTable {
  org_id: string;
  id: string;
  distributor_id: string;
  reg_no: string;
  name: string;
  capacity_g: number;
  capacity_cm3: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export type TripStatus = "planned" | "dispatched" | "completed" | "cancelled";
export type DropStatus = "pending" | "delivered" | "partially_delivered" | "failed";

export interface DeliveryTripsTable {
  org_id: string;
  id: string;
  number: string;
  distributor_id: string;
  vehicle_id: string;
  driver_user_id: string;
  trip_date: string;
  route_id: string | null;
  status: Defaulted<TripStatus>;
  note: string | null;
  cancel_reason: string | null;
  dispatched_at: Timestamp | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  last_lat: number | null;
  last_lng: number | null;
  last_located_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface DeliveryDropsTable {
  org_id: string;
  id: string;
  trip_id: string;
  order_id: string;
  seq: number;
  status: Defaulted<DropStatus>;
  failure_reason: string | null;
  failure_note: string | null;
  receiver_name: string | null;
  pod_kind: "signature" | "photo" | null;
  pod_image: Buffer | null;
  pod_mime: "image/png" | "image/jpeg" | "image/webp" | null;
  cash_collected_poisha: DefaultedMoney;
  payment_id: string | null;
  ordered_qty: number | null;
  delivered_qty: number | null;
  ordered_poisha: number | null;
  delivered_poisha: number | null;
  lat: number | null;
  lng: number | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface FieldCommandsTable {
  org_id: string;
  id: string;
  user_id: string;
  kind: string;
  status: "applied" | "rejected";
  result: Json;
  created_on_device_at: Timestamp | null;
  received_at: DefaultedTimestamp;
}

// Trade promotions (S10): campaigns, schemes (targeting and rule as the engine reads them), budgets and grants.
export interface PromoCampaignsTable {
  org_id: string;
  id: string;
  name: string;
  name_bn: string;
  objective: "volume" | "new_outlets";
  valid_from: string;
  valid_to: string;
  budget_poisha: Money | null;
  status: Defaulted<"draft" | "active" | "ended">;
  notes: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

export interface PromoSchemesTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  name_bn: string;
  campaign_id: string | null;
  facing: "secondary" | "primary";
  valid_from: string;
  valid_to: string;
  priority: number;
  stacking: "exclusive" | "stackable";
  claimable: boolean;
  status: Defaulted<"draft" | "active" | "paused" | "ended">;
  targeting: Json;
  rule: Json;
  budget_poisha: Money | null;
  spent_poisha: DefaultedMoney;
  per_outlet_cap_poisha: Money | null;
  notes: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

export interface PromoSchemeOutletUsageTable {
  org_id: string;
  scheme_id: string;
  outlet_id: string;
  spent_poisha: DefaultedMoney;
}

export interface PromoGrantsTable {
  org_id: string;
  id: string;
  order_id: string;
  scheme_id: string;
  outlet_id: string;
  distributor_id: string;
  order_date: string;
  discount_poisha: Money;
  free_value_poisha: Money;
  cost_poisha: Money;
  /** Counts against the scheme's budget (charged at commit by a trigger: migration 2026-11-24-22). */
  charges_budget: Defaulted<boolean>;
  status: Defaulted<"active" | "released">;
  created_at: DefaultedTimestamp;
  released_at: Date | null;
}

// Analytics (A1): rollups kept by the worker from sales_rollup_queue, and the reports people schedule (A2).
export type TargetPeriodKind = "month" | "quarter";
export type TargetSubjectKind = "rep" | "distributor" | "territory" | "outlet";
export type TargetMetric = "value" | "volume" | "focus_sku" | "new_outlets" | "coverage";

export interface TargetsTable {
  org_id: string;
  id: string;
  period_kind: TargetPeriodKind;
  period_start: string;
  subject_kind: TargetSubjectKind;
  subject_id: string;
  metric: TargetMetric;
  sku_id: string | null;
  target_value: Money;
  source: "manual" | "csv" | "split";
  set_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface SalesRollupQueueTable {
  org_id: string;
  id: Generated<string>;
  order_id: string;
  change: "confirmed" | "cancelled" | "delivered" | "returned";
  return_id: string | null;
  queued_at: DefaultedTimestamp;
}

interface SalesMeasures {
  order_lines: Defaulted<number>;
  ordered_qty: Defaulted<number>;
  ordered_poisha: Defaulted<number>;
  delivered_qty: Defaulted<number>;
  delivered_poisha: Defaulted<number>;
  returned_qty: Defaulted<number>;
  returned_poisha: Defaulted<number>;
}

export interface SalesDailyTable extends SalesMeasures {
  org_id: string;
  day: string;
  territory_path: string;
  distributor_id: string;
  sku_id: string;
}

export interface SkuSalesByNodeTable extends SalesMeasures {
  org_id: string;
  node_path: string;
  day: string;
  sku_id: string;
}

export interface TerritorySalesDailyTable extends SalesMeasures {
  org_id: string;
  day: string;
  territory_path: string;
  distributor_id: string;
  orders: Defaulted<number>;
}

export interface OutletSalesDailyTable extends TerritorySalesDailyTable {
  outlet_id: string;
}

export interface SalesRollupStateTable {
  org_id: string;
  applied_at: Timestamp | null;
  rebuilt_at: Timestamp | null;
  warnings_at: Timestamp | null;
}

export interface SalesWarningsTable {
  org_id: string;
  id: string;
  kind: "outlet_stopped" | "sku_falling" | "territory_behind";
  subject_id: string;
  territory_path: string;
  distributor_id: string | null;
  severity: number;
  detail: Json;
  detected_on: string;
}

export interface ReportSchedulesTable {
  org_id: string;
  id: string;
  user_id: string;
  report: string;
  filters: Json;
  frequency: "daily" | "weekly";
  weekday: number | null;
  send_at: string;
  locale: Locale;
  recipients: string[];
  next_run_at: Timestamp;
  last_sent_at: Timestamp | null;
  last_status: "sent" | "failed" | "skipped" | null;
  last_error: string | null;
  archived_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ReplenishmentSettingsTable {
  org_id: string;
  service_level: Defaulted<string>;
  review_days: Defaulted<number>;
  lead_time_days: Defaulted<number>;
  max_cover_days: Defaulted<number>;
  near_expiry_days: Defaulted<number>;
  history_days: Defaulted<number>;
  auto_submit: Defaulted<boolean>;
  updated_by: string | null;
  updated_at: DefaultedTimestamp;
}

export interface DistributorReplenishmentTable {
  org_id: string;
  distributor_id: string;
  lead_time_days: number | null;
  review_days: number | null;
  paused: Defaulted<boolean>;
  updated_at: DefaultedTimestamp;
}

export interface DemandEventsTable {
  org_id: string;
  id: string;
  name: string;
  name_bn: string;
  starts_on: string;
  ends_on: string;
  created_at: DefaultedTimestamp;
}

export interface DemandForecastsTable {
  org_id: string;
  distributor_id: string;
  sku_id: string;
  forecast_from: string;
  daily: number[];
  method: "holt_winters" | "ses" | "sba" | "croston" | "seasonal_naive" | "zero";
  demand_kind: "smooth" | "erratic" | "intermittent" | "lumpy" | "none";
  avg_daily: number;
  sigma_daily: number;
  history_days: number;
  demand_days: number;
  mase: number | null;
  naive_mase: number | null;
  relative_mae: number | null;
  params: Json;
  computed_at: Timestamp;
}

export interface ForecastRunsTable {
  org_id: string;
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  series: number;
  backtested: number;
  median_mase: number | null;
  median_naive_mase: number | null;
  median_relative_mae: number | null;
  methods: Json;
}

export interface ReplenishmentProposalsTable {
  org_id: string;
  id: string;
  distributor_id: string;
  proposed_on: string;
  status: "open" | "approved" | "dismissed" | "superseded";
  line_count: number;
  total_poisha: number;
  primary_order_id: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: DefaultedTimestamp;
}

export interface ReplenishmentProposalLinesTable {
  org_id: string;
  proposal_id: string;
  sku_id: string;
  qty: number;
  unit: string;
  unit_factor: number;
  unit_price_poisha: number;
  on_hand: number;
  reserved: number;
  on_order: number;
  avg_daily: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  days_of_cover: number | null;
  lead_time_days: number;
}

export interface StockAlertsTable {
  org_id: string;
  id: string;
  distributor_id: string;
  sku_id: string;
  kind: "stock_out" | "at_risk" | "over_stock" | "near_expiry";
  batch_id: string | null;
  severity: number;
  detail: Json;
  detected_on: string;
}

export interface StockAlertRunsTable {
  org_id: string;
  generated_at: Timestamp;
  detected_on: string;
}

// Incentive and commission plans (issue 8): plans, and each person's statement per period.
export interface IncentivePlansTable {
  org_id: string;
  id: string;
  name: string;
  name_bn: string;
  applies_to: "rep" | "distributor";
  territory_id: string | null;
  period_kind: "month" | "quarter";
  valid_from: string;
  valid_to: string | null;
  slabs: Json;
  gates: ColumnType<unknown, string | undefined, string>;
  cap_poisha: Money | null;
  kickers: ColumnType<unknown, string | undefined, string>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Timestamp | null;
}

export interface IncentiveStatementsTable {
  org_id: string;
  id: string;
  plan_id: string;
  person_kind: "rep" | "distributor";
  person_id: string;
  person_name: string;
  territory_path: string | null;
  period_start: string;
  period_end: string;
  status: Defaulted<"draft" | "approved" | "paid">;
  net_sales_poisha: Money;
  target_poisha: Money | null;
  attainment_bp: number | null;
  coverage_bp: number | null;
  commission_poisha: Money;
  kickers_poisha: Money;
  cap_removed_poisha: Money;
  clawback_poisha: Money;
  payout_poisha: Money;
  carry_forward_poisha: Money;
  clawback_rate_bp: number;
  clawed_sales_poisha: DefaultedMoney;
  gates_passed: boolean;
  lines: Json;
  computed_at: DefaultedTimestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
  paid_by: string | null;
  paid_at: Timestamp | null;
  payout_reference: string | null;
}

// Distributor claims for the claimable schemes they funded (issue 8): claims, their lines, their transitions.
export type SchemeClaimStatus = "draft" | "submitted" | "approved" | "disputed" | "withdrawn" | "settled";
export interface SchemeClaimsTable {
  org_id: string;
  id: string;
  number: string;
  distributor_id: string;
  period_from: string;
  period_to: string;
  status: Defaulted<SchemeClaimStatus>;
  claimed_poisha: Money;
  approved_poisha: ColumnType<number | null, number | bigint | null | undefined, number | bigint | null>;
  rejected_poisha: DefaultedMoney;
  rejection_reason: string | null;
  payment_reference: string | null;
  paid_on: string | null;
  line_count: number;
  note: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  settled_at: Date | null;
}

export interface SchemeClaimLinesTable {
  org_id: string;
  claim_id: string;
  line_no: number;
  order_id: string;
  scheme_id: string;
  order_number: string;
  scheme_code: string;
  order_date: string;
  kind: "claim" | "adjustment";
  amount_poisha: Money;
  active: Defaulted<boolean>;
}

export interface SchemeClaimEventsTable {
  org_id: string;
  id: string;
  claim_id: string;
  from_status: SchemeClaimStatus | null;
  to_status: SchemeClaimStatus;
  actor_user_id: string | null;
  note: string | null;
  amount_poisha: ColumnType<number | null, number | bigint | null | undefined, number | bigint | null>;
  at: DefaultedTimestamp;
}

// --- CRM core (C1, C2): migration 2026-11-25-1
type DefaultedJson = ColumnType<unknown, string | undefined, string>;
export type AccountKind = "company" | "outlet" | "distributor";
export type LeadSource = "web_form" | "lead_magnet" | "api" | "import" | "manual" | "referral" | "chat";
export type LeadStatus = "new" | "contacted" | "qualified" | "unqualified" | "converted" | "merged";

export interface AccountsTable {
  org_id: string;
  id: string;
  kind: AccountKind;
  name: string;
  outlet_id: string | null;
  distributor_id: string | null;
  territory_id: string | null;
  owner_user_id: string | null;
  industry: string | null;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  custom: DefaultedJson;
  search_text: Defaulted<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

export interface ContactsTable {
  org_id: string;
  id: string;
  account_id: string | null;
  name: string;
  title: string | null;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  email_lower: string | null;
  locale: Defaulted<Locale>;
  territory_id: string | null;
  owner_user_id: string | null;
  source: string | null;
  custom: DefaultedJson;
  search_text: Defaulted<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

export interface LeadsTable {
  org_id: string;
  id: string;
  name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  email_lower: string | null;
  locale: Defaulted<Locale>;
  message: string | null;
  district: string | null;
  source: LeadSource;
  form_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  referrer_url: string | null;
  landing_url: string | null;
  referral_code: string | null;
  territory_id: string | null;
  owner_user_id: string | null;
  status: Defaulted<LeadStatus>;
  merged_into_id: string | null;
  converted_contact_id: string | null;
  converted_account_id: string | null;
  converted_deal_id: string | null;
  converted_at: Date | null;
  custom: DefaultedJson;
  search_text: Defaulted<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface LeadFormsTable {
  org_id: string;
  id: string;
  public_key: string;
  name: string;
  kind: Defaulted<"form" | "magnet">;
  fields: DefaultedJson;
  default_locale: Defaulted<Locale>;
  thank_you_en: Defaulted<string>;
  thank_you_bn: Defaulted<string>;
  magnet_title_en: string | null;
  magnet_title_bn: string | null;
  magnet_description_en: string | null;
  magnet_description_bn: string | null;
  download_url: string | null;
  territory_id: string | null;
  owner_user_id: string | null;
  active: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface LeadAssignmentRulesTable {
  org_id: string;
  id: string;
  position: number;
  name: string;
  match_source: string | null;
  match_form_id: string | null;
  match_utm_campaign: string | null;
  match_territory_id: string | null;
  strategy: "round_robin" | "territory";
  user_ids: Defaulted<string[]>;
  active: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface LeadAssignmentCursorsTable {
  org_id: string;
  rule_id: string;
  last_user_id: string | null;
  assigned_count: Defaulted<number>;
  updated_at: DefaultedTimestamp;
}

// --- Sales path (C3) and activities (C4): migration 2026-11-25-2
export type StageKind = "open" | "won" | "lost" | "after_sale";
export type DealStatus = "open" | "won" | "lost";
export type ActivityKind = "call" | "meeting" | "note" | "task" | "email";
export type CallOutcome = "connected" | "no_answer" | "busy" | "wrong_number" | "voicemail";
export type CrmRecordType = "lead" | "contact" | "account" | "deal" | "ticket";

export interface PipelinesTable {
  org_id: string;
  id: string;
  name: string;
  name_bn: string;
  is_default: Defaulted<boolean>;
  position: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

export interface PipelineStagesTable {
  org_id: string;
  id: string;
  pipeline_id: string;
  position: number;
  name: string;
  name_bn: string;
  kind: StageKind;
  probability_bp: number;
  stuck_after_days: number | null;
  playbook: DefaultedJson;
  archived_at: Date | null;
}

export interface LostReasonsTable {
  org_id: string;
  id: string;
  label: string;
  label_bn: string;
  position: Defaulted<number>;
  archived_at: Date | null;
}

export interface DealsTable {
  org_id: string;
  id: string;
  name: string;
  account_id: string;
  contact_id: string | null;
  lead_id: string | null;
  pipeline_id: string;
  stage_id: string;
  status: Defaulted<DealStatus>;
  lost_reason_id: string | null;
  lost_note: string | null;
  owner_user_id: string | null;
  territory_id: string | null;
  amount_poisha: Money;
  expected_close: string | null;
  board_position: Defaulted<number>;
  custom: DefaultedJson;
  stage_entered_at: DefaultedTimestamp;
  closed_at: Date | null;
  version: Defaulted<number>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

export interface DealStageChangesTable {
  org_id: string;
  id: string;
  deal_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  actor_user_id: string | null;
  at: DefaultedTimestamp;
  lost_reason_id: string | null;
  note: string | null;
}

export interface ActivitiesTable {
  org_id: string;
  id: string;
  kind: ActivityKind;
  subject: string;
  body: string | null;
  owner_user_id: string | null;
  territory_id: string | null;
  occurred_at: DefaultedTimestamp;
  call_outcome: CallOutcome | null;
  call_direction: "outbound" | "inbound" | null;
  duration_seconds: number | null;
  ends_at: Date | null;
  location: string | null;
  attendees: string | null;
  due_at: Date | null;
  remind_at: Date | null;
  reminded_at: Date | null;
  done_at: Date | null;
  email_direction: "sent" | "received" | null;
  email_address: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ActivityLinksTable {
  org_id: string;
  activity_id: string;
  record_type: CrmRecordType;
  record_id: string;
}

// --- loyalty and feedback (C7): migrations/2026-11-25-4_create-loyalty-and-surveys.sql
export type LoyaltyLedgerKind = "earn" | "redeem" | "expire" | "reverse" | "adjust";
export type LoyaltySourceType = "order" | "return" | "redemption" | "manual" | "expiry" | "referral";

export interface LoyaltyProgramsTable {
  org_id: string;
  id: string;
  name: string;
  name_bn: string;
  points_per_100_taka: number;
  outlet_channels: ColumnType<string[], string[] | undefined, string[]>;
  outlet_classes: ColumnType<string[], string[] | undefined, string[]>;
  include_companies: ColumnType<boolean, boolean | undefined, boolean>;
  expiry_months: number | null;
  referral_bonus_points: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface LoyaltyTiersTable {
  org_id: string;
  id: string;
  program_id: string;
  name: string;
  name_bn: string;
  threshold_points: number;
  multiplier_bp: number;
}

export interface LoyaltyMembersTable {
  org_id: string;
  id: string;
  program_id: string;
  account_id: string;
  outlet_id: string | null;
  referral_code: string;
  joined_at: DefaultedTimestamp;
}

export interface LoyaltyLedgerTable {
  org_id: string;
  id: string;
  member_id: string;
  kind: LoyaltyLedgerKind;
  points: number;
  source_type: LoyaltySourceType;
  source_id: string | null;
  source_key: string;
  entry_date: string;
  expires_on: string | null;
  value_poisha: ColumnType<number | null, number | bigint | null | undefined, number | bigint | null>;
  multiplier_bp: number | null;
  note: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface LoyaltyRewardsTable {
  org_id: string;
  id: string;
  program_id: string;
  name: string;
  name_bn: string;
  points_cost: number;
  stock: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface LoyaltyRedemptionsTable {
  org_id: string;
  id: string;
  member_id: string;
  reward_id: string;
  points: number;
  status: ColumnType<"pending" | "fulfilled" | "cancelled", "pending" | "fulfilled" | "cancelled" | undefined>;
  requested_by: string | null;
  note: string | null;
  created_at: DefaultedTimestamp;
  fulfilled_at: Timestamp | null;
  cancelled_at: Timestamp | null;
}

export interface LoyaltyJobMarksTable {
  org_id: string;
  name: string;
  through: Timestamp;
}

export interface SurveysTable {
  org_id: string;
  id: string;
  kind: "nps" | "csat";
  name: string;
  question: string;
  question_bn: string;
  trigger: "delivery" | "ticket" | "manual";
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface SurveyInvitationsTable {
  org_id: string;
  id: string;
  survey_id: string;
  token: string;
  source_type: "order" | "ticket" | "manual";
  source_id: string;
  account_id: string | null;
  outlet_id: string | null;
  email: string | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  channel: string | null;
  outlet_class: string | null;
  territory_id: string | null;
  account_kind: string | null;
  ticket_type: string | null;
  email_status: ColumnType<"none" | "pending" | "sent" | "failed", "none" | "pending" | "sent" | "failed" | undefined>;
  email_error: string | null;
  emailed_at: Timestamp | null;
  score: number | null;
  comment: string | null;
  answer_locale: Locale | null;
  answered_at: Timestamp | null;
  created_at: DefaultedTimestamp;
}

// --- CRM custom fields and segments (C2): migration 2026-11-25-5
export interface CrmCustomFieldsTable {
  org_id: string;
  id: string;
  entity: "contact" | "account" | "lead" | "deal";
  key: string;
  label_en: string;
  label_bn: string;
  type: "text" | "number" | "date" | "choice";
  options: DefaultedJson;
  required: Defaulted<boolean>;
  position: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

export interface CrmSegmentsTable {
  org_id: string;
  id: string;
  entity: "contact" | "account";
  name: string;
  filter: ColumnType<unknown, string, string>;
  shared: Defaulted<boolean>;
  owner_user_id: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  archived_at: Date | null;
}

// --- service desk (C5): tickets, SLA, knowledge base

export type TicketType = "question" | "complaint" | "suggestion";
export type TicketChannel = "web_form" | "email" | "chat" | "phone" | "manual";
export type TicketPriority = "low" | "normal" | "high" | "urgent";
export type TicketStatus = "new" | "open" | "pending" | "resolved" | "closed";

export interface ServiceCalendarsTable {
  org_id: string;
  time_zone: Defaulted<string>;
  week: ColumnType<unknown, string, string>;
  holidays: DefaultedJson;
  updated_at: DefaultedTimestamp;
}

export interface SlaPoliciesTable {
  org_id: string;
  priority: TicketPriority;
  first_response_minutes: number;
  resolution_minutes: number;
  escalate_priority: Defaulted<boolean>;
  escalate_to_user_id: string | null;
  updated_at: DefaultedTimestamp;
}

export interface TicketsTable {
  org_id: string;
  id: string;
  number: string;
  type: TicketType;
  channel: TicketChannel;
  priority: TicketPriority;
  status: TicketStatus;
  subject: string;
  description: Defaulted<string>;
  contact_id: string | null;
  account_id: string | null;
  requester_name: string | null;
  requester_phone: string | null;
  requester_email: string | null;
  locale: Defaulted<Locale>;
  owner_user_id: string | null;
  territory_id: string | null;
  resolution: string | null;
  escalation_level: Defaulted<number>;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  first_responded_at: Date | null;
  first_response_breached_at: Date | null;
  resolution_breached_at: Date | null;
  sla_paused_at: Date | null;
  paused_business_minutes: Defaulted<number>;
  resolved_at: Date | null;
  closed_at: Date | null;
  created_by_user_id: string | null;
  search_text: Defaulted<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface TicketMessagesTable {
  org_id: string;
  id: string;
  ticket_id: string;
  kind: "public" | "internal";
  author_kind: "agent" | "requester";
  author_user_id: string | null;
  author_name: string | null;
  body: string;
  channel: TicketChannel;
  created_at: DefaultedTimestamp;
}

export interface TicketEventsTable {
  org_id: string;
  id: string;
  ticket_id: string;
  actor_user_id: string | null;
  kind: string;
  data: DefaultedJson;
  created_at: DefaultedTimestamp;
}

export interface KbArticlesTable {
  org_id: string;
  id: string;
  status: Defaulted<"draft" | "published">;
  category: string | null;
  title_bn: Defaulted<string>;
  title_en: Defaulted<string>;
  body_bn: Defaulted<string>;
  body_en: Defaulted<string>;
  source_ticket_id: string | null;
  views: Defaulted<number>;
  helpful_yes: Defaulted<number>;
  helpful_no: Defaulted<number>;
  search_text_bn: Defaulted<string>;
  search_text_en: Defaulted<string>;
  created_by_user_id: string | null;
  published_at: Date | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface Database {
  orgs: OrgsTable;
  territories: TerritoriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  schema_migrations: SchemaMigrationsTable;
  distributors: DistributorsTable;
  distributor_territories: DistributorTerritoriesTable;
  outlets: OutletsTable;
  outlet_assignments: OutletAssignmentsTable;
  route_assignments: RouteAssignmentsTable;
  brands: BrandsTable;
  categories: CategoriesTable;
  skus: SkusTable;
  sku_units: SkuUnitsTable;
  price_lists: PriceListsTable;
  price_list_items: PriceListItemsTable;
  document_counters: DocumentCountersTable;
  stock_batches: StockBatchesTable;
  stock_movements: StockMovementsTable;
  stock_balances: StockBalancesTable;
  stock_batch_balances: StockBatchBalancesTable;
  stock_counts: StockCountsTable;
  stock_count_lines: StockCountLinesTable;
  secondary_orders: SecondaryOrdersTable;
  secondary_order_lines: SecondaryOrderLinesTable;
  secondary_order_events: SecondaryOrderEventsTable;
  order_returns: OrderReturnsTable;
  order_return_lines: OrderReturnLinesTable;
  receivable_entries: ReceivableEntriesTable;
  payments: PaymentsTable;
  primary_orders: PrimaryOrdersTable;
  primary_order_lines: PrimaryOrderLinesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  org_mfa_required_roles: OrgMfaRequiredRolesTable;
  mfa_challenges: MfaChallengesTable;
  field_settings: FieldSettingsTable;
  no_order_reasons: NoOrderReasonsTable;
  must_sell_skus: MustSellSkusTable;
  beat_days: BeatDaysTable;
  beat_stops: BeatStopsTable;
  attendance_days: AttendanceDaysTable;
  visits: VisitsTable;
  outlet_stock_audits: OutletStockAuditsTable;
  outlet_stock_audit_lines: OutletStockAuditLinesTable;
  outlet_onboardings: OutletOnboardingsTable;
  outlet_photos: OutletPhotosTable;
  field_commands: FieldCommandsTable;
  vehicles: VehiclesTable;
  delivery_trips: DeliveryTripsTable;
  delivery_drops: DeliveryDropsTable;
  promo_campaigns: PromoCampaignsTable;
  promo_schemes: PromoSchemesTable;
  promo_scheme_outlet_usage: PromoSchemeOutletUsageTable;
  promo_grants: PromoGrantsTable;
  targets: TargetsTable;
  sales_rollup_queue: SalesRollupQueueTable;
  sales_daily: SalesDailyTable;
  sku_sales_by_node: SkuSalesByNodeTable;
  territory_sales_daily: TerritorySalesDailyTable;
  outlet_sales_daily: OutletSalesDailyTable;
  sales_rollup_state: SalesRollupStateTable;
  sales_warnings: SalesWarningsTable;
  report_schedules: ReportSchedulesTable;
  replenishment_settings: ReplenishmentSettingsTable;
  distributor_replenishment: DistributorReplenishmentTable;
  demand_events: DemandEventsTable;
  demand_forecasts: DemandForecastsTable;
  forecast_runs: ForecastRunsTable;
  replenishment_proposals: ReplenishmentProposalsTable;
  replenishment_proposal_lines: ReplenishmentProposalLinesTable;
  stock_alerts: StockAlertsTable;
  stock_alert_runs: StockAlertRunsTable;
  incentive_plans: IncentivePlansTable;
  incentive_statements: IncentiveStatementsTable;
  scheme_claims: SchemeClaimsTable;
  scheme_claim_lines: SchemeClaimLinesTable;
  scheme_claim_events: SchemeClaimEventsTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  leads: LeadsTable;
  service_calendars: ServiceCalendarsTable;
  sla_policies: SlaPoliciesTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_events: TicketEventsTable;
  kb_articles: KbArticlesTable;
  crm_custom_fields: CrmCustomFieldsTable;
  crm_segments: CrmSegmentsTable;
  lead_forms: LeadFormsTable;
  lead_assignment_rules: LeadAssignmentRulesTable;
  lead_assignment_cursors: LeadAssignmentCursorsTable;
  pipelines: PipelinesTable;
  pipeline_stages: PipelineStagesTable;
  lost_reasons: LostReasonsTable;
  deals: DealsTable;
  deal_stage_changes: DealStageChangesTable;
  activities: ActivitiesTable;
  activity_links: ActivityLinksTable;
  loyalty_programs: LoyaltyProgramsTable;
  loyalty_tiers: LoyaltyTiersTable;
  loyalty_members: LoyaltyMembersTable;
  loyalty_ledger: LoyaltyLedgerTable;
  loyalty_rewards: LoyaltyRewardsTable;
  loyalty_redemptions: LoyaltyRedemptionsTable;
  loyalty_job_marks: LoyaltyJobMarksTable;
  surveys: SurveysTable;
  survey_invitations: SurveyInvitationsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Territory = Selectable<TerritoriesTable>;
export type Org = Selectable<OrgsTable>;
