// Delivery and logistics (S8): vehicles, drivers, trips with their drops, the orders a planned trip can take,
// the printable pick list / load sheet / challans, and the metrics. A trip's change also moves orders, stock,
// dues and payments (dispatch, a delivery keyed in from a paper POD), so those caches are refreshed with it.
import {
  keepPreviousData,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AssignableOrdersQuery,
  AssignableOrdersResponse,
  ChallansResponse,
  CreateTripRequest,
  CreateVehicleRequest,
  DeliverDropRequest,
  DeliveryMetricsQuery,
  DeliveryMetricsResponse,
  DriverListResponse,
  DropOutcomeResponse,
  FailDropRequest,
  LoadSheetResponse,
  PickListResponse,
  TripDetail,
  TripListQuery,
  TripListResponse,
  TripSummary,
  UpdateTripRequest,
  UpdateVehicleRequest,
  Vehicle,
} from "../../../shared/contracts/delivery.ts";
import { api, apiRequest } from "../../api/api-client.ts";
import { resourceKeys } from "../../api/query-keys.ts";
import { ORDER_SIDE_EFFECT_KEYS, secondaryOrderKeys } from "../orders/use-secondary-orders.ts";

const BASE = "/api/v1/delivery";

export const tripKeys = {
  ...resourceKeys("delivery-trips"),
  assignable: (tripId: string, filters: object) => ["delivery-trips", "assignable", tripId, filters] as const,
  document: (tripId: string, doc: string) => ["delivery-trips", "document", tripId, doc] as const,
};
export const vehicleKeys = resourceKeys("delivery-vehicles");
export const driverKeys = resourceKeys("delivery-drivers");
export const metricsKeys = resourceKeys("delivery-metrics");

/** How often the trips list and a trip on the road ask again, so the distributor sees drops as they happen. */
export const LIVE_TRIP_REFRESH_MS = 10_000;

export type TripFilters = Partial<Omit<TripListQuery, "cursor" | "limit">>;
export type TripList = z.infer<typeof TripListResponse>;
export type AssignableOrders = z.infer<typeof AssignableOrdersResponse>;
export type AssignableOrder = AssignableOrders["items"][number];
export type AssignableFilters = Partial<Omit<AssignableOrdersQuery, "limit">>;
export type Driver = z.infer<typeof DriverListResponse>["items"][number];
export type PickList = z.infer<typeof PickListResponse>;
export type LoadSheet = z.infer<typeof LoadSheetResponse>;
export type Challans = z.infer<typeof ChallansResponse>;
export type DeliveryMetrics = z.infer<typeof DeliveryMetricsResponse>;
export type DeliveryMetricsRow = DeliveryMetrics["totals"];
export type DropOutcome = z.infer<typeof DropOutcomeResponse>;
export type CreateTripBody = z.input<typeof CreateTripRequest>;
export type UpdateTripBody = z.input<typeof UpdateTripRequest>;
export type CreateVehicleBody = z.input<typeof CreateVehicleRequest>;
export type UpdateVehicleBody = z.input<typeof UpdateVehicleRequest>;
export type DeliverDropBody = z.input<typeof DeliverDropRequest>;
export type FailDropBody = z.input<typeof FailDropRequest>;
export type { TripDetail, TripSummary, Vehicle };

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

// --- vehicles and drivers

export function useVehicles(filters: { distributorId?: string | undefined; includeArchived?: boolean }) {
  return useQuery({
    queryKey: vehicleKeys.list(filters),
    queryFn: ({ signal }) =>
      api.get<{ items: Vehicle[] }>(
        `${BASE}/vehicles`,
        { distributorId: filters.distributorId, includeArchived: filters.includeArchived || undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDrivers(distributorId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: driverKeys.list({ distributorId }),
    queryFn: ({ signal }) => api.get<{ items: Driver[] }>(`${BASE}/drivers`, { distributorId }, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useCreateVehicle(
  options: MutationOpts<Vehicle, { body: CreateVehicleBody; idempotencyKey: string }> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<Vehicle>(`${BASE}/vehicles`, body, idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: vehicleKeys.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateVehicle(options: MutationOpts<Vehicle, { id: string; body: UpdateVehicleBody }> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<Vehicle>(`${BASE}/vehicles/${id}`, body),
    onSuccess: async (...args) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: vehicleKeys.all }),
        qc.invalidateQueries({ queryKey: tripKeys.all }),
      ]);
      await options.onSuccess?.(...args);
    },
  });
}

// --- trips

/** Whether a trip's state can still change by itself (a driver on the road). */
export const isLiveTrip = (t: Pick<TripSummary, "status">): boolean => t.status === "dispatched";

export function useTrips(filters: TripFilters) {
  return useInfiniteQuery({
    queryKey: tripKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TripList>(`${BASE}/trips`, { ...filters, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // Only while a trip of the list is on the road: a day of planned or finished trips does not change by itself.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some(isLiveTrip)) ? LIVE_TRIP_REFRESH_MS : false,
  });
}

export function useTrip(id: string) {
  return useQuery({
    queryKey: tripKeys.detail(id),
    queryFn: ({ signal }) => api.get<TripDetail>(`${BASE}/trips/${id}`, undefined, signal),
    refetchInterval: (query) => (query.state.data && isLiveTrip(query.state.data) ? LIVE_TRIP_REFRESH_MS : false),
  });
}

export function useAssignableOrders(tripId: string, filters: AssignableFilters, enabled: boolean) {
  return useQuery({
    queryKey: tripKeys.assignable(tripId, filters),
    queryFn: ({ signal }) =>
      api.get<AssignableOrders>(`${BASE}/trips/${tripId}/assignable-orders`, { ...filters, limit: 300 }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Put the trip the server answered into the cache, and refresh everything the change can have moved. */
function useTripChanged() {
  const qc = useQueryClient();
  return async (trip?: TripDetail, options: { ordersMoved?: boolean } = {}) => {
    if (trip) qc.setQueryData(tripKeys.detail(trip.id), trip);
    await Promise.all([
      qc.invalidateQueries({ queryKey: tripKeys.lists() }),
      qc.invalidateQueries({ queryKey: ["delivery-trips", "assignable"] }),
      qc.invalidateQueries({ queryKey: ["delivery-trips", "document"] }),
      qc.invalidateQueries({ queryKey: metricsKeys.all }),
      ...(options.ordersMoved
        ? [secondaryOrderKeys.all, ...ORDER_SIDE_EFFECT_KEYS].map((queryKey) => qc.invalidateQueries({ queryKey }))
        : []),
    ]);
  };
}

export function useCreateTrip(
  options: MutationOpts<TripDetail, { body: CreateTripBody; idempotencyKey: string }> = {},
) {
  const changed = useTripChanged();
  return useMutation({
    ...options,
    mutationFn: ({ body, idempotencyKey }) => api.post<TripDetail>(`${BASE}/trips`, body, idempotencyKey),
    onSuccess: async (...args) => {
      await changed(args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useUpdateTrip(options: MutationOpts<TripDetail, { id: string; body: UpdateTripBody }> = {}) {
  const changed = useTripChanged();
  return useMutation({
    ...options,
    mutationFn: ({ id, body }) => api.patch<TripDetail>(`${BASE}/trips/${id}`, body),
    onSuccess: async (...args) => {
      await changed(args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export type TripChange =
  | { tripId: string; kind: "assign"; orderIds: string[] }
  | { tripId: string; kind: "unassign"; dropId: string }
  | { tripId: string; kind: "reorder"; dropIds: string[] }
  | { tripId: string; kind: "dispatch" }
  | { tripId: string; kind: "complete" }
  | { tripId: string; kind: "cancel"; reason: string };

function sendChange(c: TripChange): Promise<TripDetail> {
  const trip = `${BASE}/trips/${c.tripId}`;
  switch (c.kind) {
    case "assign":
      return api.post<TripDetail>(`${trip}/drops`, { orderIds: c.orderIds });
    case "unassign":
      return apiRequest<TripDetail>("DELETE", `${trip}/drops/${c.dropId}`);
    case "reorder":
      return api.post<TripDetail>(`${trip}/drops/reorder`, { dropIds: c.dropIds });
    case "dispatch":
      return api.post<TripDetail>(`${trip}/dispatch`);
    case "complete":
      return api.post<TripDetail>(`${trip}/complete`);
    case "cancel":
      return api.post<TripDetail>(`${trip}/cancel`, { reason: c.reason });
  }
}

/** Every change of a trip's plan or state; the server answers with the whole trip (drops, load, actions). */
export function useTripChange(options: MutationOpts<TripDetail, TripChange> = {}) {
  const changed = useTripChanged();
  return useMutation({
    ...options,
    mutationFn: sendChange,
    onSuccess: async (...args) => {
      const kind = args[1].kind;
      await changed(args[0], { ordersMoved: kind === "dispatch" || kind === "complete" || kind === "cancel" });
      await options.onSuccess?.(...args);
    },
  });
}

/** A drop's outcome keyed in at the office (from a paper POD); the driver's phone uses its own outbox. */
export function useDropOutcome(
  options: MutationOpts<
    DropOutcome,
    | { dropId: string; kind: "deliver"; body: DeliverDropBody; idempotencyKey: string }
    | { dropId: string; kind: "fail"; body: FailDropBody; idempotencyKey: string }
  > = {},
) {
  const changed = useTripChanged();
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (v) => api.post<DropOutcome>(`${BASE}/drops/${v.dropId}/${v.kind}`, v.body, v.idempotencyKey),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: tripKeys.detail(args[0].tripId) });
      await changed(undefined, { ordersMoved: true });
      await options.onSuccess?.(...args);
    },
  });
}

// --- documents and metrics

const DOC_PATHS = { pick: "pick-list", load: "load-sheet", challan: "challans" } as const;
export type TripDocKind = keyof typeof DOC_PATHS;
export interface TripDocs {
  pick: PickList;
  load: LoadSheet;
  challan: Challans;
}

export function useTripDocument<K extends TripDocKind>(tripId: string, doc: K) {
  return useQuery({
    queryKey: tripKeys.document(tripId, doc),
    queryFn: ({ signal }) => api.get<TripDocs[K]>(`${BASE}/trips/${tripId}/${DOC_PATHS[doc]}`, undefined, signal),
  });
}

export function useDeliveryMetrics(query: DeliveryMetricsQuery) {
  return useQuery({
    queryKey: metricsKeys.list(query),
    queryFn: ({ signal }) => api.get<DeliveryMetrics>(`${BASE}/metrics`, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
