// The delivery screens as the router loads them (one lazy chunk), each behind the permission it needs; the server
// checks again, and narrows every answer to the caller's distributors.
import { RequirePermission } from "../../ui/status-pages.tsx";
import { DeliveryMetricsPage } from "./delivery-metrics-page.tsx";
import { TripListPage } from "./trip-list-page.tsx";
import { TripPage } from "./trip-page.tsx";
import { VehiclesPage } from "./vehicles-page.tsx";

export function TripsRoute() {
  return (
    <RequirePermission permission="delivery.read">
      <TripListPage />
    </RequirePermission>
  );
}

export function TripRoute() {
  return (
    <RequirePermission permission="delivery.read">
      <TripPage />
    </RequirePermission>
  );
}

export function VehiclesRoute() {
  return (
    <RequirePermission permission="delivery.read">
      <VehiclesPage />
    </RequirePermission>
  );
}

export function DeliveryMetricsRoute() {
  return (
    <RequirePermission permission="delivery.read">
      <DeliveryMetricsPage />
    </RequirePermission>
  );
}
