// /trips/$tripId: one trip. While planned it is the planner (orders to add, the drop list to reorder, the load
// against the vehicle's capacity, dispatch); on the road and after, the live view of every drop (status, proof of
// delivery, cash, why a drop failed), refreshed every 10 seconds while dispatched. The buttons are exactly the
// trip's `actions` from the server.
import {
  Anchor,
  Button,
  Group,
  Loader,
  Menu,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ConfirmButton } from "../../ui/confirm-button.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { nameIn } from "./delivery-labels.ts";
import { TripDrops } from "./trip-drops.tsx";
import { DropProgress, TripStatusBadge } from "./trip-list-page.tsx";
import { TripLoadBars } from "./trip-load.tsx";
import { TripPlanner } from "./trip-planner.tsx";
import {
  isLiveTrip,
  LIVE_TRIP_REFRESH_MS,
  type TripDetail,
  useDrivers,
  useTrip,
  useTripChange,
  useUpdateTrip,
  useVehicles,
} from "./use-delivery.ts";

const route = getRouteApi("/_app/trips/$tripId");

export function TripPage() {
  const { t } = useTranslation();
  const { tripId } = route.useParams();
  const trip = useTrip(tripId);
  if (trip.error) return <ErrorAlert error={trip.error} />;
  if (!trip.data) return <Text c="dimmed">{t("delivery.common.loading")}</Text>;
  return <TripView trip={trip.data} fetching={trip.isFetching} updatedAt={trip.dataUpdatedAt} />;
}

function TripView({ trip, fetching, updatedAt }: { trip: TripDetail; fetching: boolean; updatedAt: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [dialog, setDialog] = useState<"edit" | "cancel" | null>(null);
  const change = useTripChange({
    meta: { inlineError: true },
    onSuccess: (after, vars) => {
      if (vars.kind === "dispatch" || vars.kind === "complete" || vars.kind === "cancel")
        notifications.show({ color: "teal", message: t(`delivery.tripStatus.${after.status}`) });
    },
  });
  const can = (a: TripDetail["actions"][number]) => trip.actions.includes(a);
  const printHref = (doc: "pick" | "load" | "challan") => `/print/trips/${trip.id}?doc=${doc}&lang=${locale}`;
  const planning = can("assign");

  return (
    <Stack gap="md" data-testid="trip-detail" data-status={trip.status}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2} data-testid="trip-number">
              {trip.number}
            </Title>
            <TripStatusBadge status={trip.status} />
          </Group>
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              <DateText value={trip.tripDate} /> ·{" "}
              {nameIn({ name: trip.distributorName, nameBn: trip.distributorNameBn }, locale)}
            </Text>
            {isLiveTrip(trip) ? (
              <Text size="xs" c="dimmed" data-testid="trip-live-note">
                · {t("delivery.live.updated")} <DateTimeText value={new Date(updatedAt)} /> ·{" "}
                {t("delivery.live.autoRefresh", { seconds: fmt.number(LIVE_TRIP_REFRESH_MS / 1000) })}
              </Text>
            ) : null}
            {fetching ? <Loader size="xs" /> : null}
          </Group>
        </div>
        <Group gap="xs">
          {can("edit") ? (
            <Button variant="default" onClick={() => setDialog("edit")} data-testid="trip-edit">
              {t("delivery.trip.edit")}
            </Button>
          ) : null}
          {can("dispatch") ? (
            <ConfirmButton
              color="violet"
              title={t("delivery.trip.dispatchTitle")}
              message={t("delivery.trip.dispatchConfirm", {
                drops: fmt.number(trip.dropCounts.total),
                vehicle: trip.vehicleRegNo,
                driver: trip.driverName,
              })}
              confirmLabel={t("delivery.trip.dispatch")}
              loading={change.isPending && change.variables?.kind === "dispatch"}
              disabled={trip.dropCounts.total === 0}
              onConfirm={() => change.mutate({ tripId: trip.id, kind: "dispatch" })}
              data-testid="trip-dispatch"
            >
              {t("delivery.trip.dispatch")}
            </ConfirmButton>
          ) : null}
          {can("complete") ? (
            <ConfirmButton
              color="teal"
              title={t("delivery.trip.completeTitle")}
              message={
                trip.dropCounts.pending > 0
                  ? t("delivery.trip.completeConfirmPending", { pending: fmt.number(trip.dropCounts.pending) })
                  : t("delivery.trip.completeConfirm")
              }
              confirmLabel={t("delivery.trip.complete")}
              loading={change.isPending && change.variables?.kind === "complete"}
              onConfirm={() => change.mutate({ tripId: trip.id, kind: "complete" })}
              data-testid="trip-complete"
            >
              {t("delivery.trip.complete")}
            </ConfirmButton>
          ) : null}
          {can("cancel") ? (
            <Button color="red" variant="light" onClick={() => setDialog("cancel")} data-testid="trip-cancel">
              {t("delivery.trip.cancel")}
            </Button>
          ) : null}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" disabled={trip.dropCounts.total === 0} data-testid="trip-print">
                {t("delivery.print.print")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={printHref("pick")} data-testid="print-pick">
                {t("delivery.print.pickList")}
              </Menu.Item>
              <Menu.Item component="a" href={printHref("load")} data-testid="print-load">
                {t("delivery.print.loadSheet")}
              </Menu.Item>
              <Menu.Item component="a" href={printHref("challan")} data-testid="print-challans">
                {t("delivery.print.challans")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <Fact label={t("delivery.common.vehicle")}>
          {trip.vehicleRegNo}
          <Text span size="xs" c="dimmed">
            {" "}
            {trip.vehicleName}
          </Text>
        </Fact>
        <Fact label={t("delivery.common.driver")}>
          {trip.driverName}
          {trip.driverPhone ? (
            <Anchor href={`tel:${trip.driverPhone}`} size="xs" ml={6}>
              {trip.driverPhone}
            </Anchor>
          ) : null}
        </Fact>
        <Fact label={t("delivery.common.route")}>
          {trip.routeName ? nameIn({ name: trip.routeName, nameBn: trip.routeNameBn }, locale) : "—"}
        </Fact>
        <Fact label={t("delivery.trip.lastLocation")}>
          {trip.lastLocation ? (
            <Anchor
              href={`https://www.google.com/maps/search/?api=1&query=${trip.lastLocation.lat},${trip.lastLocation.lng}`}
              target="_blank"
              rel="noreferrer"
              size="sm"
              data-testid="trip-last-location"
            >
              <DateTimeText value={trip.lastLocation.at} />
            </Anchor>
          ) : (
            "—"
          )}
        </Fact>
      </SimpleGrid>
      {trip.note ? (
        <Text size="sm">
          {t("delivery.trips.note")}: {trip.note}
        </Text>
      ) : null}
      {trip.cancelReason ? (
        <Text size="sm" c="red">
          {t("delivery.trip.cancelReason")}: {trip.cancelReason}
        </Text>
      ) : null}
      <ErrorAlert error={change.error} />

      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <TripLoadBars load={trip.load} title={t("delivery.load.title")} />
        <Paper withBorder p="sm">
          <Text size="sm" fw={600} mb={6}>
            {t("delivery.trip.drops")}
          </Text>
          <DropProgress drops={trip.dropCounts} />
        </Paper>
        <Paper withBorder p="sm" data-testid="trip-money">
          <Group justify="space-between">
            <Text size="sm">{t("delivery.trip.orderValue")}</Text>
            <Money size="sm" poisha={trip.orderValuePoisha} />
          </Group>
          <Group justify="space-between">
            <Text size="sm">{t("delivery.trips.delivered")}</Text>
            <Money size="sm" poisha={trip.deliveredValuePoisha} data-testid="trip-delivered-value" />
          </Group>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t("delivery.trips.cash")}
            </Text>
            <Money size="sm" fw={600} poisha={trip.cashCollectedPoisha} data-testid="trip-cash" />
          </Group>
        </Paper>
      </SimpleGrid>

      {planning ? <TripPlanner trip={trip} /> : null}
      <TripDrops trip={trip} editable={planning} />

      <Link to="/trips" search={{ date: trip.tripDate }} style={{ textDecoration: "none" }}>
        <Text size="sm" c="blue">
          ← {t("delivery.trips.title")}
        </Text>
      </Link>

      {can("edit") ? <EditTripModal trip={trip} opened={dialog === "edit"} onClose={() => setDialog(null)} /> : null}
      <CancelTripModal
        opened={dialog === "cancel"}
        onClose={() => setDialog(null)}
        loading={change.isPending && change.variables?.kind === "cancel"}
        onCancel={(reason) =>
          change.mutate({ tripId: trip.id, kind: "cancel", reason }, { onSuccess: () => setDialog(null) })
        }
      />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </Paper>
  );
}

function CancelTripModal({
  opened,
  onClose,
  onCancel,
  loading,
}: {
  opened: boolean;
  onClose: () => void;
  onCancel: (reason: string) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  return (
    <Modal opened={opened} onClose={onClose} title={t("delivery.trip.cancelTitle")} centered>
      <Stack gap="sm">
        <Text size="sm">{t("delivery.trip.cancelExplain")}</Text>
        <Textarea
          label={t("delivery.trip.cancelReason")}
          required
          autosize
          minRows={2}
          maxLength={300}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="trip-cancel-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            disabled={reason.trim() === ""}
            loading={loading}
            onClick={() => onCancel(reason.trim())}
            data-testid="trip-cancel-ok"
          >
            {t("delivery.trip.cancel")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EditTripModal({ trip, opened, onClose }: { trip: TripDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const today = businessDate();
  const vehicles = useVehicles({ distributorId: trip.distributorId });
  const drivers = useDrivers(trip.distributorId, opened);
  const [form, setForm] = useState({
    vehicleId: trip.vehicleId,
    driverUserId: trip.driverUserId,
    tripDate: trip.tripDate,
    note: trip.note ?? "",
  });
  const update = useUpdateTrip({ meta: { inlineError: true }, onSuccess: onClose });
  return (
    <Modal opened={opened} onClose={onClose} title={t("delivery.trip.edit")} centered>
      <Stack gap="sm">
        <Select
          label={t("delivery.common.vehicle")}
          required
          value={form.vehicleId}
          onChange={(v) => v && setForm((f) => ({ ...f, vehicleId: v }))}
          data={(vehicles.data?.items ?? [])
            .filter((v) => !v.archivedAt || v.id === trip.vehicleId)
            .map((v) => ({ value: v.id, label: `${v.regNo} · ${v.name}` }))}
          data-testid="trip-edit-vehicle"
        />
        <Select
          label={t("delivery.common.driver")}
          required
          value={form.driverUserId}
          onChange={(v) => v && setForm((f) => ({ ...f, driverUserId: v }))}
          data={[
            ...(drivers.data?.items ?? []).map((d) => ({ value: d.userId, label: d.name })),
            ...(drivers.data?.items.some((d) => d.userId === trip.driverUserId)
              ? []
              : [{ value: trip.driverUserId, label: trip.driverName }]),
          ]}
        />
        <TextInput
          type="date"
          label={t("delivery.trips.date")}
          min={today}
          value={form.tripDate}
          onChange={(e) => setForm((f) => ({ ...f, tripDate: e.currentTarget.value || f.tripDate }))}
        />
        <Textarea
          label={t("delivery.trips.note")}
          autosize
          minRows={2}
          maxLength={500}
          value={form.note}
          onChange={(e) => setForm((f) => ({ ...f, note: e.currentTarget.value }))}
        />
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            loading={update.isPending}
            onClick={() =>
              update.mutate({
                id: trip.id,
                body: {
                  vehicleId: form.vehicleId,
                  driverUserId: form.driverUserId,
                  tripDate: form.tripDate,
                  note: form.note.trim() ? form.note.trim() : null,
                },
              })
            }
            data-testid="trip-edit-save"
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
